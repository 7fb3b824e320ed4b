package org.jailsh.hostile

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.verbs.SetVerb
import spock.lang.Specification

/**
 * Property values aimed at the files they end up in (jail.conf, fstab, rc.conf, resolv.conf) and malformed addresses,
 * through {@code set}. Each is refused with a message naming the jail, the property and the problem, the value shown
 * escaped; config.json stays byte for byte as it was, with no backup written.
 */
class HostilePropertiesSpec extends Specification {

    HostileHost h = new HostileHost()

    def cleanup() {
        h.remove()
    }

    Path config() {
        h.host.jailDir('hostile-web').resolve('config.json')
    }

    def "#property=#label is refused and changes nothing"() {
        given:
        byte[] before = Files.readAllBytes(config())

        when:
        new SetVerb(h.host.session()).set(["${property}=${value.replace('CANARY', h.canary.dir().toString())}".toString()],
                'hostile-web')

        then:
        JailshException e = thrown()
        e.message.startsWith('hostile-web: ')
        e.message.contains(problem)
        !e.message.contains('\n') && !e.message.contains('\r') && !e.message.contains('\u0000')
        Files.readAllBytes(config()) == before
        !Files.exists(config().resolveSibling('config_backup.json'))
        h.untouched() == []

        where:
        property         | label                          | value                                          | problem
        'notes'          | 'a newline (jail.conf line)'   | 'x";\n\tpath = "/";\n'                         | 'control character'
        'notes'          | 'a NUL'                        | 'x\u0000y'                                     | 'control character'
        'notes'          | 'a carriage return'            | 'ok\rforged'                                   | 'control character'
        'notes'          | 'an escape sequence'           | 'x\u001b[2Jy'                                  | 'control character'
        'notes'          | 'a DEL'                        | 'x\u007fy'                                     | 'control character'
        'notes'          | '10 MB'                        | 'n' * 10_000_000                               | 'longer than 1024 characters'
        'exec_start'     | 'a newline (jail.conf)'        | '/bin/sh /etc/rc\nexec.poststart = "sh"'       | 'control character'
        'host_hostname'  | 'a semicolon'                  | 'web;rm -rf /'                                 | 'not a host name'
        'host_hostname'  | 'a brace (jail.conf block)'    | 'web } evil {'                                 | 'not a host name'
        'host_hostname'  | 'a leading dash'               | '-web'                                         | 'not a host name'
        'host_domainname'| 'a newline'                    | 'example.org\nevil'                            | 'control character'
        'resolver'       | 'a newline'                    | 'nameserver 1.1.1.1\nnameserver 6.6.6.6'       | 'control character'
        'ip4_addr'       | 'a newline'                    | 'vnet0|192.0.2.10/24\nvnet0|198.51.100.1/24'   | 'control character'
        'ip4_addr'       | 'a semicolon'                  | 'vnet0|192.0.2.10/24;ip6=inherit'              | 'is not valid'
        'ip4_addr'       | 'an octet past 255'            | 'vnet0|192.0.2.300/24'                         | 'is not valid'
        'ip4_addr'       | 'a prefix past 32'             | 'vnet0|192.0.2.10/33'                          | 'is not valid'
        'ip4_addr'       | 'three octets'                 | 'vnet0|192.0.2/24'                             | 'is not valid'
        'ip4_addr'       | 'an interface with a space'    | 'vnet0 x|192.0.2.10/24'                        | "'vnet0 x|192.0.2.10/24' contains a space"
        'ip4_addr'       | 'an IPv6 address'              | 'vnet0|2001:db8::1/64'                         | 'is not valid'
        'ip4_addr'       | 'a shell word'                 | '$(reboot)'                                    | 'is not valid'
        'ip4_addr'       | 'an empty interface'           | '|192.0.2.10/24'                               | 'is not valid'
        'ip6_addr'       | 'two double colons'            | 'vnet0|2001::db8::1/64'                        | 'is not valid'
        'ip6_addr'       | 'a prefix past 128'            | 'vnet0|2001:db8::1/129'                        | 'is not valid'
        'ip6_addr'       | 'an IPv4 address'              | 'vnet0|192.0.2.1/24'                           | 'is not valid'
        'defaultrouter'  | 'a host name'                  | 'router.example.org'                           | 'expected auto, none or an IPv4 address'
        'defaultrouter'  | 'a semicolon'                  | '192.0.2.1;reboot'                             | 'expected auto, none or an IPv4 address'
        'defaultrouter'  | 'an octet past 255'            | '192.0.2.256'                                  | 'expected auto, none or an IPv4 address'
        'defaultrouter6' | 'an IPv4 address'              | '192.0.2.1'                                    | 'expected auto, none or an IPv6 address'
        'nat_forwards'   | 'a port past 65535'            | 'tcp(99999)'                                   | "port 99999 in 'tcp(99999)' is not from 1 to 65535"
        'nat_forwards'   | 'an unknown protocol'          | 'icmp(80)'                                     | 'is not PROTO(JAILPORT[:HOSTPORT])'
        'nat_forwards'   | 'a rule injection'             | 'tcp(80);flush ruleset'                        | 'is not PROTO(JAILPORT[:HOSTPORT])'
        'nat_forwards'   | 'a newline'                    | 'tcp(80)\nudp(53)'                             | 'control character'
        'nat_forwards'   | 'port zero'                    | 'udp(0:53)'                                    | "port 0 in 'udp(0:53)' is not from 1 to 65535"
        'ip4_saddrsel'   | 'two flags'                    | 'yes;no'                                       | 'expected yes or no'
        'interfaces'     | 'a bridge with a slash'        | 'vnet0:../../CANARY'                           | 'is not NIC:BRIDGE'
        'interfaces'     | 'a long bridge name'           | 'vnet0:' + 'b' * 16                            | 'is not NIC:BRIDGE'
        'vnet0_mac'      | 'a MAC with a semicolon'       | '02ff60aa0001;02ff60aa0002'                    | 'expected two different MAC addresses'
        'depends'        | 'a path as a jail'             | '../hostile-other'                             | 'has characters other than'
        'priority'       | 'not a number'                 | '1; rm'                                        | 'expected a whole number'
        'memoryuse'      | 'a shell word'                 | 'deny=$(id)'                                   | 'expected off or ACTION=AMOUNT'
        'cpuset'         | 'a reversed range'             | '3-1'                                          | 'expected off, all, a list'
    }
}
