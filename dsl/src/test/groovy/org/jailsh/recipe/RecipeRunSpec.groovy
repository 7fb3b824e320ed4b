package org.jailsh.recipe

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.api.Jails
import org.jailsh.dsl.DslVerbs
import org.jailsh.dsl.ScriptRunner
import org.jailsh.spi.JailshException
import org.jailsh.spi.ValidationException
import org.jailsh.store.IocageJson
import org.jailsh.testkit.TempTrees
import org.jailsh.verbs.GetVerb
import org.jailsh.verbs.SetVerb
import spock.lang.Specification
import spock.lang.TempDir

/** Running recipes: idempotence, secrets, the recipe a jail records, plans, includes and the DSL's recipe verb. */
class RecipeRunSpec extends Specification {

    static final String SECRET = 'S3cr3t-Pw'

    static final String SSH = '''\
        param 'name', default: 'web', description: 'the jail'
        param 'user', default: 'jailuser'
        param 'password', required: true, secret: true
        def j = jail(name) { release 'busybox'; boot true }
        start j
        inside(j) {
            group 'staff', gid: 50
            user params.user, groups: ['wheel', 'staff'], shell: '/bin/sh', password: password
            passwd 'root', password
            file '/etc/motd', content: "hello from ${name}\\n"
            file '/root/.netrc', content: "machine example.org password ${password}\\n", mode: '0600'
            sysrc sshd_enable: 'YES'
            dir '/srv', owner: 'jailuser', mode: '0750'
            service 'cron', 'restart'
        }
        println "configured ${name} for ${params.user}, password ${password}"
        '''.stripIndent()

    @TempDir
    Path tmp

    RecipeHost host

    def setup() {
        host = new RecipeHost(tmp)
        host.recipe('ssh', ['recipe.groovy': SSH, 'README.md': '# ssh\n'])
        host.jail('web').initScripts << 'cron'
    }

    def cleanup() {
        TempTrees.remove(tmp)
    }

    def "running a recipe a second time changes nothing and says so"() {
        given:
        def first = host.run('ssh', [password: SECRET])

        when:
        def second = host.run('ssh', [password: SECRET])

        then:
        first[-1] ==~ /recipe ssh on web: done \(\d+ changes\)/
        second[0] ==~ /recipe ssh \(user, sha256:[0-9a-f]{12}…\)/
        second.contains('web: inside up to date (9 unchanged)')
        second.findAll { it.startsWith('  ') && !it.startsWith('  note:') }.every { it.startsWith('  = ') }
        second[-1] == 'recipe ssh on web: up to date'
    }

    def "a secret reaches the jail on stdin only: never argv, the log, the output or a plan"() {
        when:
        def lines = host.run('ssh', [password: SECRET])
        def plan = host.run('ssh', [password: SECRET, name: 'other'], true)

        then: 'the jail got it'
        host.jail('web').passwords == [jailuser: SECRET, root: SECRET]
        host.jail('web').files['/root/.netrc'].contains(SECRET)
        host.exec.commands.any { it.stdin()?.contains(SECRET) }

        and: 'nothing shows it'
        !host.exec.words().any { it.contains(SECRET) }
        !host.log().contains(SECRET)
        host.log().contains('passwd root ******')
        !(lines + plan).any { it.contains(SECRET) }
        lines.contains('configured web for jailuser, password ******')
        plan.contains('      in other: jailsh-write /root/.netrc 0600 0:0 < stdin')
        plan.contains('      in other: jailsh-setpw root < stdin')
    }

    def "an error that would show a secret shows ****** instead"() {
        given:
        host.exec.defaultOs = 'debian'
        host.jail('db').failWith = "chpasswd: cannot set ${SECRET} for root"
        host.recipe('rootpw', ['recipe.groovy': "param 'password', secret: true, required: true\n" +
                "jail('db') { release 'debian-12' }\nstart 'db'\ninside('db') { passwd 'root', password }\n"])

        when:
        host.run('rootpw', [password: SECRET])

        then:
        JailshException e = thrown()
        e.message == 'db: passwd root ****** failed (exit 1): chpasswd: cannot set ****** for root'
        e.cause == null
        !host.log().contains(SECRET)
    }

    def "the jail records the recipe's name and hash under a key iocage ignores, read-only for set"() {
        when:
        host.run('ssh', [password: SECRET])
        def config = IocageJson.read(host.root.resolve('jails/web/config.json'))
        def hash = host.recipes().catalog().require('ssh').sha256()

        then:
        config.jailsh_recipe == "ssh@sha256:${hash}".toString()
        new GetVerb(host.session()).get('jailsh_recipe', 'web') == "ssh@sha256:${hash}".toString()

        when:
        new SetVerb(host.session()).set(['jailsh_recipe=ssh@sha256:00'], 'web')

        then:
        thrown(ValidationException)
    }

