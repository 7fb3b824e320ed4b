package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

import spock.lang.Specification
import spock.lang.TempDir

/**
 * What a one-shot verb pays for at start: only its own picocli model, and neither Groovy's runtime nor Jackson's
 * databind when it does not use them (issue 8: one-shot verbs must not pay for Groovy).
 */
class OneShotStartSpec extends Specification {

    @TempDir
    Path tmp

    def "the verb is the first word that is neither a shell option nor an option's value"() {
        expect:
        Cli.verb(args as String[]) == verb

        where:
        args                                              | verb
        ['list']                                          | 'list'
        ['--root', '/x', '--json', 'list', '-l']          | 'list'
        ['--platform', 'linux', '--dry-run', 'start', 'a'] | 'start'
        ['-c', 'list', 'x']                               | 'x'
        ['--help']                                        | null
        []                                                | null
    }

    def "a known verb gets a parser with that verb alone; help, a typo or no verb get every verb"() {
        given:
        ShellContext context = new ShellContext(new Output(System.out, System.err, false))

        expect:
        Cli.commandLine(context, 'list').subcommands.keySet() == ['list'] as Set
        Cli.commandLine(context, 'exec').subcommands.keySet() == ['exec'] as Set
        Cli.commandLine(context, verb).subcommands.keySet().containsAll(['list', 'start', 'help', 'destroy'])

        where:
        verb << ['help', 'lsit', null]
    }

    def "a one-shot verb on its own parser still sees the shell's options and iocage's exec syntax"() {
        given:
        Path root = IocageTree.write(tmp.resolve('iocage'))
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()

        when: 'the inherited --json comes after the verb'
        int code = Main.run(['list', '--root', root.toString(), '--json'] as String[],
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, 'UTF-8'),
                new PrintStream(err, true, 'UTF-8'), false)

        then:
        code == 0
        out.toString('UTF-8').trim().startsWith('[')

        when: 'exec keeps everything after the jail name for the command, options included'
        def cli = Cli.commandLine(new ShellContext(new Output(System.out, System.err, false)), 'exec')
        def parsed = cli.parseArgs('exec', 'web', 'ls', '-l')

        then:
        def exec = parsed.subcommand().commandSpec().userObject()
        exec.jail == 'web'
        exec.argv == ['ls', '-l']
    }

    def "a one-shot list in a fresh JVM loads no Groovy runtime and no Jackson databind"() {
        given: "this JVM's class path, Groovy and databind included, so only laziness keeps them out"
        Path root = IocageTree.write(tmp.resolve('iocage'))
        Path log = tmp.resolve('classes.log')
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java')
        def argv = [java, "-Xlog:class+load=info:file=$log".toString(), '-cp', System.getProperty('java.class.path'),
                    'org.jailsh.shell.Main', '--root', root.toString(), 'list']

        when:
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String out = p.inputStream.text
        boolean done = p.waitFor(120, TimeUnit.SECONDS)
        List<String> loaded = Files.readAllLines(log)

        then:
        done && p.exitValue() == 0
        out.contains('web')
        loaded.any { it.contains('org.jailsh.verbs.ListVerb ') }
        loaded.findAll { it.contains(' groovy.lang.') || it.contains(' org.codehaus.groovy.') }.isEmpty()
        loaded.findAll { it.contains(' com.fasterxml.jackson.databind.') }.isEmpty()
    }
}
