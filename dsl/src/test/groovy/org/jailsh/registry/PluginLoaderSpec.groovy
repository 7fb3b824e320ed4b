package org.jailsh.registry

import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream

import org.jailsh.spi.JailshPlugin
import org.jailsh.spi.StorageProvider
import org.jailsh.testing.FakeStorage
import spock.lang.Specification
import spock.lang.TempDir

/** A plugin the loader can instantiate. */
class LoadablePlugin implements JailshPlugin {

    @Override
    String name() { 'loadable' }

    @Override
    List<StorageProvider> storageProviders() { [new FakeStorage('loadable-dir')] }
}

/** A plugin whose class cannot even be initialised: its static initialiser throws. */
class ExplodingPlugin implements JailshPlugin {

    static final String VALUE = explode()

    static String explode() {
        throw new IllegalStateException('static init exploded')
    }
}

class PluginLoaderSpec extends Specification {

    static final String SERVICES = 'META-INF/services/org.jailsh.spi.JailshPlugin'

    @TempDir
    Path tmp

    ClassLoader loaderWithServices(String... classNames) {
        Path file = tmp.resolve('classes').resolve(SERVICES)
        Files.createDirectories(file.parent)
        Files.writeString(file, "# test plugins\n" + classNames.join('\n') + '\n')
        new URLClassLoader([tmp.resolve('classes').toUri().toURL()] as URL[], getClass().classLoader)
    }

    def "a plugin whose static initialiser throws is reported broken by its class name, and the others still load"() {
        given:
        def loader = loaderWithServices(ExplodingPlugin.name, LoadablePlugin.name, 'org.jailsh.registry.NoSuchPlugin')

        when:
        def loaded = PluginLoader.load(loader, [])

        then: 'the good plugin loaded'
        loaded.plugins()*.getClass() == [LoadablePlugin]

        and: 'both bad ones are reported, each by name, with what went wrong'
        loaded.broken().size() == 2
        def exploding = loaded.broken().find { it.plugin() == ExplodingPlugin.name }
        exploding != null
        exploding.problem().startsWith('failed to load: ')
        def missing = loaded.broken().find { it.plugin() == 'org.jailsh.registry.NoSuchPlugin' }
        missing != null
        missing.problem().startsWith('failed to load: ')
    }

    def "the registry built from what loaded shows the good provider and the broken plugin together"() {
        given:
        def loaded = PluginLoader.load(loaderWithServices(ExplodingPlugin.name, LoadablePlugin.name), [])
        def facts = new org.jailsh.spi.HostFacts(org.jailsh.spi.Platform.LINUX, false, tmp, [:])

        when:
        def registry = new ProviderRegistry(loaded.plugins(), loaded.broken(), facts, [:], false)

        then:
        registry.entries()*.id() == ['loadable-dir']
        registry.entries()[0].plugin() == 'loadable'
        registry.broken()*.plugin() == [ExplodingPlugin.name]
    }

    def "jars in a plugins directory are put on a class loader and their plugins found, named with their jar"() {
        given:
        Path plugins = Files.createDirectories(tmp.resolve('plugins'))
        new JarOutputStream(Files.newOutputStream(plugins.resolve('loadable.jar'))).withCloseable { jar ->
            jar.putNextEntry(new JarEntry(SERVICES))
            jar.write("${LoadablePlugin.name}\n".bytes)
            jar.closeEntry()
        }
        Files.writeString(plugins.resolve('README.txt'), 'not a jar')

        when:
        def loaded = PluginLoader.load(getClass().classLoader, [plugins, tmp.resolve('does-not-exist')])

        then:
        loaded.plugins()*.name() == ['loadable (loadable.jar)']
        loaded.plugins()[0].storageProviders()*.id() == ['loadable-dir']
        loaded.broken().isEmpty()
    }

    def "a jar without a service file, or one that is not a jar, is named and left out"() {
        given:
        Path plugins = Files.createDirectories(tmp.resolve('plugins'))
        new JarOutputStream(Files.newOutputStream(plugins.resolve('library.jar'))).withCloseable { jar ->
            jar.putNextEntry(new JarEntry('org/example/Library.class'))
            jar.closeEntry()
        }
        Files.writeString(plugins.resolve('garbage.jar'), 'not a zip')

        when:
        def loaded = PluginLoader.load(getClass().classLoader, [plugins])

        then:
        loaded.plugins().isEmpty()
        loaded.broken()*.plugin() == ['garbage.jar', 'library.jar']
        loaded.broken()[0].problem().startsWith('cannot read the jar: ')
        loaded.broken()[1].problem() == 'not a jailsh plugin: it has no ' + SERVICES + '; remove it from the plugins directory'
    }

    def "with no plugins anywhere, nothing loads and nothing is broken"() {
        expect:
        PluginLoader.load(getClass().classLoader, [tmp]).plugins().isEmpty()
        PluginLoader.load(getClass().classLoader, [tmp]).broken().isEmpty()
    }

    def "the class path's plugins as ServiceLoader finds them, and the index of them used in its place"() {
        given:
        def loader = loaderWithServices(LoadablePlugin.name, ExplodingPlugin.name)
        Path index = tmp.resolve('plugins')

        when: 'the index is what ServiceLoader lists, without making any plugin'
        Files.write(index, PluginLoader.classPathPlugins(loader))

        then:
        Files.readAllLines(index) == [LoadablePlugin.name, ExplodingPlugin.name]

        when: 'the index is read instead, with a class that is gone added to it'
        Files.write(index, [LoadablePlugin.name, ExplodingPlugin.name, 'org.jailsh.registry.NoSuchPlugin'])
        System.setProperty(PluginLoader.INDEX, index.toString())
        def loaded = PluginLoader.load(getClass().classLoader, [])

        then: 'the same plugins and the same reports as through ServiceLoader'
        loaded.plugins()*.getClass() == [LoadablePlugin]
        loaded.broken()*.plugin() as Set == [ExplodingPlugin.name, 'org.jailsh.registry.NoSuchPlugin'] as Set
        loaded.broken().every { it.problem().startsWith('failed to load: ') }

        when: 'a missing index falls back to ServiceLoader'
        Files.delete(index)
        def fallback = PluginLoader.load(loader, [])

        then:
        fallback.plugins()*.getClass() == [LoadablePlugin]

        cleanup:
        System.clearProperty(PluginLoader.INDEX)
    }
}
