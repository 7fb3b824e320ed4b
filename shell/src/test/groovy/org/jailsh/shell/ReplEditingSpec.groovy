package org.jailsh.shell

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.shell.repl.ArgumentHints
import org.jailsh.shell.repl.JailshHighlighter
import org.jailsh.shell.repl.ReplParser
import org.jailsh.shell.repl.Vocabulary
import org.jline.reader.Candidate
import org.jline.reader.EOFError
import org.jline.reader.LineReaderBuilder
import org.jline.reader.Parser.ParseContext
import org.jline.terminal.impl.DumbTerminal
import org.jline.utils.AttributedStyle
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** Completion, highlighting, multi-line input and hints of the REPL, on a dumb terminal over byte streams. */
class ReplEditingSpec extends Specification {

    @TempDir
    @Shared
    Path tmp

    @Shared
    ShellContext context

    @Shared
    Vocabulary words

    def setupSpec() {
        IocageTree.write(tmp)
        Files.createDirectories(tmp.resolve('releases/13.2-RELEASE/root'))
        Files.createDirectories(tmp.resolve('srcdir/media'))
        def out = new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8')
        context = new ShellContext(new Output(out, out, false))
        context.root(tmp)
        words = new Vocabulary(context, { Cli.commandLine(context) })
    }

    def cleanupSpec() {
        DocsSpec.removeTree(tmp)
    }

    /** The candidates offered with the cursor at the end of {@code text} (or at the {@code |}). */
    List<String> complete(String text) {
        int cursor = text.indexOf('|') >= 0 ? text.indexOf('|') : text.length()
        String line = text.replace('|', '')
        def terminal = new DumbTerminal('t', 'dumb', new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                StandardCharsets.UTF_8)
        def reader = LineReaderBuilder.builder().terminal(terminal).parser(new ReplParser()).build()
        def parsed = new ReplParser().parse(line, cursor, ParseContext.COMPLETE)
        List<Candidate> candidates = []
        new JailshCompleter(words).complete(reader, parsed, candidates)
        candidates*.value().findAll { it.startsWith(parsed.word()) }
    }

    def "verbs, the DSL's openers and jail names complete the first word"() {
        expect:
        complete('sta') == ['start']
        complete('') .containsAll(['list', 'create', "jail('", 'plan {', 'web', 'db'])
        !complete('').contains('__complete')
    }

    def "jail names complete after jail verbs, in both spellings"() {
        expect:
        complete('start w') == ['web']
        complete('stop ').containsAll(['web', 'db', 'ALL'])
        complete("jail('w") == ['web']
        complete('jail("d') == ['db']
        complete("plan { start w") == ['web']
        complete("destroy -f d") == ['db']
    }

    def "properties complete with their allowed values"() {
        expect:
        complete('set vne').containsAll(['vnet=', 'vnet_interfaces='])
        !complete('set vne').contains('vnet=on')
        complete('set vnet=') == ['vnet=on', 'vnet=off']
        complete('set ip6=') == ['ip6=new', 'ip6=inherit', 'ip6=disable']
        complete('set type=').contains('type=template')
        complete('create -r 13.2-RELEASE -n x boo').contains('boot=')
        complete('get ').containsAll(['vnet', 'all'])
        complete('get vnet ') .containsAll(['web', 'db'])
        complete('set vnet=on ').containsAll(['web', 'default'])
    }

    def "inside a jail block, properties are words and flags offer true and false"() {
        expect:
        complete("jail('x') {\n  vn").contains('vnet')
        complete("jail('x') {\n  vnet ") == ['true', 'false']
        complete("jail('x') {\n  release '13") == ['13.2-RELEASE']
        complete("jail('x') { mount '${tmp}/srcdir/me") == ["${tmp}/srcdir/media/".toString()]
    }

    def "releases and templates complete after -r and -t"() {
        expect:
        complete('create -r ').contains('13.2-RELEASE')
        complete('create -r 13') == ['13.2-RELEASE']
        complete('create -t ') == ['base']
    }

    def "options come from each verb's picocli model"() {
        expect:
        complete('create -').containsAll(['-r', '--release', '-n', '--name', '-b', '-T'])
        complete('list -').containsAll(['-l', '-H', '-t'])
        complete('fstab --').containsAll(['--add', '--remove', '--list'])
    }

    def "recipes and their parameters complete in both spellings"() {
        expect:
        complete('run ssh').contains('ssh-jail')
        complete("recipe 'ssh").contains('ssh-jail')
        complete('run ssh-jail --param ').containsAll(['name=', 'password='])
        complete('run ssh-jail ') == ['--param']
        complete("recipe 'ssh-jail', ").containsAll(['name: ', 'password: '])
    }

