package org.jailsh.hostile

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.verbs.GetVerb
import org.jailsh.verbs.ListVerb
import org.jailsh.verbs.SetVerb
import org.jailsh.verbs.StartStopVerb
import spock.lang.Specification

/**
 * A config.json that is not what jailsh or iocage writes: wrong types, absurd sizes, invalid JSON or UTF-8. list still
 * lists every jail (the bad one marked), and get, set and start on the bad jail fail with a message naming its
 * config.json and what is wrong in it; the file itself is left exactly as it was and nothing else is touched.
 */
class HostileConfigSpec extends Specification {

    HostileHost h = new HostileHost()

    def cleanup() {
        h.remove()
    }

    Path plant(Object content) {
        Path file = h.host.jailDir('hostile-web').resolve('config.json')
        if (content instanceof byte[]) {
            Files.write(file, content)
        } else {
            Files.writeString(file, content as String)
        }
        file
    }

    static String thin(String entries) {
        '{"host_hostname": "hostile-web", "host_hostuuid": "hostile-web", "release": "busybox", ' +
                '"type": "jail"' + entries + '}'
    }

    def "a config.json with #label is reported, not used, and left as it was"() {
        given:
        Path file = plant(content instanceof Closure ? content() : content)
        byte[] before = Files.readAllBytes(file)

        when: 'the jails are listed'
        def listed = new ListVerb(h.host.session()).list(false)

        then: 'every jail is listed, the bad one as corrupt'
        listed*.name() == ['hostile-other', 'hostile-web']

        when:
        new GetVerb(h.host.session()).all('hostile-web')

        then:
        JailshException get = thrown()
        get.message.contains("$file is corrupt: ") && get.message.contains(why)
        !get.message.contains('\n')

        when:
        new SetVerb(h.host.session()).set(['notes=repaired'], 'hostile-web')

        then:
        JailshException set = thrown()
        set.message.contains(why)

        when:
        new StartStopVerb(h.host.session()).start('hostile-web')

        then:
        JailshException start = thrown()
        start.message.contains(why)
        start.hint() != null
        h.host.runtime.calls.every { !it.contains('hostile-web') }

        and:
        Files.readAllBytes(file) == before
        h.untouched() == []

        where:
        label                          | content                                                    | why
        'an array for a flag'          | thin(', "vnet": [1, 2]')                                   | 'vnet is a JSON array; expected text or a number'
        'an object for an address'     | thin(', "ip4_addr": {"em0": "192.0.2.1"}')                 | 'ip4_addr is a JSON object; expected text or a number'
        'a newline in a value'         | thin(', "exec_start": "/bin/sh /etc/rc\\nexec.poststart=sh"') | 'exec_start contains a control character'
        'a NUL in a key'               | thin(', "notes\\u0000x": "y"')                            | 'notes\\x00x contains a control character'
        'a JSON array at the top'      | '[1, 2, 3]'                                                | 'it is not a JSON object'
        'a string at the top'          | '"jail"'                                                   | 'it is not a JSON object'
        'truncated JSON'               | '{"host_hostname": "x", '                                  | 'invalid JSON at line 1'
        'trailing garbage'             | thin('') + '\n}{"vnet": 1}'                                | 'invalid JSON'
        'invalid UTF-8'                | ([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d] as byte[]) | 'invalid'
        'a NUL byte'                   | ([0x7b, 0x00, 0x7d] as byte[])                             | 'invalid JSON'
        'nothing at all'               | ''                                                         | 'it is empty'
        'only spaces'                  | '   \n  '                                                  | 'it is empty'
        '50 MB'                        | { thin(', "notes": "' + 'n' * (50 << 20) + '"') }          | 'more than a config can be'
        '100000 nested arrays'         | { '{"x": ' + '[' * 100_000 + ']' * 100_000 + '}' }         | 'invalid JSON'
    }

    def "a config.json with #label can be read and repaired, but the jail does not start with it"() {
        given:
        Path file = plant(thin(entry))

        expect: 'get shows what is there'
        String.valueOf(new GetVerb(h.host.session()).get(property, 'hostile-web')) == shown

        when:
        new StartStopVerb(h.host.session()).start('hostile-web')

        then:
        JailshException e = thrown()
        e.message.startsWith("$file has a value jailsh will not use: hostile-web: $why".toString())
        e.hint() == "fix it with 'set ${property}=VALUE hostile-web', or restore config_backup.json".toString()
        h.host.runtime.calls.every { !it.contains('hostile-web') }

        when: 'set repairs it'
        new SetVerb(h.host.session()).set(["${property}=${repair}".toString()], 'hostile-web')
        new StartStopVerb(h.host.session()).start('hostile-web')

        then:
        h.host.runtime.calls.any { it.contains('hostile-web') }
        h.untouched() == []

        where:
        label                        | entry                                          | property       | shown                      | repair | why
        'a string where a number is' | ', "priority": "soon"'                         | 'priority'     | 'soon'                     | '5'    | "priority 'soon' is not valid: expected a whole number from 0 to 99"
        'a number past 64 bits'      | ', "priority": 99999999999999999999999'        | 'priority'     | '99999999999999999999999'  | '5'    | "priority '99999999999999999999999' is not valid: expected a whole number from 0 to 99"
        'a malformed address'        | ', "ip4_addr": "vnet0|999.0.0.1/24;x"'         | 'ip4_addr'     | 'vnet0|999.0.0.1/24;x'     | 'none' | "ip4_addr 'vnet0|999.0.0.1/24;x' is not valid"
    }

    def "a config.json with #label is taken in a harmless reading"() {
        given:
        plant(thin(entry).replace('"hostile-web", "host_hostuuid"', hostname + ', "host_hostuuid"'))

        expect:
        String.valueOf(new GetVerb(h.host.session()).get(property, 'hostile-web')) == shown

        when:
        new StartStopVerb(h.host.session()).start('hostile-web')

        then:
        h.host.runtime.calls.any { it.contains('hostile-web') }
        h.untouched() == []

        where:
        label                        | entry                | hostname        | property        | shown
        'null for the host name'     | ''                   | 'null'          | 'host_hostname' | 'hostile-web'
        'a JSON boolean for a flag'  | ', "vnet": false'    | '"hostile-web"' | 'vnet'          | '0'
        'null for hostid, as iocage' | ', "hostid": null'   | '"hostile-web"' | 'hostid'        | 'null'
        'a flag spelt maybe'         | ', "vnet": "maybe"'  | '"hostile-web"' | 'vnet'          | '0'
    }
}
