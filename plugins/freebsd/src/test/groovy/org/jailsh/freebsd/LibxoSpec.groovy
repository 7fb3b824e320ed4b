package org.jailsh.freebsd

import org.jailsh.spi.RunState
import spock.lang.Specification

/** Reading libxo JSON of jls(8) and netstat(1) with the plugin's own small parser. */
class LibxoSpec extends Specification {

    def "the host's default routes come from netstat's libxo output"() {
        expect:
        HostRoutes.parse(FreeBsdHost.NETSTAT) == new HostRoutes('192.168.1.1', 'em0', 'fe80::1%em0', 'em0')
        HostRoutes.parse('') == HostRoutes.NONE
    }

    def "jls's libxo output gives each jail's JID by name"() {
        expect:
        Jls.parse('{"__version": "2", "jail-information": {"jail": [{"jid": 3, "name": "ioc-a", "ipv4_addrs": ' +
                '["10.0.0.1"], "path": "/x \\"quoted\\" \\u00e9"}]}}') == ['ioc-a': new RunState(true, '3')]
        Jls.parse('{"__version": "2", "jail-information": {"jail": []}}') == [:]
    }

    def "malformed JSON is an error, not an empty answer"() {
        when:
        Json.parse(text)

        then:
        thrown(IllegalArgumentException)

        where:
        text << ['{"a": ', '{"a" 1}', '[1, 2', '{"a": tru}', '{} x']
    }

    def "numbers, literals and nesting are read as JSON says"() {
        expect:
        Json.parse('{"a": [1, -2.5, true, false, null, {"b": "c"}], "d": {}}') ==
                [a: [1L, -2.5d, true, false, null, [b: 'c']], d: [:]]
    }
}
