package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import javax.tools.ToolProvider

import org.jailsh.spi.JailshPlugin

/** Compiles Java sources against jailsh-spi alone with javax.tools, as a plugin author would, and jars them. */
class PluginJar {

    static final String SERVICES = 'META-INF/services/org.jailsh.spi.JailshPlugin'

    /** jailsh-spi's jar (or classes directory): the only thing a plugin compiles against. */
    static String spiClassPath() {
        Path.of(JailshPlugin.protectionDomain.codeSource.location.toURI()).toString()
    }

    /** Compiles {@code sources} (class name → Java text) into {@code work}; returns the compiler's messages on failure. */
    static String compile(Path work, Map<String, String> sources) {
        Path src = work.resolve('src')
        Path classes = work.resolve('classes')
        Files.createDirectories(classes)
        List<String> files = sources.collect { String className, String text ->
            Path file = src.resolve(className.replace('.', '/') + '.java')
            Files.createDirectories(file.parent)
            Files.writeString(file, text)
            file.toString()
        }
        def err = new ByteArrayOutputStream()
        int code = ToolProvider.systemJavaCompiler.run(null, err, err,
                (['-classpath', spiClassPath(), '-d', classes.toString(), '--release', '17'] + files) as String[])
        code == 0 ? null : err.toString('UTF-8')
    }

    /** A plugin jar: the compiled sources, and a service file listing {@code plugins} (none: no service file). */
    static Path build(Path work, String jarName, Map<String, String> sources, List<String> plugins) {
        String problem = compile(work, sources)
        assert problem == null: problem
        Path jar = work.resolve(jarName)
        new JarOutputStream(Files.newOutputStream(jar)).withCloseable { out ->
            Path classes = work.resolve('classes')
            Files.walk(classes).withCloseable { s ->
                s.filter { Files.isRegularFile(it) }.sorted().forEach { Path f ->
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString()))
                    out.write(Files.readAllBytes(f))
                    out.closeEntry()
                }
            }
            if (plugins) {
                out.putNextEntry(new JarEntry(SERVICES))
                out.write((plugins.join('\n') + '\n').bytes)
                out.closeEntry()
            }
        }
        jar
    }
}
