package org.jailsh.shell

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

import org.jline.terminal.impl.DumbTerminal
import spock.lang.Specification
import spock.lang.TempDir

class ReplSpec extends Specification {

    @TempDir
    Path tmp

    String repl(String input) {
        def out = new ByteArrayOutputStream()
        def printer = new PrintStream(out, true, 'UTF-8')
        def context = new ShellContext(new Output(printer, printer, false))
        context.root(tmp)
        def terminal = new DumbTerminal('test', 'dumb', new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8)
        int code = new Repl(context, terminal).run()
        assert code == 0
        out.toString('UTF-8')
    }

    def "iocage-style lines go through the CLI parser"() {
        given:
        IocageTree.write(tmp)

        when:
        def out = repl('list\nget vnet web\n')

        then:
        out.contains('JID')
        out.readLines().contains('1')
    }

    def "Groovy lines share one binding across lines"() {
        when:
        def out = repl('x = 20\nx + 22\n')

        then:
        out.readLines().contains('42')
    }

    def "jail names are variables"() {
        given:
        IocageTree.write(tmp)

        when:
        def out = repl('web.get("vnet")\n')

        then:
        out.readLines().contains('1')
    }

    def "input continues over several lines while braces are open"() {
        when:
        def out = repl("plan {\n  jail('x') {\n    release 'busybox'\n  }\n}\n")

        then:
        out.contains('x: plan only, nothing changed')
        !Files.exists(tmp.resolve('jails/x'))
    }

    def "a user error prints one line and the shell goes on"() {
        given:
        IocageTree.write(tmp)

        when:
        def out = repl('set vnet=maybe web\nnosuchthing\n1 + 1\n')

        then:
        out.contains("error: web: vnet 'maybe' is not valid")
        out.contains("error: no variable or jail named 'nosuchthing'")
        out.readLines().contains('2')
        !out.contains('\tat ')
    }

    def "meta commands answer and /exit leaves"() {
        when:
        def out = repl('/help\n/exit\n1 + 1\n')

        then:
        out.contains('jailsh speaks Groovy and iocage')
        !out.readLines().contains('2')
    }

    def "end of input leaves the shell cleanly"() {
        expect:
        repl('') == ''
    }
}
