package org.jailsh.model

import org.jailsh.spi.ValidationException
import spock.lang.Specification

class IocagePropertiesSpec extends Specification {

    def "#name defaults to #value (#type), as iocage's defaults.json has it"() {
        given:
        Property p = IocageProperties.require(name)

        expect:
        p.defaultValue() == value
        p.defaultValue()?.getClass() == value?.getClass()
        p.type() == type

        where:
        name                     | value                      | type
        'CONFIG_VERSION'         | '29'                       | PropertyType.TEXT
        'interfaces'             | 'vnet0:bridge0'            | PropertyType.TEXT
        'vnet'                   | 0                          | PropertyType.FLAG
        'priority'               | '99'                       | PropertyType.TEXT
        'host_domainname'        | 'none'                     | PropertyType.TEXT
        'exec_fib'               | '0'                        | PropertyType.TEXT
        'ip4_addr'               | 'none'                     | PropertyType.TEXT
        'ip4_saddrsel'           | 1                          | PropertyType.FLAG
        'ip4'                    | 'new'                      | PropertyType.TEXT
        'defaultrouter'          | 'auto'                     | PropertyType.TEXT
        'defaultrouter6'         | 'auto'                     | PropertyType.TEXT
        'resolver'               | '/etc/resolv.conf'         | PropertyType.TEXT
        'vnet0_mac'              | 'none'                     | PropertyType.TEXT
        'vnet3_mtu'              | 'auto'                     | PropertyType.TEXT
        'vnet_default_mtu'       | '1500'                     | PropertyType.TEXT
        'vnet_default_interface' | 'auto'                     | PropertyType.TEXT
        'devfs_ruleset'          | '4'                        | PropertyType.TEXT
        'min_dyn_devfs_ruleset'  | '1000'                     | PropertyType.TEXT
        'exec_start'             | '/bin/sh /etc/rc'          | PropertyType.TEXT
        'exec_stop'              | '/bin/sh /etc/rc.shutdown' | PropertyType.TEXT
        'exec_prestart'          | '/usr/bin/true'            | PropertyType.TEXT
        'exec_created'           | '/usr/bin/true'            | PropertyType.TEXT
        'exec_clean'             | 1                          | PropertyType.FLAG
        'exec_timeout'           | '60'                       | PropertyType.TEXT
        'stop_timeout'           | '30'                       | PropertyType.TEXT
        'exec_system_jail_user'  | '0'                        | PropertyType.TEXT
        'mount_devfs'            | 1                          | PropertyType.FLAG
        'mount_procfs'           | 0                          | PropertyType.FLAG
        'enforce_statfs'         | '2'                        | PropertyType.TEXT
        'login_flags'            | '-f root'                  | PropertyType.TEXT
        'securelevel'            | '2'                        | PropertyType.TEXT
        'sysvshm'                | 'new'                      | PropertyType.TEXT
        'allow_set_hostname'     | 1                          | PropertyType.FLAG
        'allow_raw_sockets'      | 0                          | PropertyType.FLAG
        'allow_mount_linprocfs'  | 0                          | PropertyType.FLAG
        'allow_tun'              | 0                          | PropertyType.FLAG
        'cpuset'                 | 'off'                      | PropertyType.TEXT
        'type'                   | 'jail'                     | PropertyType.TEXT
        'bpf'                    | 0                          | PropertyType.FLAG
        'dhcp'                   | 0                          | PropertyType.FLAG
        'boot'                   | 0                          | PropertyType.FLAG
        'owner'                  | 'root'                     | PropertyType.TEXT
        'last_started'           | 'none'                     | PropertyType.TEXT
        'host_time'              | 1                          | PropertyType.FLAG
        'compression'            | 'lz4'                      | PropertyType.TEXT
        'dedup'                  | 'off'                      | PropertyType.TEXT
        'origin'                 | 'readonly'                 | PropertyType.TEXT
        'nat_prefix'             | '172.16'                   | PropertyType.TEXT
        'nat_backend'            | 'ipfw'                     | PropertyType.TEXT
        'nat_forwards'           | 'none'                     | PropertyType.TEXT
        'hostid'                 | null                       | PropertyType.TEXT
        'count'                  | '1'                        | PropertyType.TEXT
    }

    def "all 25 RCTL properties exist and default to 'off'"() {
        expect:
        IocageProperties.RCTL.size() == 25
        IocageProperties.RCTL.toSet().size() == 25
        IocageProperties.RCTL.every { IocageProperties.require(it).defaultValue() == 'off' }
        IocageProperties.RCTL.containsAll(['memoryuse', 'pcpu', 'wallclock', 'readbps', 'writeiops', 'nthr'])
    }

