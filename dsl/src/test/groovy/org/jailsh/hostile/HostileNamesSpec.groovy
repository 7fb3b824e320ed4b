package org.jailsh.hostile

import org.jailsh.spi.JailshException
import org.jailsh.verbs.SetVerb
import spock.lang.Specification

/**
 * Hostile jail names given to create and as the target of a change. Each is refused with a message saying what is
 * wrong and how to fix it; nothing appears in the state root, the bystander jail and the canary stay as they were.
 */
class HostileNamesSpec extends Specification {

    HostileHost h = new HostileHost()

    def cleanup() {
        h.remove()
    }

    String resolve(String name) {
        name.replace('CANARY', h.canary.dir().toString())
                .replace('UP', '../' * h.root.nameCount + h.canary.dir().toString().substring(1))
    }

    def "create refuses the name #label, saying why and how to fix it"() {
        given:
        def before = h.topLevel()

        when:
        h.host.create(resolve(name))

        then:
        JailshException e = thrown()
        e.message.contains(problem)
        e.hint() != null && !e.hint().isBlank()
        !e.message.contains('\n') && !e.message.contains('\u0000')
        h.topLevel() == before
        h.untouched() == []

        where:
        label                     | name                         | problem
        'a path out (../x)'       | '../x'                       | 'has characters other than'
        'a path to the canary'    | 'UP'                         | 'has characters other than'
        'an absolute path'        | 'CANARY'                     | 'has characters other than'
        'a slash (a/b)'           | 'a/b'                        | 'has characters other than'
        'a NUL'                   | 'hostile\u0000x'             | "'hostile\\x00x' has characters other than"
        'a newline'               | 'hostile\nrm -rf'            | "'hostile\\x0arm -rf' has characters other than"
        'a carriage return'       | 'hostile\rok'                | "'hostile\\x0dok' has characters other than"
        'a tab'                   | 'hostile\tx'                 | "'hostile\\x09x' has characters other than"
        '300 characters'          | 'h' * 300                    | 'is 300 characters long'
        '65 characters'           | 'h' * 65                     | 'is 65 characters long'
        'a leading dash'          | '-rf'                        | "'-rf' cannot be a jail name"
        'a lone dash'             | '-'                          | "'-' cannot be a jail name"
        'a dot'                   | '.'                          | "'.' cannot be a jail name"
        'two dots'                | '..'                         | "'..' cannot be a jail name"
        'empty'                   | ''                           | 'a jail name is required'
        'a space'                 | 'hostile web'                | 'has characters other than'
        'only spaces'             | '   '                        | 'has characters other than'
        'a Cyrillic e lookalike'  | 'hostil\u0435'               | 'has characters other than'
        'a fullwidth solidus'     | '..\uff0fx'                  | 'has characters other than'
        'a right-to-left override'| 'hostile\u202egpj'           | 'has characters other than'
        'a zero-width space'      | 'hostile\u200bweb'           | 'has characters other than'
        'command substitution'    | '$(touch CANARY/pwned)'      | 'has characters other than'
        'backticks'               | '`id`'                       | 'has characters other than'
        'a semicolon'             | 'hostile;reboot'             | 'has characters other than'
        'a pipe'                  | 'hostile|sh'                 | 'has characters other than'
        'an ampersand'            | 'hostile&'                   | 'has characters other than'
        'a redirection'           | 'hostile>CANARY/keep'        | 'has characters other than'
        'a glob'                  | 'hostile*'                   | 'has characters other than'
        'a tilde'                 | '~root'                      | 'has characters other than'
        'quotes'                  | 'hostile\'"x'                | 'has characters other than'
        'a backslash'             | 'hostile\\x'                 | 'has characters other than'
        'a reserved name'         | 'ALL'                        | "'ALL' is reserved"
        'an existing jail'        | 'hostile-other'              | 'a jail named hostile-other already exists'
    }

    def "a change aimed at the hostile target #label finds no jail and changes nothing"() {
        given:
        def before = h.topLevel()

        when:
        new SetVerb(h.host.session()).set(['notes=pwned'], resolve(name))

        then:
        JailshException e = thrown()
        e.message.contains('no jail') || e.message.contains('jail name')
        e.hint() != null
        h.topLevel() == before
        h.untouched() == []
        h.host.config('hostile-other').notes == 'bystander'

        where:
        label                  | name
        'a path up to a jail'  | '../jails/hostile-other'
        'a dot-dot'            | '..'
        'a path to the canary' | 'UP'
    }
}
