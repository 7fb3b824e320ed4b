package org.jailsh.spi.exec

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

import spock.lang.Specification
import spock.lang.TempDir

class AtomicFilesSpec extends Specification {

    @TempDir
    Path tmp

    def "a write replaces the file whole, readable by all, and leaves no temporary file"() {
        given:
        Path file = tmp.resolve('state/config.json')
        AtomicFiles.write(file, 'old')

        when:
        AtomicFiles.write(file, '{\n    "a": 1\n}')

        then:
        Files.readString(file) == '{\n    "a": 1\n}'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) == 'rw-r--r--'
        Files.list(file.parent).toList()*.fileName*.toString() == ['config.json']
    }

    def "many writers at once in one directory never collide on a temporary name"() {
        given:
        def pool = Executors.newFixedThreadPool(8)

        when:
        def futures = (1..400).collect { i -> pool.submit { AtomicFiles.write(tmp.resolve("f${i % 20}"), "v$i") } }
        futures*.get()
        pool.shutdown()
        pool.awaitTermination(30, TimeUnit.SECONDS)

        then:
        Files.list(tmp).toList()*.fileName*.toString().sort() == (0..19).collect { "f$it".toString() }.sort()
    }
}
