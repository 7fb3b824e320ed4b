package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.linux.internal.DirLayout
import org.jailsh.linux.internal.DirRecovery
import org.jailsh.spi.HostExec
import org.jailsh.spi.exec.LocalHostExec
import spock.lang.Specification
import spock.lang.TempDir

/** A jailsh killed in the middle of a rollback or a snapshot: doctor's report, and the repair, on real files. */
class DirRecoverySpec extends Specification {

    @TempDir
    Path tmp

    HostExec exec = new LocalHostExec({ String line -> })
    DirLayout layout
    DirRecovery recovery

    def setup() {
        Path dir = tmp.resolve('jails/web')
        Files.createDirectories(dir.resolve('overlay'))
        Files.writeString(dir.resolve('overlay/lower'), tmp.resolve('releases/busybox/root').toString() + '\n')
        layout = new DirLayout(dir)
        recovery = new DirRecovery(layout)
    }

    private static Path tree(Path dir, String content) {
        Files.createDirectories(dir)
        Files.writeString(dir.resolve('file'), content)
        dir
    }

    def "killed between the two renames: the finished copy is installed as the data"() {
        given:
        tree(recovery.rollbackCopy(), 'snapshot')
        tree(recovery.oldData(), 'before')

        expect:
        recovery.interrupted() == ["a rollback stopped between its renames: the jail's data is in "
                                           + recovery.rollbackCopy()]

        when:
        recovery.recover(exec)

        then:
        Files.readString(layout.data().resolve('file')) == 'snapshot'
        !Files.exists(recovery.rollbackCopy())
        !Files.exists(recovery.oldData())
        recovery.interrupted().isEmpty()
    }

    def "killed after the first rename with no copy left: the old data goes back"() {
        given:
        tree(recovery.oldData(), 'before')

        when:
        recovery.recover(exec)

        then:
        Files.readString(layout.data().resolve('file')) == 'before'
        recovery.interrupted().isEmpty()
    }

    def "killed while copying: the data stays, the half copy and a half snapshot go, whole snapshots stay"() {
        given:
        tree(layout.data(), 'current')
        tree(recovery.rollbackCopy(), 'half')
        tree(DirRecovery.partialSnapshot(layout, 's1'), 'half')
        tree(layout.snapshot('s0'), 'kept')

        expect:
        recovery.interrupted() == ['an unfinished rollback copy ' + recovery.rollbackCopy(),
                                   'an unfinished snapshot copy ' + DirRecovery.partialSnapshot(layout, 's1')]

        when:
        recovery.recover(exec)

        then:
        Files.readString(layout.data().resolve('file')) == 'current'
        Files.readString(layout.snapshot('s0').resolve('file')) == 'kept'
        recovery.interrupted().isEmpty()
    }

    def "a whole jail has nothing to recover, and recovering changes nothing"() {
        given:
        tree(layout.data(), 'current')

        when:
        recovery.recover(exec)

        then:
        recovery.interrupted().isEmpty()
        Files.readString(layout.data().resolve('file')) == 'current'
    }
}
