package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification

/**
 * Plugin jars from the plugin directories, through the real CLI in a JVM of its own: jars compiled here against
 * jailsh-spi alone, three of them broken (static initialiser, constructor, probe), one not a plugin at all. Each bad
 * one is reported by {@code providers} with its reason and jar file name; everything else keeps working.
 */
class PluginsDirEndToEndSpec extends Specification {

    static final String STATIC_BOOM = '''
        package plugins.e2e;
        public class StaticBoom implements org.jailsh.spi.JailshPlugin {
            static final String NAME = explode();
            static String explode() {
                throw new IllegalStateException("plugins-static-boom exploded in its static initialiser");
            }
        }'''

    static final String CTOR_BOOM = '''
        package plugins.e2e;
        public class CtorBoom implements org.jailsh.spi.JailshPlugin {
            public CtorBoom() {
                throw new IllegalStateException("plugins-ctor-boom exploded in its constructor");
            }
        }'''

    /** A storage provider whose probe throws; {@code good} makes one whose probe passes, at the lowest priority. */
    static String storagePlugin(String className, String id, boolean good) {
        """
        package plugins.e2e;
        import java.util.*;
        import org.jailsh.spi.*;
        public class $className implements JailshPlugin {
            public String name() { return "$id"; }
            public List<StorageProvider> storageProviders() { return List.of(new Storage()); }
            static class Storage implements StorageProvider {
                public String id() { return "$id"; }
                public Set<Platform> platforms() { return Set.of(Platform.LINUX, Platform.FREEBSD); }
                public int priority() { return -100; }
                public Set<String> capabilities() { return Set.of("clone"); }
                public Availability probe(HostFacts facts) {
                    ${good ? 'return Availability.ok();' : 'throw new IllegalStateException("' + id + ' exploded in its probe");'}
                }
                public void create(JailRef jail, RootSource source, ProviderContext ctx) { throw new UnsupportedOperationException(); }
                public void destroy(JailRef jail, ProviderContext ctx) { throw new UnsupportedOperationException(); }
                public void snapshot(JailRef jail, String snapshot, ProviderContext ctx) { throw new UnsupportedOperationException(); }
                public void rollback(JailRef jail, String snapshot, ProviderContext ctx) { throw new UnsupportedOperationException(); }
                public List<String> snapshots(JailRef jail, ProviderContext ctx) { return List.of(); }
            }
        }"""
    }

