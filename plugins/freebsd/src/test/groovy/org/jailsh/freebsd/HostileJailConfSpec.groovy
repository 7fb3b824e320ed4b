package org.jailsh.freebsd

import org.jailsh.spi.ValidationException
import spock.lang.Specification

/**
 * Values that pass jailsh's property checks (free text: a domain name, a command) but are aimed at jail.conf's
 * syntax: quotes, ';', braces, '$' expansion, a trailing backslash. Each stays inside its one double-quoted value, so
 * the parameter file has the same lines as for a harmless value; a line break is refused.
 */
class HostileJailConfSpec extends Specification {

    static List<String> render(Map props) {
        JailConf.of(FreeBsdHost.jail('hostile', [vnet: 1, exec_created: '/bin/true'] + props), FreeBsdHost.IOCROOT,
                [], [], '1000', 13).render().readLines()
    }

    def "#property = #label stays one quoted value"() {
        given:
        def harmless = render([(property): 'harmless'])

        when:
        def lines = render([(property): value])

        then: 'the same parameters in the same order, and the value escaped inside its quotes'
        lines.size() == harmless.size()
        lines*.replaceAll(/ = ".*";$/, '') == harmless*.replaceAll(/ = ".*";$/, '')
        lines.contains("\t${param} = \"${escaped}\";".toString())

        where:
        property          | param             | label                       | value                                  | escaped
        'host_domainname' | 'host.domainname' | 'a quote and a new param'   | 'example.org"; path = "/'              | 'example.org\\"; path = \\"/'
        'host_domainname' | 'host.domainname' | 'a brace closing the block' | 'x"; } evil { path = "/'               | 'x\\"; } evil { path = \\"/'
        'host_domainname' | 'host.domainname' | 'a $ expansion'             | '${path}'                              | '\\${path}'
        'host_domainname' | 'host.domainname' | 'a trailing backslash'      | 'x\\'                                  | 'x\\\\'
        'exec_created'    | 'exec.created'    | 'a command with ; and $( )' | '/bin/true"; exec.start = "$(reboot)'  | '/bin/true\\"; exec.start = \\"\\$(reboot)'
        'exec_created'    | 'exec.created'    | 'a comment sign'            | '/bin/true # "; persist'               | '/bin/true # \\"; persist'
    }

    def "a line break in #property is refused, naming the parameter"() {
        when:
        render([(property): "x\n\tpath = \"/\";"])

        then:
        ValidationException e = thrown()
        e.message == "hostile: the value of ${param} contains a control character (a newline)".toString()

        where:
        property          | param
        'host_domainname' | 'host.domainname'
        'exec_created'    | 'exec.created'
    }
}
