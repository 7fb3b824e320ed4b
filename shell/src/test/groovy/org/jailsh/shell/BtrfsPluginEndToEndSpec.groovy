package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

import groovy.json.JsonSlurper
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The example btrfs plugin (plugins/examples/btrfs), installed the way a user would: its jar in a plugins directory,
 * chosen with JAILSH_STORAGE_PROVIDER, driven through the real CLI in JVMs of their own, on a btrfs file system on a
 * loop device this spec makes, mounts and always unmounts and detaches again.
 */
@Stepwise
@Requires(value = { BtrfsPluginEndToEndSpec.canRun() },
        reason = 'needs root (loop devices, mount, namespaces), mkfs.btrfs (btrfs-progs) and /bin/busybox (busybox-static)')
class BtrfsPluginEndToEndSpec extends Specification {

    static final String JAIL = 'btrfs-e2e-a'

    @Shared Path base
    @Shared Path mnt
    @Shared String loop
    @Shared ForkedCli cli

    static boolean canRun() {
        LinuxFlowsEndToEndSpec.isRoot() && ['/sbin/mkfs.btrfs', '/usr/sbin/mkfs.btrfs', '/usr/bin/mkfs.btrfs']
                .any { Files.isExecutable(Path.of(it)) } && Files.isExecutable(Path.of('/bin/busybox'))
    }

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-btrfs-e2e-')
        Path image = base.resolve('btrfs.img')
        sh('truncate', '-s', '300M', image.toString())
        sh('mkfs.btrfs', '-q', image.toString())
        loop = sh('losetup', '--find', '--show', image.toString()).trim()
        mnt = Files.createDirectories(base.resolve('mnt'))
        sh('mount', '-t', 'btrfs', loop, mnt.toString())
        Path plugins = Files.createDirectories(base.resolve('plugins'))
        Path jar = exampleJar()
        Files.copy(jar, plugins.resolve(jar.fileName))
        cli = new ForkedCli([HOME                   : base.resolve('home').toString(),
                             PATH                   : System.getenv('PATH'),
                             JAILSH_ROOT            : mnt.resolve('iocage').toString(),
                             JAILSH_PLUGIN_PATH     : plugins.toString(),
                             JAILSH_STORAGE_PROVIDER: 'btrfs'])
    }

    /** The jar the build copied from the example module (shell/pom.xml, execution btrfs-plugin-jar). */
    static Path exampleJar() {
        String dir = System.getProperty('jailsh.examplePlugins')
        assert dir != null: 'run through Maven: the system property jailsh.examplePlugins names the example plugin jars'
        Path jar = Files.list(Path.of(dir)).withCloseable { s -> s.filter { it.fileName.toString().startsWith('jailsh-btrfs-') }.findFirst() }
                .orElse(null)
        assert jar != null: "no jailsh-btrfs jar in $dir; build plugins/examples/btrfs first"
        jar
    }

    def cleanupSpec() {
        if (base == null || !base.fileName.toString().startsWith('jailsh-btrfs-e2e-')) {
            return
        }
        if (cli != null) {
            cli.run('stop', 'ALL')
        }
        if (mnt != null && mounted(mnt)) {
            for (int i = 0; i < 10 && mounted(mnt) && run('umount', mnt.toString())[0] != 0; i++) {
                Thread.sleep(500)
            }
            if (mounted(mnt)) {
                run('umount', '-l', mnt.toString())
            }
        }
        if (loop != null) {
            run('btrfs', 'device', 'scan', '--forget', loop)
            run('losetup', '-d', loop)
        }
        // The kernel lets go of the loop device a moment after losetup returns.
        for (int i = 0; i < 40 && loopUses(base); i++) {
            Thread.sleep(250)
        }
        assert !mounted(base): "something is still mounted under $base; not removing it"
        assert !loopUses(base): "a loop device still uses $base"
        run('rm', '-rf', '--one-file-system', '--', base.toString())
    }

    static boolean loopUses(Path dir) {
        run('losetup', '-a')[1].toString().contains(dir.toString())
    }

    static boolean mounted(Path dir) {
        Files.readAllLines(Path.of('/proc/self/mountinfo')).any { it.split(' ')[4].startsWith(dir.toString()) }
    }

    static List run(String... argv) {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor(120, TimeUnit.SECONDS)
        [p.exitValue(), out]
    }

    static String sh(String... argv) {
        def (code, out) = run(argv)
        assert code == 0: "${argv.join(' ')}: $out"
        out
    }

    /** Paths of the subvolumes on the test file system, relative to its top. */
    List<String> subvolumes() {
        sh('btrfs', 'subvolume', 'list', mnt.toString()).readLines().collect { it.replaceFirst(/.* path /, '') }
    }

    String subvolumeField(String path, String field) {
        sh('btrfs', 'subvolume', 'show', mnt.resolve(path).toString()).readLines()
                .find { it.trim().startsWith(field + ':') }?.replaceFirst(/^\s*[^:]+:\s*/, '')
    }

    Map provider(Map<String, String> env, String id) {
        def forked = new ForkedCli(cli.env + env)
        (new JsonSlurper().parseText(forked.ok('--json', 'providers')) as List<Map>).find { it.id == id }
    }

    def "providers: btrfs is available on a btrfs state root, in use once chosen, and says why not elsewhere"() {
        expect: 'chosen'
        provider([:], 'btrfs').status == 'in use'
        provider([:], 'btrfs').plugin == "btrfs (${exampleJar().fileName})".toString()

        and: 'not chosen: the built-in dir storage stays in use'
        provider([JAILSH_STORAGE_PROVIDER: ''], 'btrfs').status == 'available'
        provider([JAILSH_STORAGE_PROVIDER: ''], 'dir').status == 'in use'

        and: 'a state root that is not on btrfs'
        def elsewhere = provider([JAILSH_ROOT: base.resolve('not-btrfs').toString()], 'btrfs')
        elsewhere.status == 'unavailable'
        elsewhere.reason.contains('not btrfs')
    }

    def "the release and a clone jail are subvolumes, the jail a snapshot of the release"() {
        when:
        cli.ok('fetch', '-r', 'busybox')
        cli.ok('create', '-r', 'busybox', '-n', JAIL)

        then:
        subvolumes().containsAll(['iocage/releases/busybox/root', "iocage/jails/$JAIL/root".toString()])
        subvolumeField("iocage/jails/$JAIL/root", 'Parent UUID') == subvolumeField('iocage/releases/busybox/root', 'UUID')
        Files.isExecutable(mnt.resolve("iocage/jails/$JAIL/root/bin/sh"))
    }

    def "the jail starts and runs commands"() {
        when:
        cli.ok('start', JAIL)

        then:
        cli.ok('exec', JAIL, 'sh', '-c', 'echo one > /root/state && cat /root/state') == 'one\n'
        Files.readString(mnt.resolve("iocage/jails/$JAIL/root/root/state")) == 'one\n'
        !Files.exists(mnt.resolve('iocage/releases/busybox/root/root/state'))
    }

    def "a snapshot is a read-only subvolume, and rollback brings its content back"() {
        when:
        cli.ok('snapshot', JAIL, '-n', 'btrfs-s1')
        cli.ok('exec', JAIL, 'sh', '-c', 'echo two > /root/state')

        then:
        subvolumes().contains("iocage/jails/$JAIL/snapshots/btrfs-s1".toString())
        sh('btrfs', 'property', 'get', '-ts', mnt.resolve("iocage/jails/$JAIL/snapshots/btrfs-s1").toString(), 'ro')
                .trim() == 'ro=true'
        cli.ok('snaplist', JAIL).contains('btrfs-s1')

        when:
        cli.ok('stop', JAIL)
        cli.ok('rollback', JAIL, '-n', 'btrfs-s1')
        cli.ok('start', JAIL)

        then:
        cli.ok('exec', JAIL, 'cat', '/root/state') == 'one\n'
        !subvolumes().any { it.contains('.root.') }
    }

    def "destroy removes the jail's subvolumes and keeps the release"() {
        when:
        cli.ok('stop', JAIL)
        cli.ok('destroy', '-f', JAIL)

        then:
        !subvolumes().any { it.contains(JAIL) }
        subvolumes().contains('iocage/releases/busybox/root')
        !Files.exists(mnt.resolve("iocage/jails/$JAIL"))
    }
}
