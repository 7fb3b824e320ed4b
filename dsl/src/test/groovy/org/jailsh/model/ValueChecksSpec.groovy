package org.jailsh.model

import org.jailsh.spi.ValidationException
import spock.lang.Specification

class ValueChecksSpec extends Specification {

    static Object parse(String property, String text) {
        IocageProperties.require(property).parse('web', text)
    }

    def "flag spelling '#text' is stored as #stored"() {
        expect:
        parse('vnet', text) == stored
        parse('vnet', text) instanceof Integer

        where:
        text    | stored
        '1'     | 1
        'on'    | 1
        'yes'   | 1
        'true'  | 1
        'YES'   | 1
        ' On '  | 1
        '0'     | 0
        'off'   | 0
        'no'    | 0
        'false' | 0
        'FALSE' | 0
    }

    def "flag value '#text' is refused (iocage's substring match would have taken 'none')"() {
        when:
        parse('vnet', text)

        then:
        ValidationException e = thrown()
        e.message.startsWith("web: vnet '")
        e.message.contains('is not valid')
        e.hint() == 'use one of: on off yes no 1 0 true false'

        where:
        text << ['none', 'y', '2', 'onn', '', 'yes please']
    }

    def "#property '#text' is accepted and stored as '#stored'"() {
        expect:
        parse(property, text) == stored

        where:
        property       | text                                         | stored
        'ip4_addr'     | 'vnet0|192.0.2.10/24'                        | 'vnet0|192.0.2.10/24'
        'ip4_addr'     | '192.0.2.10'                                 | '192.0.2.10'
        'ip4_addr'     | 'vnet0|DHCP'                                 | 'vnet0|DHCP'
        'ip4_addr'     | 'em0|192.168.1.10/24,em0|192.168.1.11/24'    | 'em0|192.168.1.10/24,em0|192.168.1.11/24'
        'ip4_addr'     | 'vnet0|192.0.2.10/24, vnet1|198.51.100.1/24' | 'vnet0|192.0.2.10/24,vnet1|198.51.100.1/24'
        'ip4_addr'     | 'none'                                       | 'none'
        'ip4_addr'     | '10.0.0.1/0'                                 | '10.0.0.1/0'
        'ip6_addr'     | 'vnet0|2001:db8::5/64'                       | 'vnet0|2001:db8::5/64'
        'ip6_addr'     | '::1'                                        | '::1'
        'ip6_addr'     | 'vnet0|accept_rtadv'                         | 'vnet0|accept_rtadv'
        'ip6_addr'     | '2001:db8:0:0:0:0:0:1'                       | '2001:db8:0:0:0:0:0:1'
        'ip6_addr'     | '::ffff:192.0.2.1'                           | '::ffff:192.0.2.1'
        'defaultrouter' | '192.0.2.1'                                 | '192.0.2.1'
        'defaultrouter' | 'auto'                                      | 'auto'
        'defaultrouter6' | 'fe80::1'                                  | 'fe80::1'
        'nat_forwards' | 'tcp(80:8080),udp(53)'                       | 'tcp(80:8080),udp(53)'
        'nat_forwards' | '443'                                        | 'tcp(443)'
        'nat_forwards' | 'tcp(80:8080), 443, tcp/udp(8000-8010)'      | 'tcp(80:8080),tcp(443),tcp/udp(8000-8010)'
        'vnet0_mac'    | '02ff60aa0001 02ff60aa0002'                  | '02ff60aa0001 02ff60aa0002'
        'vnet0_mac'    | '02:ff:60:aa:00:01,02:ff:60:aa:00:02'        | '02:ff:60:aa:00:01 02:ff:60:aa:00:02'
        'vnet1_mac'    | 'none'                                       | 'none'
        'mac_prefix'   | '02FF60'                                     | '02ff60'
        'mac_prefix'   | 'a6b0c0'                                     | 'a6b0c0'
        'cpuset'       | 'off'                                        | 'off'
        'cpuset'       | 'all'                                        | 'all'
        'cpuset'       | '0,1,2'                                      | '0,1,2'
        'cpuset'       | '0-3'                                        | '0-3'
        'memoryuse'    | 'deny=4g'                                    | 'deny=4g'
        'maxproc'      | 'deny=200'                                   | 'deny=200'
        'readbps'      | 'throttle=10m'                               | 'throttle=10m'
        'pcpu'         | 'sigterm=80'                                 | 'sigterm=80'
        'memoryuse'    | 'off'                                        | 'off'
        'quota'        | '20G'                                        | '20G'
        'quota'        | '1.5T'                                       | '1.5T'
        'quota'        | 'none'                                       | 'none'
        'priority'     | '0'                                          | '0'
        'priority'     | '99'                                         | '99'
        'priority'     | '007'                                        | '7'
        'interfaces'   | 'vnet0:bridge0,vnet1:bridge1'                | 'vnet0:bridge0,vnet1:bridge1'
        'nat_prefix'   | '10.42'                                      | '10.42'
        'nat_prefix'   | '192.168'                                    | '192.168'
        'enforce_statfs' | '1'                                        | '1'
        'ip4'          | 'INHERIT'                                    | 'inherit'
        'localhost_ip' | '127.0.0.2'                                  | '127.0.0.2'
        'depends'      | 'db  cache'                                  | 'db cache'
        'host_hostname' | 'www.example.org'                           | 'www.example.org'
        'notes'        | '  web server  '                             | 'web server'
    }

