package org.jailsh.examples.btrfs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostExec
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.RootSource
import org.jailsh.spi.ValidationException
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/** Records every command line and answers with success (this module depends on jailsh-spi only: no testkit). */
class RecordingExec implements HostExec {

    final List<List<String>> commands = []

    @Override
    ExecResult run(Command command) {
        commands << command.argv()
        new ExecResult(command, 0, '', '')
    }

    @Override
    void writeFile(Path path, String content) {
        commands << ['(write)', path.toString()]
    }

    @Override
    boolean dryRun() {
        false
    }
}

/** The provider's decisions and command lines on a recording HostExec (the real thing: BtrfsPluginEndToEndSpec). */
class BtrfsStorageProviderSpec extends Specification {

    @TempDir
    Path tmp

    def provider = new BtrfsStorageProvider()
    def exec = new RecordingExec()

    ProviderContext ctx(Path stateRoot) {
        new ProviderContext(exec, new HostFacts(Platform.LINUX, true, stateRoot, [:]), Stub(Reporter))
    }

    JailRef jail(Path dir, String name = dir.fileName.toString()) {
        new JailRef(name, dir, dir.resolve('root'), [:])
    }

    def "destroy refuses a directory that is not a jail under its own state root, and runs nothing"() {
        given:
        Path state = Files.createDirectories(tmp.resolve('iocage'))
        Path dir = Files.createDirectories(tmp.resolve(where))

        when:
        provider.destroy(jail(dir, name), ctx(state))

        then:
        def e = thrown(ValidationException)
        e.message.contains('refusing to destroy')
        exec.commands.isEmpty()

        where:
        where                  | name
        'elsewhere/jails/web'  | 'web'
        'iocage/releases/web'  | 'web'
        'iocage/jails/web'     | 'other'
        'iocage'               | 'iocage'
    }

    def "destroy of a jail under its own root removes the directory on one file system"() {
        given:
        Path state = Files.createDirectories(tmp.resolve('iocage'))
        Path dir = Files.createDirectories(state.resolve('jails/web/root'))

        when:
        provider.destroy(jail(dir.parent), ctx(state))

        then: 'no subvolumes here (not btrfs), so only the plain removal'
        exec.commands == [['rm', '-rf', '--one-file-system', '--', dir.parent.toString()]]
    }

    @Requires(value = { new File('/proc/self/status').readLines().find { it.startsWith('Uid:') }.split(/\s+/)[2] == '0' },
            reason = 'needs root to mount a tmpfs under the jail')
    def "destroy refuses while anything is mounted under the jail, also in a path with a space"() {
        given:
        Path state = Files.createDirectories(tmp.resolve('io cage'))
        Path dir = state.resolve('jails/web')
        Path mountPoint = Files.createDirectories(dir.resolve('root/mnt'))
        assert new ProcessBuilder('mount', '-t', 'tmpfs', 'btrfs-spec', mountPoint.toString()).start().waitFor() == 0

        when:
        provider.destroy(jail(dir), ctx(state))

        then:
        def e = thrown(ValidationException)
        e.message.contains('still mounted') && e.message.contains('root/mnt')
        exec.commands.isEmpty()

        cleanup:
        new ProcessBuilder('umount', mountPoint.toString()).start().waitFor()
    }

    def "a snapshot is a read-only snapshot of the root in snapshots/NAME"() {
        given:
        Path dir = Files.createDirectories(tmp.resolve('iocage/jails/web/root')).parent

        when:
        provider.snapshot(jail(dir), 'before', ctx(tmp.resolve('iocage')))

        then:
        exec.commands == [['mkdir', '-p', '--', dir.resolve('snapshots').toString()],
                          ['btrfs', '-q', 'subvolume', 'snapshot', '-r', dir.resolve('root').toString(),
                           dir.resolve('snapshots/before').toString()]]
    }

    def "bad snapshot names are refused before anything runs"() {
        when:
        provider.snapshot(jail(tmp.resolve('iocage/jails/web')), name, ctx(tmp.resolve('iocage')))

        then:
        thrown(ValidationException)
        exec.commands.isEmpty()

        where:
        name << ['../x', '-r', '.hidden', 'a/b', '']
    }

    def "an empty jail is a new subvolume"() {
        given:
        Path dir = tmp.resolve('iocage/jails/web')

        when:
        provider.create(jail(dir), RootSource.empty(), ctx(tmp.resolve('iocage')))

        then:
        exec.commands == [['mkdir', '-p', '--', dir.toString()],
                          ['btrfs', '-q', 'subvolume', 'create', dir.resolve('root').toString()]]
    }

    def "the probe says why it cannot work: #why"() {
        given:
        Path bin = Files.createDirectories(tmp.resolve('bin'))
        if (btrfs) {
            Path tool = Files.createFile(bin.resolve('btrfs'))
            tool.toFile().setExecutable(true)
        }

        expect:
        def a = provider.probe(new HostFacts(Platform.LINUX, root, tmp, [PATH: bin.toString()]))
        !a.available()
        a.reason().contains(why)

        where:
        btrfs | root  | why
        false | true  | 'install btrfs-progs'
        true  | false | 'needs root'
        true  | true  | 'not btrfs'
    }
}
