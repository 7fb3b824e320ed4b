package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A distribution for the real {@code ./jailsh} launcher, made of this JVM's class path (directories packed as jars,
 * because class-data sharing archives classes from jars only), so specs run the launcher without a nested Maven
 * build: {@code JAILSH_DIST=dist bash ./jailsh …}.
 */
final class TestDist {

    private TestDist() {
    }

    /** Writes {@code dir/lib/NNN-name.jar} for every main class-path entry and returns {@code dir}. */
    static Path build(Path dir) {
        Path lib = Files.createDirectories(dir.resolve('lib'))
        System.getProperty('java.class.path').split(File.pathSeparator).eachWithIndex { String entry, int i ->
            Path source = Path.of(entry)
            if (!Files.exists(source) || source.toString().contains('test-classes')) {
                return
            }
            Path jar = lib.resolve(String.format('%03d-%s', i, source.fileName.toString().replaceAll('\\.jar$', '')
                    + '.jar'))
            if (Files.isDirectory(source)) {
                String jarTool = Path.of(System.getProperty('java.home'), 'bin', 'jar')
                run([jarTool, 'cf', jar.toString(), '-C', source.toString(), '.'])
            } else {
                Files.copy(source, jar)
            }
        }
        dir
    }

    /** The checkout's {@code jailsh} launcher script. */
    static Path launcher() {
        Path dir = Path.of('').toAbsolutePath()
        while (dir != null && !Files.isRegularFile(dir.resolve('jailsh'))) {
            dir = dir.parent
        }
        assert dir != null: 'no jailsh launcher above ' + Path.of('').toAbsolutePath()
        dir.resolve('jailsh')
    }

    /** The environment that makes the launcher run {@code dist} with this JVM's java. */
    static Map<String, String> env(Path dist) {
        [JAILSH_DIST: dist.toString(),
         PATH: Path.of(System.getProperty('java.home'), 'bin').toString() + ':' + System.getenv('PATH')]
    }

    private static void run(List<String> argv) {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0: "${argv.join(' ')}: $out"
    }
}
