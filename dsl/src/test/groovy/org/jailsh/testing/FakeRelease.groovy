package org.jailsh.testing

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.Availability
import org.jailsh.spi.Command
import org.jailsh.spi.HostFacts
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseProvider
import org.jailsh.spi.ReleaseRequest

/** Fetches any release by making an empty root (unless dry); shows a {@code fake-fetch NAME} command. */
class FakeRelease implements ReleaseProvider {

    final List<String> calls = []

    @Override
    String id() { 'fake-release' }

    @Override
    Set<Platform> platforms() { [Platform.LINUX] as Set }

    @Override
    Set<String> capabilities() { ['archive'] as Set }

    @Override
    Availability probe(HostFacts facts) { Availability.ok() }

    @Override
    boolean handles(ReleaseRequest request) { true }

    @Override
    List<String> available() { ['busybox'] }

    @Override
    void fetch(ReleaseRequest request, Path downloadDir, Path releaseRoot, ProviderContext ctx) {
        calls << "fetch ${request.name()}".toString()
        ctx.exec().run(Command.of('fake-fetch', request.name()))
        if (!ctx.exec().dryRun()) {
            Files.createDirectories(releaseRoot.resolve('bin'))
        }
    }
}
