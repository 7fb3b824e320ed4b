package org.jailsh.recipe

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.api.Jails
import org.jailsh.api.JailshOptions
import org.jailsh.api.Session
import org.jailsh.dsl.Console
import org.jailsh.plan.Outcome
import org.jailsh.registry.ProviderRegistry
import org.jailsh.spi.HostFacts
import org.jailsh.spi.Platform
import org.jailsh.spi.exec.DryRunHostExec
import org.jailsh.testing.FakePlugin
import org.jailsh.testing.FakeRelease
import org.jailsh.testing.FakeStorage
import org.jailsh.testing.RecordingReporter

/**
 * A host for recipe specs: a state root and a config home ({@code XDG_CONFIG_HOME/jailsh/recipes}) in a temp dir,
 * fake storage and release, a {@link GuestRuntime} whose jails are {@link FakeJailOs}, and a console that keeps
 * every line as the shell would print it.
 */
class RecipeHost implements Console {

    final Path base
    final Path root
    final Path config
    final GuestHostExec exec = new GuestHostExec()
    final GuestRuntime runtime = new GuestRuntime()
    final FakePlugin plugin = new FakePlugin()
    final RecordingReporter reporter = new RecordingReporter()
    final List<String> lines = []
    Platform platform = Platform.LINUX
    final Map<String, String> env = [:]

    RecipeHost(Path base) {
        this.base = base
        this.root = base.resolve('iocage')
        this.config = base.resolve('config')
        plugin.storage = [new FakeStorage()]
        plugin.runtime = [runtime]
        plugin.release = [new FakeRelease()]
    }

    /** Writes {@code XDG_CONFIG_HOME/jailsh/recipes/NAME/FILE} for each file. */
    Path recipe(String name, Map<String, String> files) {
        Path dir = config.resolve('jailsh/recipes').resolve(name)
        files.each { file, text ->
            Files.createDirectories(dir.resolve(file).parent)
            Files.writeString(dir.resolve(file), text)
        }
        dir
    }

    Session session(boolean dryRun = false) {
        def facts = new HostFacts(platform, true, root, [PATH: '/usr/bin:/bin', XDG_CONFIG_HOME: config.toString()] + env)
        new Session(new JailshOptions(root, platform, dryRun, [], [:], reporter, facts.env()), facts,
                new ProviderRegistry([plugin], [], facts, [:], dryRun), dryRun ? new DryRunHostExec() : exec)
    }

    Recipes recipes(boolean dryRun = false) {
        new Recipes(new Jails(session(dryRun)), this)
    }

    /** Runs a recipe and returns what it printed. */
    List<String> run(String name, Map params = [:], boolean dryRun = false) {
        int from = lines.size()
        recipes(dryRun).run(name, params)
        lines.subList(from, lines.size()).collect()
    }

    FakeJailOs jail(String name) {
        exec.jails.computeIfAbsent(name) { new FakeJailOs(exec.defaultOs) }
    }

    String log() {
        Path file = root.resolve('log/jailsh.log')
        Files.exists(file) ? Files.readString(file) : ''
    }

    @Override
    void outcome(Outcome outcome) {
        outcome.notices().each { lines << "  note: $it".toString() }
        outcome.steps().each { s ->
            lines << "  ${s.mark()} ${s.title()}${s.why() ? '   # ' + s.why() : ''}".toString()
            if (outcome.dryRun()) {
                s.commands().each { lines << "      $it".toString() }
            }
        }
        if (outcome.summary()) {
            lines << outcome.summary()
        }
    }

    @Override
    void line(String text) {
        lines << text
    }
}
