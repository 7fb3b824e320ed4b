package org.jailsh.testing

import org.jailsh.spi.Availability
import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.MountEntry
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.RunState
import org.jailsh.spi.RuntimeProvider

/** A runtime for specs: jails are "up" when a spec says so or after start; every call is recorded. */
class FakeRuntime implements RuntimeProvider {

    final String providerId
    final int providerPriority
    final Set<Platform> providerPlatforms
    Availability availability = Availability.ok()
    final Map<String, RunState> states = [:]
    final List<String> calls = []
    final Map<String, List<MountEntry>> startedWith = [:]
    RuntimeException failState

    FakeRuntime(String id = 'fake-ns', int priority = 0, Set<Platform> platforms = [Platform.LINUX] as Set) {
        providerId = id
        providerPriority = priority
        providerPlatforms = platforms
    }

    void up(String name, String jid = '4242') {
        states[name] = new RunState(true, jid)
    }

    @Override
    String id() { providerId }

    @Override
    int priority() { providerPriority }

    @Override
    Set<Platform> platforms() { providerPlatforms }

    @Override
    Set<String> capabilities() { ['namespaces'] as Set }

    @Override
    Availability probe(HostFacts facts) { availability }

    @Override
    RunState state(JailRef jail, ProviderContext ctx) {
        if (failState != null) {
            throw failState
        }
        states.getOrDefault(jail.name(), RunState.DOWN)
    }

    @Override
    RunState start(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        calls << "start ${jail.name()}".toString()
        startedWith[jail.name()] = List.copyOf(mounts)
        ctx.exec().run(Command.of('fake-start', jail.name()))
        up(jail.name())
        states[jail.name()]
    }

    @Override
    void stop(JailRef jail, ProviderContext ctx) {
        calls << "stop ${jail.name()}".toString()
        states[jail.name()] = RunState.DOWN
    }

    @Override
    ExecResult exec(JailRef jail, List<String> argv, String user, boolean interactive, ProviderContext ctx) {
        calls << "exec ${jail.name()} ${argv.join(' ')}".toString()
        new ExecResult(Command.of(argv), 0, "ran ${argv.join(' ')}\n", '')
    }
}
