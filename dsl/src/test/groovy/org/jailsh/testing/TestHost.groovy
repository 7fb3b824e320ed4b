package org.jailsh.testing

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.api.JailshOptions
import org.jailsh.api.Session
import org.jailsh.model.JailType
import org.jailsh.registry.ProviderRegistry
import org.jailsh.spi.HostExec
import org.jailsh.spi.HostFacts
import org.jailsh.spi.Platform
import org.jailsh.spi.exec.DryRunHostExec
import org.jailsh.store.IocageJson
import org.jailsh.testkit.RecordingHostExec
import org.jailsh.verbs.CreateRequest
import org.jailsh.verbs.CreateVerb

/**
 * A Linux host for verb specs: a state root in a temp dir, fake storage/runtime/release providers in one plugin,
 * and sessions over a RecordingHostExec (or a DryRunHostExec for plans).
 */
class TestHost {

    final Path root
    final FakeStorage storage = new FakeStorage()
    final FakeRuntime runtime = new FakeRuntime()
    final FakeRelease release = new FakeRelease()
    final RecordingReporter reporter = new RecordingReporter()
    final FakePlugin plugin = new FakePlugin()
    HostExec lastExec

    TestHost(Path root) {
        this.root = root
        plugin.storage = [storage]
        plugin.runtime = [runtime]
        plugin.release = [release]
    }

    HostFacts facts() {
        new HostFacts(Platform.LINUX, false, root, [PATH: '/usr/bin:/bin'])
    }

    JailshOptions options(boolean dryRun = false) {
        new JailshOptions(root, Platform.LINUX, dryRun, [], [:], reporter, [:])
    }

    Session session(boolean dryRun = false) {
        def facts = facts()
        lastExec = dryRun ? new DryRunHostExec() : new RecordingHostExec()
        new Session(options(dryRun), facts, new ProviderRegistry([plugin], [], facts, [:], dryRun), lastExec)
    }

    Session dryRun() {
        session(true)
    }

    /** Creates a jail through the real create verb (busybox release, fake storage). */
    void create(String name, Map<String, String> properties = [:]) {
        new CreateVerb(session()).create(new CreateRequest(name, 'busybox', null, JailType.CLONE, false, properties, []))
    }

    /** Writes a jail directory by hand, as another tool (iocage) would have left it. */
    Path writeJail(String name, Map<String, Object> config, boolean template = false) {
        Path dir = root.resolve(template ? 'templates' : 'jails').resolve(name)
        Files.createDirectories(dir.resolve('root'))
        IocageJson.write(dir.resolve('config.json'), config)
        Files.writeString(dir.resolve('fstab'), '')
        dir
    }

    /** Copies a config.json fixture (src/test/resources/fixtures/iocage) into a new jail directory. */
    Path plantFixture(String name, String fixture) {
        Path dir = root.resolve('jails').resolve(name)
        Files.createDirectories(dir.resolve('root'))
        TestHost.getResourceAsStream("/fixtures/iocage/${fixture}").withCloseable { Files.copy(it, dir.resolve('config.json')) }
        dir
    }

    Path jailDir(String name) {
        root.resolve('jails').resolve(name)
    }

    Map<String, Object> config(String name) {
        IocageJson.read(jailDir(name).resolve('config.json'))
    }

    /** Every file and directory under the root, relative, sorted: to show a dry run changed nothing. */
    List<String> tree() {
        if (!Files.exists(root)) {
            return []
        }
        Files.walk(root).withCloseable { s -> s.map { root.relativize(it).toString() }.sorted().toList() }
    }
}
