package org.jailsh.hostile

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.recipe.RecipeHost
import org.jailsh.spi.JailshException
import org.jailsh.testkit.Canary
import org.jailsh.testkit.TempTrees
import spock.lang.Specification

/**
 * Recipe parameters aimed at injection: quotes, {@code $(…)}, backticks, line breaks, in the user, password, file
 * and rc.conf parameters of a recipe run on a simulated Debian jail. A value is either refused with a message that
 * shows it escaped (no forged lines), or it travels as one argv word or on stdin: never inside the text of a shell
 * script, never as a line of its own in chpasswd's input or rc.conf.
 */
class HostileRecipeParamsSpec extends Specification {

    static final String RECIPE = '''\
        param 'user', default: 'app'
        param 'pw', secret: true, default: 'Fine-Pw-1'
        param 'path', default: '/etc/app.conf'
        param 'val', default: 'YES'
        jail('hostile-web') { release 'busybox' }
        start 'hostile-web'
        inside('hostile-web') {
            user user, password: pw
            file path, content: "setting=${val}\\n"
            sysrc app_enable: val
        }
        '''.stripIndent()

    Path base = Files.createTempDirectory('jailsh-hostile-recipe-')
    RecipeHost host = new RecipeHost(base)
    Canary canary = Canary.create('hostile')

    def setup() {
        host.exec.defaultOs = 'debian'
        host.recipe('hostile', ['recipe.groovy': RECIPE])
    }

    def cleanup() {
        TempTrees.remove(base)
        canary.remove()
    }

    String hostile(String value) {
        value.replace('CANARY', canary.dir().toString())
    }

    /** The text of every {@code sh -c SCRIPT} sent, i.e. everything a shell parses as code. */
    List<String> scripts() {
        host.exec.commands.collectMany { c ->
            def argv = c.argv()
            def at = argv.indexOf('-c')
            at > 0 && argv[at - 1].endsWith('sh') ? [argv[at + 1]] : []
        }
    }

    def "#param=#label is refused with a message that shows it escaped"() {
        when:
        host.run('hostile', [(param): hostile(value)])

        then:
        JailshException e = thrown()
        e.message.contains(problem)
        !e.message.contains('\n') && !e.message.contains('\r') && !e.message.contains('\u0000')
        e.hint() != null
        !host.jail('hostile-web').files.containsKey('/etc/app.conf')
        canary.changes() == []

        where:
        param  | label                    | value                           | problem
        'user' | 'a newline and root'     | 'app\nroot'                     | "'app\\x0aroot' is not a valid user name"
        'user' | 'command substitution'   | '$(touch CANARY/pwned)'         | 'is not a valid user name'
        'user' | 'backticks'              | '`reboot`'                      | "'`reboot`' is not a valid user name"
        'user' | 'a quote'                | "app' -o -u 0 '"                | 'is not a valid user name'
        'user' | 'a leading dash'         | '-ou0'                          | "'-ou0' is not a valid user name"
        'user' | 'a colon (passwd field)' | 'app:x:0:0'                     | "'app:x:0:0' is not a valid user name"
        'pw'   | 'a newline (chpasswd)'   | 'Pw-1\nroot:owned'              | 'the password is empty or has a line break'
        'pw'   | 'a carriage return'      | 'Pw-1\rroot:owned'              | 'the password has a control character'
        'pw'   | 'a NUL'                  | 'Pw-1\u0000x'                   | 'the password has a control character'
        'val'  | 'a quote closing rc.conf'| 'YES"\nevil_enable="YES'        | 'not an rc.conf key and value'
        'val'  | 'a carriage return'      | 'YES\rrm -rf /'                 | 'not an rc.conf key and value'
        'val'  | 'command substitution'   | '$(touch CANARY/pwned)'         | 'not an rc.conf key and value'
        'val'  | 'backticks'              | '`touch CANARY/pwned`'          | 'not an rc.conf key and value'
        'val'  | 'a backslash'            | 'YES\\'                         | 'not an rc.conf key and value'
        'path' | 'a relative path'        | 'etc/app.conf'                  | "is not an absolute path in the jail"
        'path' | 'a newline'              | '/etc/app\n.conf'               | "'/etc/app\\x0a.conf' contains a control character"
        'path' | 'a path that climbs'     | '/../../CANARY/pwned'           | "contains '..'"
    }

    def "#param=#label is taken as data: one argv word or stdin, never shell code"() {
        when:
        host.run('hostile', [(param): hostile(value)])

        then: 'no shell script sent to the jail contains the value, and it reached the jail intact'
        scripts().every { !it.contains(hostile(value)) }
        def jail = host.jail('hostile-web')
        check(jail, hostile(value))
        canary.changes() == []

        where:
        param  | label                       | value                               | check
        'pw'   | 'quotes and a semicolon'    | 'a\'b"c;reboot'                     | { j, v -> j.passwords.app == v }
        'pw'   | 'command substitution'      | '$(touch CANARY/pwned)'             | { j, v -> j.passwords.app == v }
        'pw'   | 'backticks'                 | '`touch CANARY/pwned`'              | { j, v -> j.passwords.app == v }
        'pw'   | 'a colon'                   | 'pa:ss:0'                           | { j, v -> j.passwords.app == v }
        'path' | 'a space and a semicolon'   | '/etc/app conf;reboot'              | { j, v -> j.files.containsKey(v) }
        'val'  | 'a single quote'            | "it's; reboot"                      | { j, v -> j.files['/etc/rc.conf'].contains("app_enable=\"${v}\"") }
    }
}