    def "every yes/no property of iocage is stored as a 0/1 number"() {
        given:
        def flags = ['ip4_saddrsel', 'ip6_saddrsel', 'exec_clean', 'mount_devfs', 'mount_fdescfs', 'mount_procfs',
                     'mount_linprocfs', 'allow_set_hostname', 'allow_sysvipc', 'allow_raw_sockets', 'allow_chflags',
                     'allow_mlock', 'allow_mount', 'allow_mount_devfs', 'allow_mount_fdescfs', 'allow_mount_fusefs',
                     'allow_mount_nullfs', 'allow_mount_procfs', 'allow_mount_tmpfs', 'allow_mount_zfs', 'allow_quotas',
                     'allow_socket_af', 'allow_vmm', 'allow_tun', 'bpf', 'dhcp', 'boot', 'template',
                     'hostid_strict_check', 'jail_zfs', 'vnet', 'basejail', 'host_time', 'rtsold', 'ip_hostname',
                     'assign_localhost', 'nat']

        expect:
        flags.every { IocageProperties.require(it).type() == PropertyType.FLAG }
        flags.every { IocageProperties.require(it).defaultValue() instanceof Integer }
        IocageProperties.all().values().findAll { it.type() == PropertyType.TEXT && it.defaultValue() != null }
                .every { it.defaultValue() instanceof String }
    }

    def "the built-in defaults hold no jail-only keys but every other property, the given mac prefix and hostid"() {
        when:
        def defaults = IocageProperties.builtInDefaults('0a1b2c', 'c0ffee00-1234')

        then:
        defaults.mac_prefix == '0a1b2c'
        defaults.hostid == 'c0ffee00-1234'
        ['host_hostname', 'host_hostuuid', 'release', 'cloned_release', 'jail_zfs_dataset', 'source_template',
         'CONFIG_TYPE'].every { !defaults.containsKey(it) }
        defaults.keySet() == (IocageProperties.all().keySet() - ['host_hostname', 'host_hostuuid', 'release',
                'cloned_release', 'jail_zfs_dataset', 'source_template', 'CONFIG_TYPE', 'jailsh_recipe'])
        defaults.keySet().toList() == defaults.keySet().toList().sort(false)
    }

    def "#name is #what"() {
        given:
        Property p = IocageProperties.require(name)

        expect:
        p.settable() == settable
        p.needsStop() == needsStop
        p.defaultsOnly() == defaultsOnly

        where:
        name             | settable | needsStop | defaultsOnly | what
        'release'        | false    | false     | false        | 'read-only'
        'cloned_release' | false    | false     | false        | 'read-only'
        'host_hostuuid'  | false    | false     | false        | 'read-only'
        'type'           | false    | false     | false        | 'read-only'
        'last_started'   | false    | false     | false        | 'read-only'
        'CONFIG_VERSION' | false    | false     | false        | 'read-only'
        'count'          | false    | false     | false        | 'read-only'
        'sync_state'     | false    | false     | false        | 'read-only'
        'jailsh_recipe'  | false    | false     | false        | 'read-only (recipes record themselves)'
        'vnet'           | true     | true      | false        | 'only changed while stopped'
        'dhcp'           | true     | true      | false        | 'only changed while stopped'
        'template'       | true     | true      | false        | 'only changed while stopped'
        'jail_zfs'       | true     | true      | false        | 'only changed while stopped'
        'nat_prefix'     | true     | false     | true         | 'only a default'
        'nat_interface'  | true     | false     | true         | 'only a default'
        'nat_backend'    | true     | false     | true         | 'only a default'
        'notes'          | true     | false     | false        | 'freely settable'
        'allow_raw_sockets' | true  | false     | false        | 'freely settable'
    }

    def "an unknown property is refused naming the nearest known ones"() {
        when:
        IocageProperties.require(typed)

        then:
        ValidationException e = thrown()
        e.message == "'${shown}' is not a valid property".toString()
        e.hint().startsWith('did you mean ')
        e.hint().contains(nearest)

        where:
        typed           | shown           | nearest
        'vnett'         | 'vnet'  + 't'   | 'vnet'
        'ip4addr'       | 'ip4addr'       | 'ip4_addr'
        'alow_raw_sockets' | 'alow_raw_sockets' | 'allow_raw_sockets'
        'VNET'          | 'VNET'          | 'vnet'
    }

    def "vnett suggests vnet first"() {
        expect:
        IocageProperties.nearest('vnett', 3)[0] == 'vnet'
    }

    def "a property name with control characters is shown escaped; nothing near it points at the list"() {
        when:
        IocageProperties.require('zzzzzzzzzzzzzzzzzzzz\nqqqq')

        then:
        ValidationException e = thrown()
        e.message.contains('\\x0a')
        !e.message.contains('\n')
        e.hint() == "see 'get all NAME' or docs/properties.md for the list"
    }
}
