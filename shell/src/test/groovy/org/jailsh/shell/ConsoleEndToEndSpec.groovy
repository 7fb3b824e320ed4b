package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Requires
import spock.lang.Specification

/**
 * {@code console NAME} in the real REPL on a real terminal (tmux): the jail's shell gets every key, {@code exit}
 * comes back to {@code jailsh>}, and line editing works there again (an arrow key edits the line instead of
 * arriving as text, which it would if the terminal had been left in the child's modes). The tmux server has a
 * socket of its own and is killed afterwards; the state root is removed once nothing is mounted under it.
 */
@Requires(value = { LinuxFlowsEndToEndSpec.isRoot() && Files.isExecutable(Path.of('/bin/busybox'))
        && Files.isExecutable(Path.of('/usr/bin/tmux')) },
        reason = 'needs root (namespaces, overlayfs), /bin/busybox (busybox-static) and tmux')
class ConsoleEndToEndSpec extends Specification {

    String socket = 'jailsh-ux-' + UUID.randomUUID().toString().substring(0, 8)
    Path base

    def setup() {
        base = Files.createTempDirectory('jailsh-ux-console-')
    }

    def cleanup() {
        tmux('kill-server')
        Files.deleteIfExists(Path.of("/tmp/tmux-0/$socket"))
        Main.run(['--root', base.toString(), 'stop', 'ALL'] as String[], new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), false)
        Thread.sleep(100)
        assert !Files.readString(Path.of('/proc/self/mountinfo')).contains(base.toString())
        new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
    }

    String tmux(String... args) {
        def process = new ProcessBuilder(['tmux', '-L', socket] + (args as List)).redirectErrorStream(true).start()
        String text = process.inputStream.text
        process.waitFor()
        text
    }

    String screen() {
        tmux('capture-pane', '-p', '-S', '-200', '-t', 'ux')
    }

    /** Waits until the screen satisfies {@code test}; returns the screen either way, for the assertion to show. */
    String waitFor(long seconds = 30, Closure<Boolean> test) {
        long end = System.nanoTime() + seconds * 1_000_000_000L
        String text = screen()
        while (!test(text) && System.nanoTime() < end) {
            Thread.sleep(100)
            text = screen()
        }
        text
    }

    void type(String line) {
        tmux('send-keys', '-t', 'ux', '-l', line)
        tmux('send-keys', '-t', 'ux', 'Enter')
    }

    int prompts(String text) {
        // capture-pane drops trailing blanks: an empty prompt line is 'jailsh>'
        text.readLines().count { it.startsWith('jailsh>') } as int
    }

    def "console hands the terminal to the jail's shell and exit gives the REPL its line editing back"() {
        given: 'the REPL on a real terminal, with a busybox jail up'
        String classpath = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        tmux('new-session', '-d', '-s', 'ux', '-x', '160', '-y', '50', java, '-cp', classpath,
                'org.jailsh.shell.Main', '--root', base.toString())
        assert waitFor(60) { it.contains('jailsh>') }.contains('jailsh>')
        type('create -r busybox -n uxcon')
        assert waitFor(120) { it.contains('uxcon: created') }.contains('uxcon: created')
        type('start uxcon')
        assert waitFor(60) { it =~ /uxcon: up/ } =~ /uxcon: up/
        int before = prompts(screen())

        when: 'a console, a command in it, Ctrl-C on a long one, and exit'
        type('console uxcon')
        Thread.sleep(1000)
        type('hostname')
        String inside = waitFor { it.readLines().any { l -> l.trim() == 'uxcon' } }
        type('sleep 60')
        Thread.sleep(500)
        tmux('send-keys', '-t', 'ux', 'C-c')
        type('echo still-$((40 + 2))')
        String interrupted = waitFor { it.contains('still-42') }
        type('exit')
        String back = waitFor { prompts(it) > before }

        and: 'a line edited with the arrow keys at jailsh>'
        tmux('send-keys', '-t', 'ux', '-l', 'lst')
        tmux('send-keys', '-t', 'ux', 'Left', 'Left')
        tmux('send-keys', '-t', 'ux', '-l', 'i')
        tmux('send-keys', '-t', 'ux', 'End', 'Enter')
        String listed = waitFor { it.readLines().any { l -> l =~ /^\d+\s+uxcon\s+up\s+busybox/ } }

        then:
        inside.readLines().any { it.trim() == 'uxcon' }

        and: 'Ctrl-C stopped the command in the jail, not the console'
        interrupted.contains('still-42')

        and:
        prompts(back) > before
        listed.readLines().any { it =~ /^\d+\s+uxcon\s+up\s+busybox/ }
        !listed.contains('[D')
    }
}
