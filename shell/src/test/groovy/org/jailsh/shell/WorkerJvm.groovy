package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarFile
import java.util.jar.JarOutputStream
import java.util.zip.ZipEntry

/**
 * Command lines for {@link CrashWorker} JVMs that start fast: the test class path with its directories packed into
 * jars (a CDS archive cannot take directories), and an AppCDS archive dumped by one warm-up run, which cuts each
 * start-up's CPU time to about a third. Without an archive (the dump failed) workers still run, only slower.
 */
class WorkerJvm {

    final Path dir
    final List<String> classPath
    final Path archive

    WorkerJvm(Path dir) {
        this.dir = Files.createDirectories(dir)
        this.classPath = packed(expanded())
        this.archive = dump()
    }

    List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElse('java')
        List<String> argv = [java, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData',
                             '-Xlog:disable', '-Xlog:all=warning:stderr']
        if (archive != null) {
            argv << "-XX:SharedArchiveFile=$archive".toString()
        }
        argv + ['-cp', classPath.join(':'), CrashWorker.name] + (args as List)
    }

    /** Surefire hands its fork a manifest-only jar; the real entries are in its Class-Path. */
    private static List<Path> expanded() {
        List<Path> entries = []
        for (String entry : System.getProperty('java.class.path').split(':')) {
            Path path = Path.of(entry)
            String manifestPath = entry.endsWith('.jar') ? new JarFile(entry).withCloseable {
                it.manifest?.mainAttributes?.getValue('Class-Path')
            } : null
            if (manifestPath) {
                manifestPath.split(' ').findAll().each { entries << Path.of(URI.create(it)) }
            } else {
                entries << path
            }
        }
        entries
    }

    private List<String> packed(List<Path> entries) {
        int n = 0
        entries.collect { Path entry ->
            if (!Files.isDirectory(entry)) {
                return entry.toString()
            }
            Path jar = dir.resolve("classes-${n++}.jar")
            new JarOutputStream(Files.newOutputStream(jar)).withCloseable { out ->
                Files.walk(entry).withCloseable { files ->
                    files.filter { Files.isRegularFile(it) }.sorted().forEach { file ->
                        out.putNextEntry(new ZipEntry(entry.relativize(file).toString()))
                        Files.copy(file, out)
                        out.closeEntry()
                    }
                }
            }
            jar.toString()
        }
    }

    private Path dump() {
        Path jsa = dir.resolve('worker.jsa')
        List<String> argv = command('warm', dir.resolve('warm-root').toString())
        argv.add(1, "-XX:ArchiveClassesAtExit=$jsa".toString())
        def process = new ProcessBuilder(argv).redirectErrorStream(true).start()
        process.inputStream.text
        process.waitFor() == 0 && Files.isRegularFile(jsa) ? jsa : null
    }
}
