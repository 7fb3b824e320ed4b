package org.jailsh.testing

import java.nio.file.Files

import org.jailsh.spi.Availability
import org.jailsh.spi.Command
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.RootSource
import org.jailsh.spi.StorageProvider

/**
 * A storage provider for specs: records each call, shows a {@code mkdir} through the session's HostExec (so dry runs
 * list it) and, unless dry, makes the jail's root with java.nio. {@code failCreate} makes create fail after the
 * directory exists, to exercise the undo of a half-made jail.
 */
class FakeStorage implements StorageProvider {

    final String providerId
    final int providerPriority
    final Set<Platform> providerPlatforms
    final Set<String> providerCapabilities
    Availability availability = Availability.ok()
    RuntimeException failCreate
    /** Thrown by destroy before it removes anything, as a storage refusing (still mounted, running) does. */
    RuntimeException failDestroy
    final List<String> calls = []
    final Map<String, List<String>> snapshotsByJail = [:]
    /** What {@code interrupted} reports per jail, until {@code recover} runs. */
    final Map<String, List<String>> interruptedByJail = [:]

    FakeStorage(String id = 'fake-dir', int priority = 0, Set<Platform> platforms = [Platform.LINUX] as Set,
                Set<String> capabilities = ['clone', 'snapshot'] as Set) {
        providerId = id
        providerPriority = priority
        providerPlatforms = platforms
        providerCapabilities = capabilities
    }

    @Override
    String id() { providerId }

    @Override
    int priority() { providerPriority }

    @Override
    Set<Platform> platforms() { providerPlatforms }

    @Override
    Set<String> capabilities() { providerCapabilities }

    @Override
    Availability probe(HostFacts facts) { availability }

    @Override
    void create(JailRef jail, RootSource source, ProviderContext ctx) {
        calls << "create ${jail.name()} ${source.mode()} ${source.name()}".toString()
        ctx.exec().run(Command.of('mkdir', '-p', jail.root().toString()))
        if (!ctx.exec().dryRun()) {
            Files.createDirectories(jail.root())
        }
        if (failCreate != null) {
            throw failCreate
        }
    }

    @Override
    void destroy(JailRef jail, ProviderContext ctx) {
        calls << "destroy ${jail.name()}".toString()
        if (failDestroy != null) {
            throw failDestroy
        }
    }

    @Override
    void snapshot(JailRef jail, String snapshot, ProviderContext ctx) {
        calls << "snapshot ${jail.name()}@${snapshot}".toString()
        snapshotsByJail.computeIfAbsent(jail.name(), { [] }) << snapshot
    }

    @Override
    void rollback(JailRef jail, String snapshot, ProviderContext ctx) {
        calls << "rollback ${jail.name()}@${snapshot}".toString()
    }

    @Override
    List<String> interrupted(JailRef jail, ProviderContext ctx) {
        List.copyOf(interruptedByJail.getOrDefault(jail.name(), []))
    }

    @Override
    void recover(JailRef jail, ProviderContext ctx) {
        calls << "recover ${jail.name()}".toString()
        interruptedByJail.remove(jail.name())
    }

    @Override
    List<String> snapshots(JailRef jail, ProviderContext ctx) {
        List.copyOf(snapshotsByJail.getOrDefault(jail.name(), []))
    }

    @Override
    void setTemplate(JailRef jail, boolean template, ProviderContext ctx) {
        calls << "setTemplate ${jail.name()} ${template}".toString()
    }
}