    def "#property '#shown' is refused: #why"() {
        when:
        parse(property, text)

        then:
        ValidationException e = thrown()
        e.message.startsWith("web: ${property} '")
        e.message.contains(why)
        !e.message.contains('\n')

        where:
        property        | text                         | why
        'ip4_addr'      | 'vnet0|300.1.1.1/24'         | "'300.1.1.1' is not an IPv4 address"
        'ip4_addr'      | 'vnet0|192.0.2.10/33'        | "'/33' is not a prefix length from 0 to 32"
        'ip4_addr'      | '192.0.2.10/-1'              | 'is not a prefix length'
        'ip4_addr'      | '192.0.2'                    | 'is not an IPv4 address'
        'ip4_addr'      | '|192.0.2.10'                | "'' is not an interface name"
        'ip4_addr'      | 'a b'                        | "'a b' contains a space"
        'ip4_addr'      | 'vnet0|192.0.2.10/24\nrm -rf' | 'control character'
        'ip4_addr'      | 'vnet0|192.0.2.10/24;reboot' | 'is not a prefix length'
        'ip4_addr'      | 'vnet0;x|192.0.2.10'         | 'is not an interface name'
        'ip4_addr'      | 'vnet0|accept_rtadv'         | 'is not an IPv4 address'
        'ip6_addr'      | 'vnet0|DHCP'                 | 'is not an IPv6 address'
        'ip6_addr'      | '2001:db8::1::5'             | 'is not an IPv6 address'
        'ip6_addr'      | '2001:db8::/129'             | "'/129' is not a prefix length from 0 to 128"
        'ip6_addr'      | '12345::1'                   | 'is not an IPv6 address'
        'ip6_addr'      | '1:2:3:4:5:6:7'              | 'is not an IPv6 address'
        'defaultrouter' | '192.0.2.256'                | 'expected auto, none or an IPv4 address'
        'defaultrouter' | '2001:db8::1'                | 'expected auto, none or an IPv4 address'
        'nat_forwards'  | 'tcp(80;rm)'                 | "'tcp(80;rm)' is not PROTO(JAILPORT[:HOSTPORT])"
        'nat_forwards'  | 'icmp(8)'                    | 'is not PROTO'
        'nat_forwards'  | 'tcp(123456)'                | 'is not PROTO'
        'nat_forwards'  | 'tcp(80),$(reboot)'          | 'is not PROTO'
        'vnet0_mac'     | '02ff60aa0001'               | 'expected two different MAC addresses'
        'vnet0_mac'     | '02ff60aa0001 02ff60aa0001'  | 'expected two different MAC addresses'
        'vnet0_mac'     | '02ff60aa0001 zzff60aa0002'  | 'expected two different MAC addresses'
        'mac_prefix'    | '01ff60'                     | 'second digit of 2, 6, a or e'
        'mac_prefix'    | '02ff6'                      | 'expected 6 hex digits'
        'cpuset'        | '3-1'                        | 'expected off, all, a list like 0,1 or a range like 0-3'
        'cpuset'        | '0,1;reboot'                 | 'expected off, all'
        'cpuset'        | 'some'                       | 'expected off, all'
        'memoryuse'     | '4G:deny'                    | 'expected off or ACTION=AMOUNT'
        'memoryuse'     | 'deny=4x'                    | 'expected off or ACTION=AMOUNT'
        'quota'         | '20'                         | 'expected none or a size ending in M, G or T'
        'quota'         | '20K'                        | 'expected none or a size ending in M, G or T'
        'priority'      | '100'                        | 'expected a whole number from 0 to 99'
        'priority'      | '-1'                         | 'expected a whole number from 0 to 99'
        'priority'      | 'high'                       | 'expected a whole number from 0 to 99'
        'priority'      | '(1, 2, 3)'                  | 'expected a whole number from 0 to 99'
        'interfaces'    | 'vnet4:bridge0'              | 'is not NIC:BRIDGE with NIC vnet0 to vnet3'
        'interfaces'    | 'bridge0'                    | 'is not NIC:BRIDGE'
        'nat_prefix'    | '8.8'                        | 'expected the first two numbers of a private IPv4 range'
        'nat_prefix'    | '172.32'                     | 'expected the first two numbers of a private IPv4 range'
        'nat_prefix'    | '10.256'                     | 'expected the first two numbers of a private IPv4 range'
        'enforce_statfs' | '3'                         | 'not one of the allowed values'
        'localhost_ip'  | '::1'                        | 'expected none or an IPv4 address'
        'host_hostname' | 'web;reboot'                 | 'not a host name'
        'host_hostname' | '-web'                       | 'not a host name'
        'notes'         | 'line one\nline two'         | 'control character'
        'exec_start'    | '/bin/sh /etc/rc\nexec.prestart = "x"' | 'control character'
        'exec_prestart' | 'touch /tmp/x\u0000'         | 'control character'
        'resolver'      | 'nameserver 1.1.1.1\r'       | 'control character'
        'notes'         | 'x' * 1025                   | 'longer than 1024 characters'
        shown = text.replace('\n', '\\n').take(40)
    }

