package org.jailsh.hostile

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.testing.SafeLinks
import org.jailsh.testing.TestHost
import org.jailsh.testkit.Canary
import org.jailsh.testkit.TempTrees

/**
 * The fixture every hostile-input row runs against: a state root under /tmp with one bystander jail
 * ({@code hostile-other}) and the jail under attack ({@code hostile-web}), plus a canary directory outside the root.
 * {@link #untouched} proves after a row that neither the canary nor the bystander changed.
 */
class HostileHost {

    final Path root
    final TestHost host
    final Canary canary
    private Map<String, String> bystander

    HostileHost() {
        root = Files.createTempDirectory('jailsh-hostile-')
        host = new TestHost(root)
        canary = Canary.create('hostile')
        host.create('hostile-other', [notes: 'bystander'])
        host.create('hostile-web')
        bystander = Canary.fingerprint(host.jailDir('hostile-other'))
    }

    /** Re-reads the bystander's fingerprint, for rows that change it on purpose before the hostile step. */
    void settle() {
        bystander = Canary.fingerprint(host.jailDir('hostile-other'))
    }

    /** Empty when the canary and the bystander jail are as they were; otherwise what changed. */
    List<String> untouched() {
        canary.changes() + Canary.diff(bystander, Canary.fingerprint(host.jailDir('hostile-other')))
    }

    /** What is directly under the state root's jails/ and the root itself: nothing may appear beside them. */
    List<String> topLevel() {
        (Files.list(root).withCloseable { it.map { it.fileName.toString() }.sorted().toList() }) +
                (Files.list(root.resolve('jails')).withCloseable { it.map { 'jails/' + it.fileName }.sorted().toList() })
    }

    void remove() {
        SafeLinks.removeAll(root)
        TempTrees.remove(root)
        canary.remove()
    }
}