    @Shared Path base
    @Shared Path userPlugins
    @Shared Path pathA
    @Shared Path pathB

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-plugins-e2e-')
        userPlugins = Files.createDirectories(base.resolve('config/jailsh/plugins'))
        pathA = Files.createDirectories(base.resolve('path-a'))
        pathB = Files.createDirectories(base.resolve('path-b'))
        Path work = base.resolve('build')
        [
            'plugins-static-boom.jar': [['plugins.e2e.StaticBoom': STATIC_BOOM], ['plugins.e2e.StaticBoom']],
            'plugins-ctor-boom.jar'  : [['plugins.e2e.CtorBoom': CTOR_BOOM], ['plugins.e2e.CtorBoom']],
            'plugins-probe-boom.jar' : [['plugins.e2e.ProbeBoom': storagePlugin('ProbeBoom', 'plugins-probe-boom', false)],
                                        ['plugins.e2e.ProbeBoom']],
            'plugins-good.jar'       : [['plugins.e2e.Good': storagePlugin('Good', 'plugins-good', true)],
                                        ['plugins.e2e.Good']],
            'plugins-library.jar'    : [['plugins.e2e.Library': 'package plugins.e2e; public class Library {}'], []],
        ].each { String jar, List spec ->
            Path built = PluginJar.build(work.resolve(jar), jar, spec[0] as Map, spec[1] as List)
            Files.copy(built, userPlugins.resolve(jar))
        }
        Files.copy(userPlugins.resolve('plugins-good.jar'), pathB.resolve('plugins-good.jar'))
    }

    def cleanupSpec() {
        if (base != null && base.fileName.toString().startsWith('jailsh-plugins-e2e-')
                && !Files.readString(Path.of('/proc/self/mountinfo')).contains(base.toString())) {
            new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
        }
    }

    ForkedCli cli(Map<String, String> extra = [:]) {
        new ForkedCli([HOME                : base.resolve('home').toString(),
                       XDG_CONFIG_HOME     : base.resolve('config').toString(),
                       JAILSH_ROOT         : base.resolve('iocage').toString(),
                       PATH                : System.getenv('PATH')] + extra)
    }

    List<Map> providers(ForkedCli cli) {
        new JsonSlurper().parseText(cli.ok('--json', 'providers')) as List<Map>
    }

    def "jars in the user's plugins directory load; each broken one is reported with its reason and jar, then skipped"() {
        when:
        def rows = providers(cli())
        def broken = rows.findAll { it.status == 'broken' }

        then: 'the static initialiser and the constructor: broken, named with the jar they came from'
        def staticBoom = broken.find { it.plugin == 'plugins.e2e.StaticBoom (plugins-static-boom.jar)' }
        staticBoom.reason.contains('plugins-static-boom exploded in its static initialiser')
        def ctorBoom = broken.find { it.plugin == 'plugins.e2e.CtorBoom (plugins-ctor-boom.jar)' }
        ctorBoom.reason.contains('plugins-ctor-boom exploded in its constructor')

        and: 'a jar without a service file is named and left out'
        broken.find { it.plugin == 'plugins-library.jar' }.reason.contains('not a jailsh plugin')

        and: 'the probe that threw: its provider is unavailable, with the reason and the jar'
        def probeBoom = rows.find { it.id == 'plugins-probe-boom' }
        probeBoom.status == 'unavailable'
        probeBoom.plugin == 'plugins-probe-boom (plugins-probe-boom.jar)'
        probeBoom.reason.contains('its probe failed') && probeBoom.reason.contains('exploded in its probe')

        and: 'the good jar from the same directory works, and the built-in providers are untouched'
        rows.find { it.id == 'plugins-good' }.status == 'available'
        rows.find { it.id == 'plugins-good' }.plugin == 'plugins-good (plugins-good.jar)'
        rows.find { it.kind == 'storage' && it.status == 'in use' }.id == 'dir'
        rows.find { it.id == 'linux-ns' }.plugin == 'linux'
    }

    def "with the broken jars installed, create and list still work"() {
        given:
        def cli = cli()

        when:
        def created = cli.run('create', '-e', '-n', 'plugins-e2e-a')

        then:
        created[0] == 0
        Files.isRegularFile(base.resolve('iocage/jails/plugins-e2e-a/config.json'))
        cli.ok('list').readLines().any { it.contains('plugins-e2e-a') }
        !created[2].contains('Exception')
    }

    def "JAILSH_PLUGIN_PATH replaces the default directories"() {
        when:
        def rows = providers(cli(JAILSH_PLUGIN_PATH: "$pathA:$pathB".toString()))

        then:
        rows.find { it.id == 'plugins-good' }.status == 'available'
        rows.find { it.id == 'plugins-good' }.plugin == 'plugins-good (plugins-good.jar)'
        !rows.any { it.status == 'broken' || it.id == 'plugins-probe-boom' }
    }

    def "choosing the provider whose probe failed is refused with its reason, not a stack trace"() {
        when:
        def (code, out, err) = cli(JAILSH_STORAGE_PROVIDER: 'plugins-probe-boom').run('create', '-e', '-n', 'plugins-e2e-b')

        then:
        code != 0
        err.contains("the storage provider 'plugins-probe-boom' cannot be used")
        err.contains('exploded in its probe')
        !err.contains('\tat ')
        !Files.exists(base.resolve('iocage/jails/plugins-e2e-b'))
    }
}