    def "a refused value with a control character is shown escaped, so it cannot forge output lines"() {
        when:
        parse('notes', 'ok\n2024/01/01 00:00:00 (INFO) forged')

        then:
        ValidationException e = thrown()
        e.message.contains('ok\\x0a2024')
    }

    def "depends is a list of valid jail names"() {
        when:
        parse('depends', 'db ../etc')

        then:
        ValidationException e = thrown()
        e.message.contains("'../etc'")
    }

    def "isYes reads stored flags leniently, as iocage does for configs it did not write"() {
        expect:
        ValueChecks.isYes(value) == yes

        where:
        value  | yes
        1      | true
        '1'    | true
        'yes'  | true
        ' on ' | true
        'TRUE' | true
        0      | false
        'no'   | false
        'none' | false
        null   | false
        2      | false
    }

    def "printable escapes control characters and DEL, and nothing else"() {
        expect:
        ValueChecks.printable('a\tb\u007fc é') == 'a\\x09b\\x7fc é'
    }

    def "Addresses knows IPv4 and IPv6 text forms"() {
        expect:
        Addresses.isIpv4(text) == v4
        Addresses.isIpv6(text) == v6

        where:
        text                  | v4    | v6
        '192.0.2.1'           | true  | false
        '255.255.255.255'     | true  | false
        '01.2.3.4'            | false | false
        '1.2.3'               | false | false
        '::'                  | false | true
        'fe80::1'             | false | true
        '2001:db8::1:2:3:4:5' | false | true
        '1:2:3:4:5:6:7:8'     | false | true
        '1:2:3:4:5:6:7:8:9'   | false | false
        ':::1'                | false | false
        'g::1'                | false | false
    }
}
