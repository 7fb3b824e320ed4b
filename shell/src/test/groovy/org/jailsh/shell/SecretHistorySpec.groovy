package org.jailsh.shell

import spock.lang.Specification

/** The REPL's history keeps lines with the values of secret parameters masked. */
class SecretHistorySpec extends Specification {

    def history = new SecretHistory({ ['admin_pw'] as Set })

    def "#line is kept as #kept"() {
        expect:
        history.mask(line) == kept

        where:
        line                                                           || kept
        "recipe 'ssh-jail', name: 'web', password: 'S3cr3t-Pw'"        || "recipe 'ssh-jail', name: 'web', password: ******"
        'run ssh-jail --param name=web --param password=S3cr3t-Pw'     || 'run ssh-jail --param name=web --param password=******'
        "recipe 'x', admin_pw: \"p w\", user: 'u'"                     || "recipe 'x', admin_pw: ******, user: 'u'"
        "inside('web') { passwd 'root', 'S3cr3t-Pw' }"                 || "inside('web') { passwd 'root', ****** }"
        'start web'                                                    || 'start web'
        'run ssh-jail --param "password=S3 cr3t" --param name=web'     || 'run ssh-jail --param "password=******" --param name=web'
        "run ssh-jail --param 'password=S3 cr3t'"                      || "run ssh-jail --param 'password=******'"
        "recipe 'x', password: 'it\\'s S3cr3t', user: 'u'"             || "recipe 'x', password: ******, user: 'u'"
        'recipe "x", password: "say \\"S3cr3t\\"", user: "u"'          || 'recipe "x", password: ******, user: "u"'
    }

    def "a recipe catalogue that cannot be read still leaves the usual names masked"() {
        given:
        def broken = new SecretHistory({ throw new IllegalStateException('no catalogue') })

        expect:
        broken.mask("recipe 'x', password: 'a'") == "recipe 'x', password: ******"
    }
}
