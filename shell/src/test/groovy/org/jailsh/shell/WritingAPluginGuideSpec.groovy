package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory

import groovy.json.JsonSlurper
import org.jailsh.api.Session
import org.jailsh.registry.PluginDirs
import org.jailsh.spi.JailshPlugin
import org.jailsh.spi.Provider
import org.jailsh.spi.ProviderKind
import spock.lang.Shared
import spock.lang.Specification

/**
 * docs/writing-a-plugin.md is true: its Java compiles against jailsh-spi alone, the jar built from it with its service
 * file loads in the real CLI, and the names it gives (interfaces, directories, variables, files) are the real ones.
 */
class WritingAPluginGuideSpec extends Specification {

    @Shared String guide = Files.readString(DocsSpec.docs().resolve('writing-a-plugin.md'))
    @Shared Path repo = DocsSpec.docs().parent
    @Shared Path base

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-plugins-guide-')
    }

    def cleanupSpec() {
        if (base != null && base.fileName.toString().startsWith('jailsh-plugins-guide-')
                && !Files.readString(Path.of('/proc/self/mountinfo')).contains(base.toString())) {
            new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
        }
    }

    List<String> blocks(String language) {
        (guide =~ /(?s)```${language}\n(.*?)```/).collect { it[1] as String }
    }

    /** Class name → source, for each ```java block. */
    Map<String, String> javaSources() {
        blocks('java').collectEntries { String text ->
            String pkg = (text =~ /package ([\w.]+);/)[0][1]
            String cls = (text =~ /public (?:final )?class (\w+)/)[0][1]
            ["$pkg.$cls".toString(), text]
        }
    }

    def "the guide's Java compiles against jailsh-spi alone"() {
        expect:
        javaSources().size() >= 2
        PluginJar.compile(base.resolve('compile'), javaSources()) == null
    }

    def "the service file the guide shows names its entry point, a JailshPlugin"() {
        given:
        List<String> listed = blocks('text')[0].readLines()*.trim().findAll()
        Path work = base.resolve('check')
        PluginJar.compile(work, javaSources())
        def loader = new URLClassLoader([work.resolve('classes').toUri().toURL()] as URL[], JailshPlugin.classLoader)

        expect:
        listed.size() == 1
        JailshPlugin.isAssignableFrom(loader.loadClass(listed[0]))
        guide.contains('META-INF/services/' + JailshPlugin.name)
    }

    def "the jar built as the guide says loads in the real CLI and its provider works"() {
        given:
        Path plugins = Files.createDirectories(base.resolve('plugins'))
        Path jar = PluginJar.build(base.resolve('jar'), 'hello-plugin-1.0.jar', javaSources(),
                blocks('text')[0].readLines()*.trim().findAll())
        Files.copy(jar, plugins.resolve(jar.fileName))
        def cli = new ForkedCli([HOME: base.resolve('home').toString(), PATH: System.getenv('PATH'),
                                 JAILSH_ROOT: base.resolve('iocage').toString(), JAILSH_PLUGIN_PATH: plugins.toString()])

        when:
        def row = (new JsonSlurper().parseText(cli.ok('--json', 'providers')) as List<Map>).find { it.id == 'hello' }
        cli.ok('fetch', '-r', 'hello')

        then: 'as the guide shows it'
        row.kind == 'release'
        row.status == 'in use'
        row.plugin == 'hello (hello-plugin-1.0.jar)'
        guide.contains("release  hello  in use   fetch,offline  hello (hello-plugin-1.0.jar)")
        Files.readString(base.resolve('iocage/releases/hello/root/etc/motd')) == 'hello from a plugin\n'
    }

    def "the provider kinds it lists are the SPI's, each with its interface"() {
        given:
        def rows = (guide =~ /(?m)^\| (\w+) \| `(\w+)` \|/).collect { [it[1], it[2]] }

        expect:
        rows*.get(0) as Set == ProviderKind.values()*.label() as Set
        rows.every { kind, type ->
            Class<?> c = Class.forName("org.jailsh.spi.$type")
            Provider.isAssignableFrom(c) && c.getMethod('kind').isDefault()
                    && c.getMethod('kind').invoke(java.lang.reflect.Proxy.newProxyInstance(c.classLoader, [c] as Class[],
                    { p, m, a -> java.lang.reflect.InvocationHandler.invokeDefault(p, m, a) })).label() == kind
        }
    }

    def "the directories, variables and files it names are the ones jailsh uses"() {
        given:
        Path home = Path.of(System.getProperty('user.home'))
        List<Path> defaults = PluginDirs.of([:], home.resolve('.config'))

        expect: 'the plugin directories the loader really reads'
        defaults == [home.resolve('.config/jailsh/plugins'), PluginDirs.SYSTEM]
        guide.contains('`~/.config/jailsh/plugins` (`$XDG_CONFIG_HOME/jailsh/plugins`)')
        guide.contains("`${PluginDirs.SYSTEM}`")
        guide.contains("`${PluginDirs.ENV}`")

        and: 'one preference variable per kind, spelled as Session reads it'
        ProviderKind.values().every { guide.contains("`${Session.preferenceVariable(it)}`") }

        and: 'the example module and its service file exist'
        Files.isRegularFile(repo.resolve(
                'plugins/examples/btrfs/src/main/resources/META-INF/services/org.jailsh.spi.JailshPlugin'))
        guide.contains('`plugins/examples/btrfs/src/main/resources/META-INF/services/org.jailsh.spi.JailshPlugin`')

        and: 'the dependency it shows is the one the example uses'
        String xml = blocks('xml')[0]
        xml.contains('<artifactId>jailsh-spi</artifactId>') && xml.contains('<scope>provided</scope>')
        def pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(repo.resolve('plugins/examples/btrfs/pom.xml').toFile())
        def xpath = XPathFactory.newInstance().newXPath()
        xpath.evaluate('count(/project/dependencies/dependency)', pom) == '1'
        xpath.evaluate('/project/dependencies/dependency/artifactId', pom) == 'jailsh-spi'
        xpath.evaluate('/project/dependencies/dependency/scope', pom) == 'provided'
        xml.contains("<version>${xpath.evaluate('/project/parent/version', pom)}</version>")
    }
}
