package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

class ProgressBarsSpec extends Specification {

    @TempDir
    Path tmp

    def "on a terminal a download is drawn in place with its share and megabytes, and ended when complete"() {
        given:
        def err = new ByteArrayOutputStream()
        def bars = new ProgressBars(new PrintStream(err, true, 'UTF-8'), true, 80)

        when:
        bars.update('download uxrel', 0, 3 << 20)
        bars.update('download uxrel', 3 << 19, 3 << 20)
        bars.update('download uxrel', 3 << 20, 3 << 20)
        String drawn = err.toString('UTF-8')

        then:
        drawn.contains('\r')
        drawn.contains('download uxrel')
        drawn.contains('100%')
        drawn.contains('3/3 MB')
        drawn.endsWith('\n')
        drawn.readLines().every { it.length() <= 81 }
    }

    def "a new task ends the bar of the one before; counts without a total are drawn too"() {
        given:
        def err = new ByteArrayOutputStream()
        def bars = new ProgressBars(new PrintStream(err, true, 'UTF-8'), true, 80)

        when:
        bars.update('download uxrel', 10, 100)
        bars.update('extract uxrel', 7, -1)
        bars.finish()
        def lines = err.toString('UTF-8').split('\n')

        then:
        lines.size() == 2
        lines[0].contains('download uxrel')
        lines[1].contains('extract uxrel')
        lines[1].contains('7')
    }

    def "a bar ended at once, before the library's first redraw, still ends its line"() {
        given:
        def err = new ByteArrayOutputStream()
        def bars = new ProgressBars(new PrintStream(err, true, 'UTF-8'), true, 80)

        when:
        50.times { bars.update("download uxquick$it", 1, 100); bars.finish() }
        def text = err.toString('UTF-8')

        then:
        text.count('\n') == 50
        text.endsWith('\n')
    }

    def "off a terminal nothing is drawn"() {
        given:
        def err = new ByteArrayOutputStream()
        def bars = new ProgressBars(new PrintStream(err, true, 'UTF-8'), false, 80)

        when:
        bars.update('download uxrel', 50, 100)
        bars.update('download uxrel', 100, 100)
        bars.finish()

        then:
        err.size() == 0
    }

    def "a fetch with --json keeps stdout pure JSON; progress is on stderr, and only on a terminal"() {
        given: 'a small rootfs archive on a file: URL'
        Path tree = Files.createDirectories(tmp.resolve('tree/etc'))
        Files.writeString(tree.resolve('hostname'), 'ux\n')
        Path archive = tmp.resolve('rootfs.tar.gz')
        assert new ProcessBuilder('tar', '-czf', archive.toString(), '-C', tmp.resolve('tree').toString(), '.')
                .start().waitFor() == 0
        String sha = MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(archive))
                .collect { String.format('%02x', it) }.join()

        when:
        def plain = fetch('uxplain', archive, sha, false)
        def terminal = fetch('uxterm', archive, sha, true)

        then:
        plain.code == 0
        new JsonSlurper().parseText(plain.out).summary == 'uxplain: fetched'
        !plain.err.contains('\r')
        !plain.err.contains('\u001b')

        and:
        terminal.code == 0
        new JsonSlurper().parseText(terminal.out).summary == 'uxterm: fetched'
        !terminal.out.contains('\r')
        terminal.err.contains('\r')
        terminal.err.contains('extract uxterm')
        Files.readString(tmp.resolve("iocage/releases/uxterm/root/etc/hostname")) == 'ux\n'
    }

    Map fetch(String name, Path archive, String sha, boolean terminal) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(['--root', tmp.resolve('iocage').toString(), '--json', 'fetch', '-r', name,
                             '--url', archive.toUri().toString(), '--sha256', sha] as String[],
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, 'UTF-8'),
                new PrintStream(err, true, 'UTF-8'), terminal, false)
        [code: code, out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }
}
