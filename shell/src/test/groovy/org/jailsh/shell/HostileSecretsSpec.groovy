package org.jailsh.shell

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.testkit.Canary
import org.jailsh.testkit.TempTrees
import org.jline.terminal.impl.DumbTerminal
import spock.lang.Specification
import spock.util.environment.RestoreSystemProperties

/**
 * A secret recipe parameter goes through the CLI, {@code --json}, {@code --dry-run} plans (Linux and FreeBSD), runs
 * that fail in several ways, and the REPL; then every stdout and stderr, the operation log, the REPL's history file
 * and everything else under the state root and the home directory is searched for it. It must appear nowhere.
 * (SecretHistorySpec covers the masking rules line by line; this is the whole path.)
 */
@RestoreSystemProperties
class HostileSecretsSpec extends Specification {

    static final String SECRET = 'Hostile-S3cr3t-42'
    static final String RECIPE = '''\
        param 'password', secret: true, required: true
        param 'mode', default: 'plan'
        if (mode == 'throw') {
            throw new IllegalStateException('cannot use ' + password)
        }
        if (mode == 'assert') {
            assert password == 'something else'
        }
        if (mode == 'name') {
            jail("hostile-${password}") { release 'busybox' }
        }
        jail('hostile-sec') { release 'busybox' }
        start 'hostile-sec'
        inside('hostile-sec') {
            passwd 'root', password
            file '/root/token', content: "token=${password}\\n", mode: '0600'
            if (mode == 'user') {
                user password
            }
        }
        '''.stripIndent()

    Path tmp = Files.createTempDirectory('jailsh-hostile-secrets-')
    Canary canary = Canary.create('hostile')
    List<String> seen = []

    def setup() {
        System.setProperty('user.home', tmp.resolve('home').toString())
        Path dir = Files.createDirectories(tmp.resolve('home/.config/jailsh/recipes/hostile-secret'))
        Files.writeString(dir.resolve('recipe.groovy'), RECIPE)
    }

    def cleanup() {
        TempTrees.remove(tmp)
        canary.remove()
    }

    /** [exit code, stdout, stderr]; both streams are kept for the final search. */
    List cli(String... args) {
        def result = CliRun.run(tmp.resolve('iocage'), args as List)
        seen << result[1] << result[2]
        result
    }

    String repl(String input) {
        def out = new ByteArrayOutputStream()
        def printer = new PrintStream(out, true, 'UTF-8')
        def context = new ShellContext(new Output(printer, printer, false))
        context.root(tmp.resolve('iocage'))
        def terminal = new DumbTerminal('test', 'dumb', new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8)
        new Repl(context, terminal).run()
        seen << out.toString('UTF-8')
        out.toString('UTF-8')
    }

    /** Every regular file under the temp tree that contains the secret, by path. */
    List<String> filesWithSecret() {
        Files.walk(tmp).withCloseable { s ->
            s.filter { Files.isRegularFile(it) && !it.toString().endsWith('recipe.groovy') }
                    .filter { new String(Files.readAllBytes(it), StandardCharsets.ISO_8859_1).contains(SECRET) }
                    .map { tmp.relativize(it).toString() }.toList()
        }
    }

    def "a secret is in no output, plan, error, log or history"() {
        when: 'plans, on Linux and FreeBSD, as text and JSON'
        def linux = cli('--dry-run', 'run', 'hostile-secret', '--param', "password=${SECRET}")
        def freebsd = cli('--platform', 'freebsd', '--dry-run', 'run', 'hostile-secret', '--param', "password=${SECRET}")
        def json = cli('--json', '--platform', 'freebsd', '--dry-run', 'run', 'hostile-secret', '--param',
                "password=${SECRET}")
        def bundled = cli('--platform', 'freebsd', '--dry-run', 'run', 'ssh-jail', '--param', "password=${SECRET}")

        then:
        [linux, freebsd, json, bundled].every { it[0] == 0 }
        freebsd[1].contains('passwd root ******')

        when: 'runs that fail: an exception, a failed assert, the secret as a user name'
        def failures = ['throw', 'assert', 'user'].collect { mode ->
            cli('--platform', 'freebsd', '--dry-run', 'run', 'hostile-secret', '--param', "password=${SECRET}",
                    '--param', "mode=${mode}")
        }

        then: 'each fails with a message, the secret masked'
        failures.every { it[0] != 0 && !it[2].isBlank() }
        failures.every { !it[2].contains('\tat ') }

        when: 'the secret is used in a jail name: legal, and masked wherever the name is shown'
        def named = cli('--platform', 'freebsd', '--dry-run', 'run', 'hostile-secret', '--param', "password=${SECRET}",
                '--param', 'mode=name')

        then:
        named[0] == 0
        named[1].contains('+ create hostile-****** ')

        when: 'the REPL runs it (failing: no such release on this host), as a CLI line and as Groovy'
        repl("run hostile-secret --param password=${SECRET} --param mode=throw\n" +
                "recipe 'hostile-secret', password: '${SECRET}', mode: 'throw'\n" +
                "recipe('hostile-secret', [password: \"${SECRET}\", mode: 'assert'])\n")

        then: 'the history file was written, and nothing anywhere holds the secret'
        Files.exists(tmp.resolve('home/.local/state/jailsh/history'))
        Files.readString(tmp.resolve('home/.local/state/jailsh/history')).contains('hostile-secret')
        seen.findAll { it.contains(SECRET) } == []
        filesWithSecret() == []
        canary.changes() == []
    }
}
