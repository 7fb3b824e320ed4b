package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The bash and zsh completion scripts of the distribution, run by the real shells against a jailsh started from
 * this build's class path (a wrapper script stands in for the installed {@code jailsh}).
 */
class CompletionScriptsSpec extends Specification {

    static final Path SCRIPTS = Path.of('src/dist/completion')

    @TempDir
    @Shared
    Path tmp

    @Shared
    Path wrapper

    def setupSpec() {
        IocageTree.write(tmp.resolve('root'))
        Files.createDirectories(tmp.resolve('host/srv/media'))
        wrapper = tmp.resolve('bin/jailsh')
        Files.createDirectories(wrapper.parent)
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java')
        Files.writeString(wrapper, """#!/bin/sh
exec '${java}' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '${System.getProperty('java.class.path')}' \
    org.jailsh.shell.Main "\$@"
""")
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString('rwxr-xr-x'))
    }

    def cleanupSpec() {
        DocsSpec.removeTree(tmp)
    }

    /** Runs the bash completion function for {@code line} (cursor at its end) and returns COMPREPLY. */
    List<String> bash(String line) {
        String script = """
source '${SCRIPTS.toAbsolutePath()}/jailsh.bash'
COMP_LINE=\$1
COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<< "\$COMP_LINE"
[[ \$COMP_LINE == *' ' ]] && COMP_WORDS+=('')
COMP_WORDS[0]='${wrapper}'
COMP_CWORD=\$(( \${#COMP_WORDS[@]} - 1 ))
_jailsh
printf '%s\\n' "\${COMPREPLY[@]}"
"""
        def p = new ProcessBuilder('bash', '-c', script, 'bash', line).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0: out
        out.readLines().findAll { !it.isEmpty() }
    }

    def "bash completes verbs, options, jail names of the line's --root, and property values"() {
        given:
        String root = tmp.resolve('root')

        expect:
        bash('jailsh sn') == ['snapshot', 'snaplist']
        // at a shell prompt the first word is a verb: no jail variables, no Groovy, no hidden commands
        bash("jailsh --root ${root} ").containsAll(['list', 'create', 'fstab'])
        !bash("jailsh --root ${root} ").any { it in ['web', "jail('", '__complete'] }
        bash("jailsh --root ${root} start w") == ['web']
        bash("jailsh --root ${root} stop ").containsAll(['web', 'db', 'ALL'])
        bash('jailsh create --rel') == ['--release']
        // bash splits vnet=o at '=': the reply must be the part after it
        bash("jailsh --root ${root} set vnet=o") == ['on', 'off']
        bash("jailsh --root ${root} set vnet_i") == ['vnet_interfaces=']
    }

    def "bash completes host paths for fstab sources"() {
        expect:
        bash("jailsh fstab -a web ${tmp}/host/srv/me") == ["${tmp}/host/srv/media".toString()]
    }

    def "the scripts are part of the distribution"() {
        expect:
        Files.readString(SCRIPTS.resolve('jailsh.bash')).contains('complete -F _jailsh jailsh')
        Files.readString(SCRIPTS.resolve('_jailsh')).startsWith('#compdef jailsh')
        Files.readString(Path.of('pom.xml')).contains('<directory>src/dist</directory>')
    }

    @Requires(value = { hasZsh() }, reason = 'zsh is not installed (apt-get install zsh)')
    def "zsh parses its script"() {
        when:
        def p = new ProcessBuilder('zsh', '-n', SCRIPTS.resolve('_jailsh').toString()).redirectErrorStream(true).start()
        String out = p.inputStream.text

        then:
        p.waitFor() == 0
        out.isEmpty()
    }

    @Requires(value = { hasZsh() && hasTmux() }, reason = 'zsh or tmux is not installed (apt-get install zsh tmux)')
    def "zsh completes a jail name and a property value with the script (zsh in tmux)"() {
        given:
        String socket = 'jailsh-repl-zsh-' + UUID.randomUUID().toString().substring(0, 8)
        def tmux = { List<String> args ->
            def p = new ProcessBuilder((['tmux', '-L', socket] + args)*.toString()).redirectErrorStream(true).start()
            String out = p.inputStream.text
            assert p.waitFor() == 0: out
            out
        }
        def screenShows = { String text ->
            long end = System.nanoTime() + 60_000_000_000L
            String screen = ''
            while (System.nanoTime() < end) {
                screen = tmux(['capture-pane', '-p', '-t', 'z'])
                if (screen.contains(text)) {
                    return true
                }
                Thread.sleep(100)
            }
            assert false: "the screen never showed '${text}':\n${screen}"
        }
        String root = tmp.resolve('root')

        when:
        tmux(['new-session', '-d', '-s', 'z', '-x', '160', '-y', '20', 'env', "PATH=${wrapper.parent}:${System.getenv('PATH')}",
              'zsh', '-f'])
        tmux(['send-keys', '-t', 'z', '-l', "fpath=(${SCRIPTS.toAbsolutePath()} \$fpath); autoload -U compinit; " +
                "compinit -u; PS1='zsh%% '"])
        tmux(['send-keys', '-t', 'z', 'Enter'])
        tmux(['send-keys', '-t', 'z', '-l', "jailsh --root ${root} start w"])
        tmux(['send-keys', '-t', 'z', 'Tab'])

        then:
        screenShows("jailsh --root ${root} start web")

        when:
        tmux(['send-keys', '-t', 'z', 'C-u'])
        tmux(['send-keys', '-t', 'z', '-l', "jailsh --root ${root} set ip6=inh"])
        tmux(['send-keys', '-t', 'z', 'Tab'])

        then:
        screenShows("jailsh --root ${root} set ip6=inherit")

        cleanup:
        ReplTmuxEndToEndSpec.removeServer(socket)
    }

    static boolean hasTmux() {
        System.getenv('PATH').split(':').any { Files.isExecutable(Path.of(it, 'tmux')) }
    }

    static boolean hasZsh() {
        System.getenv('PATH').split(':').any { Files.isExecutable(Path.of(it, 'zsh')) }
    }
}