    def "mount sources complete as host paths"() {
        expect:
        complete("fstab -a web ${tmp}/srcdir/m") == ["${tmp}/srcdir/media/".toString()]
        complete("fstab -a web ${tmp}/srcd") == ["${tmp}/srcdir/".toString()]
    }

    def "help completes verbs"() {
        expect:
        complete('help fs') == ['fstab']
    }

    def "a line with open braces, brackets or a triple-quoted string asks for more; braces in strings do not count"() {
        given:
        def parser = new ReplParser()

        when:
        parser.parse(text, text.length(), ParseContext.ACCEPT_LINE)

        then:
        thrown(EOFError)

        where:
        text << ["jail('x') {", "jail('x') {\n  notes 'a } b'", "plan {\n  jail('x') {\n  }", "[1,", "x = '''a",
                 "jail('x') { // }"]
    }

    def "continuation lines are indented by open brackets, but never inside a triple-quoted string"() {
        when:
        new ReplParser().parse(text, text.length(), ParseContext.ACCEPT_LINE)

        then:
        EOFError e = thrown()
        e.openBrackets == indent

        where:
        text                              | indent
        "jail('x') {"                     | 1
        "plan {\n  jail('x') {"           | 2
        "jail('x') { notes '''a"       | 0
    }

    def "complete input is accepted as one line"() {
        when:
        def parsed = new ReplParser().parse(text, text.length(), ParseContext.ACCEPT_LINE)

        then:
        parsed.line() == text

        where:
        text << ["jail('x') {\n  notes '{'\n}", "jail('x') { notes \"}{\" }", "set notes='a {' web", "x = '''a\n{b'''",
                 "1 + 1 }", "exec web echo it's"]
    }

    def "a multi-line jail block with nested blocks and a closing brace on its own line runs"() {
        given:
        def out = new ByteArrayOutputStream()
        def printer = new PrintStream(out, true, 'UTF-8')
        def ctx = new ShellContext(new Output(printer, printer, false))
        ctx.root(tmp)
        def input = "plan {\n  jail('newone') {\n    release '13.2-RELEASE'\n    notes 'uses { and }'\n" +
                "  }\n}\n"
        def terminal = new DumbTerminal('t', 'dumb', new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8)

        when:
        new Repl(ctx, terminal).run()

        then:
        out.toString('UTF-8').contains('newone: plan only, nothing changed')
        out.toString('UTF-8').contains('uses { and }')
        !Files.exists(tmp.resolve('jails/newone'))
    }

    def "highlighting colours keywords, strings, numbers, verbs and known jails, and marks unknown jails"() {
        given:
        def h = new JailshHighlighter(words)

        expect:
        styleAt(h.highlight("start web"), 0) == JailshHighlighter.VERB
        styleAt(h.highlight("start web"), 6) == JailshHighlighter.JAIL
        styleAt(h.highlight("start wbe"), 6) == JailshHighlighter.UNKNOWN
        styleAt(h.highlight("jail('web') { vnet true }"), 5) == JailshHighlighter.JAIL
        styleAt(h.highlight("jail('new') { vnet true }"), 5) == JailshHighlighter.STRING
        styleAt(h.highlight("jail('new') { vnet true }"), 19) == JailshHighlighter.KEYWORD
        styleAt(h.highlight("x = 42 // note"), 4) == JailshHighlighter.NUMBER
        styleAt(h.highlight("x = 42 // note"), 8) == JailshHighlighter.COMMENT
        styleAt(h.highlight("web.exec 'ls'"), 0) == JailshHighlighter.JAIL
        styleAt(h.highlight("def start = 1"), 4) == AttributedStyle.DEFAULT
        h.highlight("jail('x') {\n  notes 'a'\n}").toString() == "jail('x') {\n  notes 'a'\n}"
    }

    static AttributedStyle styleAt(def attributed, int index) {
        attributed.styleAt(index)
    }

    def "the hint shows what the verb still expects"() {
        given:
        def hints = new ArgumentHints(words)

        expect:
        hints.hint('start') == ' NAME…'
        hints.hint('start ') == 'NAME…'
        hints.hint('get ') == 'PROPERTY NAME'
        hints.hint('get vnet ') == 'NAME'
        hints.hint('create ') == '[PROPERTY=VALUE…] [OPTIONS]'
        hints.hint('upgrade web ') == '[OPTIONS]'
        hints.hint('start w') == ''
        hints.hint("jail('x') {") == ''
        hints.hint('x = 1') == ''
    }
}
