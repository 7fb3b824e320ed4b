package org.jailsh.shell

import java.nio.charset.StandardCharsets
import java.nio.file.Path

import org.jailsh.spi.Platform
import org.jline.terminal.impl.DumbTerminal
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.environment.RestoreSystemProperties

/** Help comes from each verb's metadata, and every verb's example runs (in a dry run, on an iocage tree). */
@RestoreSystemProperties
class HelpSpec extends Specification {

    @TempDir
    Path tmp

    @TempDir
    Path home

    def setup() {
        System.setProperty('user.home', home.toString())
    }

    def cleanup() {
        [tmp, home].each { DocsSpec.removeTree(it) }
    }

    String repl(String input, boolean dryRun = false) {
        repl(input, dryRun, null)
    }

    String repl(String input, boolean dryRun, Platform platform) {
        def out = new ByteArrayOutputStream()
        def printer = new PrintStream(out, true, 'UTF-8')
        def context = new ShellContext(new Output(printer, printer, false))
        context.root(tmp)
        context.dryRun(dryRun)
        context.platform(platform)
        def terminal = new DumbTerminal('test', 'dumb', new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8)
        assert new Repl(context, terminal).run() == 0
        out.toString('UTF-8')
    }

    Map cli(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, 'UTF-8'),
                new PrintStream(err, true, 'UTF-8'), false)
        [code: code, out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    static List<String> verbs() {
        def context = new ShellContext(new Output(System.out, System.err, false))
        Cli.commandLine(context).subcommands.findAll { name, sub ->
            !sub.commandSpec.usageMessage().hidden() && name != 'help'
        }.keySet().toList()
    }

    def "every verb has an example"() {
        expect:
        verbs().findAll { !Help.examples().containsKey(it) } == []
        // and no example for a verb that does not exist
        Help.examples().keySet().findAll { !verbs().contains(it) }.toList() == []
    }

    def "/help lists every verb with the first sentence of its own description"() {
        when:
        def out = repl('/help\n')

        then:
        out.contains('jailsh speaks Groovy and iocage')
        verbs().every { verb -> out.readLines().any { it.startsWith("  ${verb} ") } }
        out.readLines().find { it.startsWith('  destroy ') }.contains('Destroy jails with all their data')
        // the recipes line is long: the menu shows its first sentence only
        !out.contains('Later origins win')
    }

    def "help VERB and /help VERB in the REPL show the verb's usage, options and its example"() {
        when:
        def out = repl(line + '\n')

        then:
        out.contains('Usage: jailsh create')
        out.contains('-r, --release=RELEASE')
        out.contains('Example:')
        out.contains('jailsh> ' + Help.examples().create[0])

        where:
        line << ['help create', '/help create']
    }

    def "jailsh --help and jailsh help VERB on the command line"() {
        when:
        def top = cli('--help')
        def verb = cli('help', 'fstab')

        then:
        top.code == 0
        top.out.replaceAll(/\s+/, ' ').contains("'jailsh help VERB' shows a verb's options and an example")
        verb.code == 0
        verb.out.contains('Usage: jailsh fstab')
        verb.out.contains('jailsh> fstab -a web /srv/media /media nullfs ro 0 0')
    }

    def "the example of #verb runs as shown (FreeBSD profile, dry run)"() {
        given:
        IocageTree.write(tmp)
        def lines = Help.examples()[verb]
        def input = lines.findAll { !it.startsWith('= ') }
        def expected = lines.findAll { it.startsWith('= ') }*.substring(2)

        when:
        def out = repl(input.join('\n') + '\n', true, Platform.FREEBSD)

        then:
        expected.every { out.contains(it) }
        out.readLines().findAll { it.startsWith('error:') && !expected.any { e -> it.contains(e) } } == []
        !out.contains('\tat ')

        where:
        verb << Help.examples().keySet().toList()
    }
}