    def "a recipe of the same name with other content is refused with a hint, unless forced"() {
        given:
        host.run('ssh', [password: SECRET])
        def before = Files.readString(host.root.resolve('jails/web/config.json'))
        host.recipe('ssh', ['recipe.groovy': SSH.replace('hello from', 'greetings from')])

        when:
        host.run('ssh', [password: SECRET])

        then:
        ValidationException e = thrown()
        e.message ==~ /web was configured by recipe ssh@sha256:[0-9a-f]{12}…, and ssh now resolves to other content \(user, .*\/ssh, sha256:[0-9a-f]{12}…\)/
        e.hint().startsWith('the recipe changed since (or comes from elsewhere); check what differs, or run it with --force')
        Files.readString(host.root.resolve('jails/web/config.json')) == before
        host.jail('web').files['/etc/motd'] == 'hello from web\n'

        when:
        def forced = host.run('ssh', [password: SECRET, force: true])

        then:
        forced.any { it.startsWith('note: web was configured by ssh@sha256:') && it.endsWith('instead (forced)') }
        host.jail('web').files['/etc/motd'] == 'greetings from web\n'
        IocageJson.read(host.root.resolve('jails/web/config.json')).jailsh_recipe ==
                "ssh@sha256:${host.recipes().catalog().require('ssh').sha256()}".toString()
    }

    def "another recipe on the same jail is recorded beside the first"() {
        given:
        host.recipe('motd', ['recipe.groovy': "inside('web') { file '/etc/motd', content: 'hi\\n' }\n"])
        host.run('ssh', [password: SECRET])

        when:
        host.run('motd')

        then:
        IocageJson.read(host.root.resolve('jails/web/config.json')).jailsh_recipe ==~
                /ssh@sha256:[0-9a-f]{64},motd@sha256:[0-9a-f]{64}/
    }

    def "a dry run shows the whole recipe for a jail it only plans, and changes nothing"() {
        when:
        def plan = host.run('ssh', [password: SECRET], true)

        then:
        plan.contains('  > start web   # web is only planned in this dry run')
        plan.contains('  + user jailuser (groups wheel,staff, shell /bin/sh)   # unless it exists as asked (busybox)')
        plan.contains('      in web: jailsh-adduser jailuser NEXT GID /home/jailuser /bin/sh \'\'')
        plan.contains('  > service cron restart   # if anything above changed (busybox)')
        plan.contains('  ~ record recipe ssh@sha256:' + host.recipes().catalog().require('ssh').shortHash() +
                '…   # jailsh_recipe in config.json')
        plan[-1] == 'recipe ssh on web: plan only, nothing changed'
        !Files.exists(host.root.resolve('jails'))
        host.exec.commands.isEmpty()
    }

    def "an include runs the other recipe with its parameters, and its jails are recorded by the top recipe"() {
        given:
        host.recipe('base', ['recipe.groovy': "param 'jail', required: true\nparam 'motd', default: 'hi'\n" +
                "jail(jail) { release 'busybox' }\nstart jail\ninside(jail) { file '/etc/motd', content: motd }\n"])
        host.recipe('site', ['recipe.groovy': "param 'name', default: 'shop'\ninclude 'base', jail: name, motd: 'shop\\n'\n"])

        when:
        def lines = host.run('site')

        then:
        lines.contains('include base (user)')
        host.jail('shop').files['/etc/motd'] == 'shop\n'
        IocageJson.read(host.root.resolve('jails/shop/config.json')).jailsh_recipe ==~ /site@sha256:[0-9a-f]{64}/
        lines[-1] ==~ /recipe site on shop: done \(\d+ changes\)/
    }

    def "an include cycle through a computed name is still caught when it happens"() {
        given:
        host.recipe('ping', ['recipe.groovy': "def next = 'po' + 'ng'\ninclude next\n"])
        host.recipe('pong', ['recipe.groovy': "include 'ping'\n"])

        when:
        host.run('ping')

        then:
        ValidationException e = thrown()
        e.message == 'include cycle: ping -> pong -> ping'
    }

    def "a secret parameter not given comes from JAILSH_SECRET_NAME, off the command line"() {
        given:
        host.env.JAILSH_SECRET_PASSWORD = SECRET

        when:
        def lines = host.run('ssh')

        then:
        host.jail('web').passwords.root == SECRET
        !lines.any { it.contains(SECRET) }
    }

    def "a missing required parameter is refused before anything changes"() {
        when:
        host.run('ssh', [name: 'web'])

        then:
        ValidationException e = thrown()
        e.message == 'recipe ssh needs the parameter password'
        !Files.exists(host.root.resolve('jails'))
    }

    def "the DSL's recipe verb runs a recipe with named parameters"() {
        given:
        def runner = new ScriptRunner(new DslVerbs(new Jails(host.session()), host))

        when:
        runner.evaluate("recipe 'ssh', password: '${SECRET}', user: 'ann'")

        then:
        host.jail('web').files['/etc/passwd'].contains('ann:x:')
        host.lines[-1] ==~ /recipe ssh on web: done \(\d+ changes\)/
        runner.evaluate('recipes()')*.name == ['ssh']
    }
}
