package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The bundled ssh-jail recipe on a real Debian jail that shares the host's network (ip4=inherit): debootstrap (or its
 * cache), apt-get install openssh-server sudo in the jail, sshd on 127.0.0.1:PORT, then ssh from the host with a key
 * and with the password; the user is in sudo, and sudo and su reach root. Needs a Debian mirror, so it runs only where
 * asked (JAILSH_SLOW_E2E=1) or where the bookworm cache shows this host has bootstrapped Debian before.
 */
@Stepwise
@Requires(value = { SshJailEndToEndSpec.runnable() },
        reason = 'needs root, debootstrap, ssh and a Debian mirror: set JAILSH_SLOW_E2E=1 (the first run debootstraps '
                + 'bookworm, ~40 s; it runs by itself once /var/cache/jailsh/debootstrap/bookworm.tar exists)')
class SshJailEndToEndSpec extends Specification {

    static final String SECRET = 'S3cr3t-Pw'
    static final Path CACHE = Path.of('/var/cache/jailsh/debootstrap/bookworm.tar')

    @Shared Path base
    @Shared int port
    @Shared long started = System.nanoTime()

    static boolean runnable() {
        RecipesEndToEndSpec.isRoot() && ['/usr/sbin/debootstrap', '/usr/bin/ssh', '/usr/bin/ssh-keygen']
                .every { Files.isExecutable(Path.of(it)) } && (System.getenv('JAILSH_SLOW_E2E') || Files.exists(CACHE))
    }

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-ssh-e2e-')
        port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
        run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', base.resolve('key').toString()])
    }

    def cleanupSpec() {
        RootCli.stopAllAndRemove(base, 'jailsh-ssh-e2e-', 200)
        println "SshJailEndToEndSpec: ${(System.nanoTime() - started).intdiv(1_000_000)} ms in all"
    }

    List cli(String... args) {
        CliRun.run(base.resolve('iocage'), args as List)
    }

    /** [exit code, output] of a host command, with a time limit. */
    static List run(List<String> argv, Map<String, String> env = [:]) {
        def builder = new ProcessBuilder(argv).redirectErrorStream(true)
        builder.environment().putAll(env)
        def process = builder.start()
        process.outputStream.close()
        String out = process.inputStream.text
        assert process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
        [process.exitValue(), out]
    }

    List<String> ssh(List<String> auth, String command) {
        ['ssh', '-p', "$port".toString(), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
         '-o', 'ConnectTimeout=10', '-o', 'LogLevel=ERROR'] + auth + ['jailuser@127.0.0.1', command]
    }

    List<String> recipe() {
        ['run', 'ssh-jail', '--param', 'name=sshj', '--param', 'ip4=inherit', '--param', "port=${port}".toString(),
         '--param', 'listen=127.0.0.1', '--param', "password=${SECRET}".toString(),
         '--param', "authorized_key=${Files.readString(base.resolve('key.pub')).trim()}".toString()]
    }

    def "ssh-jail makes a Debian jail whose sshd lets jailuser in with the key, in the sudo group"() {
        when:
        long t0 = System.nanoTime()
        def (code, out, err) = cli(recipe() as String[])
        println "run ssh-jail: ${(System.nanoTime() - t0).intdiv(1_000_000)} ms"
        def login = run(ssh(['-i', base.resolve('key').toString(), '-o', 'BatchMode=yes'], 'id'))

        then:
        code == 0
        out.readLines()[-1] ==~ /recipe ssh-jail on sshj: done \(\d+ changes\)/
        login[0] == 0
        login[1] ==~ /(?s)uid=\d+\(jailuser\) gid=\d+\(jailuser\) groups=.*27\(sudo\).*/
        !(out + err).contains(SECRET)
        !Files.readString(base.resolve('iocage/log/jailsh.log')).contains(SECRET)
    }

    def "sudo and su reach root with the password"() {
        when:
        def viaSudo = run(ssh(['-i', base.resolve('key').toString(), '-o', 'BatchMode=yes'],
                "echo ${SECRET} | sudo -S -p '' id -u".toString()))
        def viaSu = run(ssh(['-i', base.resolve('key').toString(), '-o', 'BatchMode=yes'],
                "echo ${SECRET} | su -c 'id -u' root".toString()))

        then:
        viaSudo[1].readLines().contains('0')
        viaSu[1].readLines().any { it.endsWith('0') }
    }

    @Requires(value = { Files.isExecutable(Path.of('/usr/bin/sshpass')) }, reason = 'needs sshpass (apt-get install sshpass)')
    def "the password logs in too"() {
        when:
        def login = run(['sshpass', '-e'] + ssh(['-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password'],
                'id -un'), [SSHPASS: SECRET])

        then:
        login[0] == 0
        login[1].trim() == 'jailuser'
    }

    def "run again: nothing changes; after a restart of the jail sshd is up again (enabled at boot)"() {
        when:
        def again = cli(recipe() as String[])
        cli('restart', 'sshj')
        def login = run(ssh(['-i', base.resolve('key').toString(), '-o', 'BatchMode=yes'], 'hostname'))

        then:
        again[0] == 0
        again[1].readLines()[-1] == 'recipe ssh-jail on sshj: up to date'
        login[0] == 0
        login[1].trim() == 'sshj'
    }

    /** jailsh as its own process inside the network namespace {@code ns}, so its bridge and veths live there. */
    List inNamespace(String ns, List<String> args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        run(['ip', 'netns', 'exec', ns, java, '-cp', System.getProperty('java.class.path'), 'org.jailsh.shell.Main',
             '--root', base.resolve('iocage').toString()] + args)
    }

    def "moved onto VNET with a static address in a namespace the test made, sshd answers at that address"() {
        given: 'a namespace of the test; the jail stopped, so its network can change'
        String ns = 'jtssh' + (ProcessHandle.current().pid() % 100000)
        run(['ip', 'netns', 'add', ns])
        run(['ip', '-n', ns, 'link', 'set', 'lo', 'up'])
        cli('stop', 'sshj')

        when: 'the recipe runs again with a VNET address; the host side of the bridge gets an address of the test'
        def again = inNamespace(ns, ['run', 'ssh-jail', '--param', 'name=sshj', '--param', 'ip4=vnet0|10.88.0.2/24',
                                     '--param', 'port=22', '--param', 'listen=0.0.0.0',
                                     '--param', "password=${SECRET}".toString(),
                                     '--param', "authorized_key=${Files.readString(base.resolve('key.pub')).trim()}".toString()])
        run(['ip', '-n', ns, 'addr', 'add', '10.88.0.1/24', 'dev', 'bridge0'])
        def login = run(['ip', 'netns', 'exec', ns, 'ssh', '-i', base.resolve('key').toString(), '-o', 'BatchMode=yes',
                         '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=10',
                         '-o', 'LogLevel=ERROR', 'jailuser@10.88.0.2', 'id'])

        then:
        again[0] == 0
        login[0] == 0
        login[1] ==~ /(?s)uid=\d+\(jailuser\) gid=\d+\(jailuser\) groups=.*27\(sudo\).*/
        !again[1].contains(SECRET)

        cleanup:
        inNamespace(ns, ['stop', 'sshj'])
        run(['ip', 'netns', 'del', ns])
    }
}
