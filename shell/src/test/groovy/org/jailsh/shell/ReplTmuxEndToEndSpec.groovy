package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The REPL on a real terminal: jailsh runs in a tmux session of its own (a private server socket, killed
 * afterwards), keys are typed with send-keys and the screen is read with capture-pane. It is the real ./jailsh
 * launcher on a distribution made of this build's class path ({@link TestDist}), so no nested Maven build runs.
 * It runs in a dry run on a temporary state root: fast, and no root needed.
 */
@Requires(value = { hasTmux() }, reason = 'tmux is not installed (apt-get install tmux)')
class ReplTmuxEndToEndSpec extends Specification {

    @TempDir
    Path tmp

    String socket = 'jailsh-repl-' + UUID.randomUUID().toString().substring(0, 8)

    def cleanup() {
        removeServer(socket)
        DocsSpec.removeTree(tmp)
    }

    /** Kills the spec's own tmux server and removes its socket file (tmux leaves it when the server exits). */
    static void removeServer(String socket) {
        new ProcessBuilder('tmux', '-L', socket, 'kill-server').redirectErrorStream(true).start().waitFor()
        def uid = new ProcessBuilder('id', '-u').start().inputStream.text.trim()
        String dir = System.getenv('TMUX_TMPDIR') ?: '/tmp'
        Files.deleteIfExists(Path.of(dir, "tmux-${uid}", socket))
    }

    def "a multi-line jail block runs, Tab completes a jail name, Ctrl-D leaves"() {
        given:
        Path root = IocageTree.write(tmp.resolve('root'))
        Path state = Files.createDirectories(tmp.resolve('state'))
        Path dist = TestDist.build(tmp.resolve('dist'))
        List<String> command = (['env', "XDG_STATE_HOME=${state}", 'TERM=xterm-256color']
                + TestDist.env(dist).collect { k, v -> "$k=$v" }
                + ['bash', TestDist.launcher(), '--root', root, '--dry-run'])*.toString()
        tmux(['new-session', '-d', '-s', 'repl', '-x', '140', '-y', '50'] + command)

        when: 'the shell is up'
        waitFor { it.readLines().any { l -> l.startsWith('jailsh>') } }

        and: 'a jail block is typed over several lines, a brace inside a string among them'
        type("plan {")
        type("jail('tmx') {")
        type("release 'busybox'")
        type("notes 'braces { inside'")
        type("}")
        String afterInner = screen()
        type("}")
        String done = waitFor { it.contains('tmx: plan only, nothing changed') }

        then: 'the shell asked for more lines until both blocks were closed'
        afterInner.readLines().count { it ==~ /\s*\.\.\. .*/ } >= 4
        // nested lines are indented by the shell
        afterInner.contains("...     release 'busybox'")
        !afterInner.contains('tmx: plan only')
        done.contains('braces { inside')

        when: 'a jail name is completed with Tab and the line runs'
        keys('-l', 'get vnet w')
        keys('Tab')
        waitFor { it.readLines().any { it.startsWith('jailsh> get vnet web') } }
        keys('Enter')
        String after = waitFor { s -> s.readLines().findIndexOf { it.startsWith('jailsh> get vnet web') } <
                s.readLines().size() - 2 }

        then:
        def lines = after.readLines()
        int at = lines.findIndexOf { it.startsWith('jailsh> get vnet web') }
        lines[at + 1].trim() == '1'

        when: 'the shell is left with Ctrl-D'
        keys('C-d')

        then: 'jailsh exits, and with it the session'
        gone()
    }

    void type(String line) {
        keys('-l', line)
        keys('Enter')
        Thread.sleep(150)
    }

    void keys(String... keys) {
        tmux(['send-keys', '-t', 'repl'] + keys.toList())
    }

    String screen() {
        def p = new ProcessBuilder('tmux', '-L', socket, 'capture-pane', '-p', '-t', 'repl').start()
        String text = p.inputStream.text
        p.waitFor()
        text
    }

    /** Polls the screen until the condition holds; fails with the screen after 60 s. */
    String waitFor(Closure<Boolean> condition) {
        long end = System.nanoTime() + 60_000_000_000L
        String text = screen()
        while (!condition(text)) {
            assert System.nanoTime() < end: "the screen never showed what was expected:\n${text}"
            Thread.sleep(100)
            text = screen()
        }
        text
    }

    boolean gone() {
        long end = System.nanoTime() + 30_000_000_000L
        while (tmuxOk(['has-session', '-t', 'repl'])) {
            if (System.nanoTime() > end) {
                return false
            }
            Thread.sleep(100)
        }
        true
    }

    void tmux(List<String> args) {
        assert tmuxOk(args)
    }

    boolean tmuxOk(List<String> args) {
        def p = new ProcessBuilder(['tmux', '-L', socket] + args).redirectErrorStream(true).start()
        p.inputStream.text
        p.waitFor() == 0
    }

    static boolean hasTmux() {
        System.getenv('PATH').split(':').any { Files.isExecutable(Path.of(it, 'tmux')) }
    }
}
