package org.jailsh.store

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.MountEntry
import org.jailsh.spi.ValidationException
import spock.lang.Specification
import spock.lang.TempDir

class FstabSpec extends Specification {

    @TempDir
    Path tmp

    Path file
    Path jailRoot

    def setup() {
        file = tmp.resolve('jails/web/fstab')
        jailRoot = tmp.resolve('jails/web/root')
        Files.createDirectories(jailRoot)
    }

    def "destinations are stored as host paths under the jail root and read back as paths inside the jail"() {
        given:
        def fstab = Fstab.read(file, jailRoot)
                .with(new MountEntry('/mnt/tank/media', '/media', 'nullfs', 'ro'))
                .with(new MountEntry('/srv/www', '/usr/local/www', 'nullfs', 'rw'))

        when:
        fstab.write()

        then:
        Files.readString(file) ==
                "/mnt/tank/media\t${jailRoot}/media\tnullfs\tro\t0\t0 # Added by jailsh\n" +
                "/srv/www\t${jailRoot}/usr/local/www\tnullfs\trw\t0\t0 # Added by jailsh\n"

        and:
        Fstab.read(file, jailRoot).entries() == [
                new MountEntry('/mnt/tank/media', '/media', 'nullfs', 'ro'),
                new MountEntry('/srv/www', '/usr/local/www', 'nullfs', 'rw')]
    }

    def "spaces, tabs and backslashes are escaped as fstab(5) octal and survive a round trip"() {
        given:
        def entry = new MountEntry(source, destination, 'nullfs', 'ro')

        when:
        Fstab.read(file, jailRoot).with(entry).write()
        String line = Files.readString(file)

        then:
        line.startsWith(escapedSource + '\t')
        !line.split('\t')[0].contains(' ')
        Fstab.read(file, jailRoot).entries() == [entry]

        where:
        source                 | destination         | escapedSource
        '/mnt/tank/my media'   | '/media/my films'   | '/mnt/tank/my\\040media'
        '/mnt/tank/a\tb'       | '/media'            | '/mnt/tank/a\\011b'
        '/mnt/back\\slash'     | '/media'            | '/mnt/back\\134slash'
        '/mnt/odd\\040literal' | '/media'            | '/mnt/odd\\134040literal'
    }

    def "a path containing '#' survives a round trip (it is not the start of a comment)"() {
        given:
        def entry = new MountEntry('/mnt/tank/c#-projects', '/media', 'nullfs', 'ro')

        when:
        Fstab.read(file, jailRoot).with(entry).write()

        then:
        Fstab.read(file, jailRoot).entries() == [entry]
    }

    def "a line written by iocage (tabs, its comment, strvis octal escapes) is read"() {
        given: "iocage's strvis(VIS_SHELL) writes '(' as \\050 and ')' as \\051"
        Files.createDirectories(file.parent)
        Files.writeString(file, "/mnt/tank/media\\040\\050old\\051\t${jailRoot}/media\tnullfs\tro\t0\t0" +
                " # Added by iocage on 2024-03-01 10:22:31\n")

        expect:
        Fstab.read(file, jailRoot).entries() == [new MountEntry('/mnt/tank/media (old)', '/media', 'nullfs', 'ro')]
    }

    def "comment lines and blank lines are skipped"() {
        given:
        Files.createDirectories(file.parent)
        Files.writeString(file, "# Device\tMountpoint\n\n   \n/a\t${jailRoot}/b\tnullfs\tro\t0\t0\n")

        expect:
        Fstab.read(file, jailRoot).entries() == [new MountEntry('/a', '/b', 'nullfs', 'ro')]
    }

    def "a line with fewer than four fields makes the fstab corrupt, naming the line"() {
        given:
        Files.createDirectories(file.parent)
        Files.writeString(file, "/a\t${jailRoot}/b\tnullfs\tro\t0\t0\n/only\ttwo\n")

        when:
        Fstab.read(file, jailRoot)

        then:
        CorruptFileException e = thrown()
        e.message.contains('line 2 has fewer than 4 fields')
    }

    def "a missing fstab has no entries"() {
        expect:
        Fstab.read(file, jailRoot).entries().isEmpty()
        Fstab.read(file, jailRoot).format() == ''
    }

    def "with() replaces the entry at the same destination; without() removes it or says there is none"() {
        given:
        def fstab = Fstab.read(file, jailRoot)
                .with(new MountEntry('/a', '/media', 'nullfs', 'ro'))
                .with(new MountEntry('/b', '/media', 'nullfs', 'rw'))

        expect:
        fstab.entries() == [new MountEntry('/b', '/media', 'nullfs', 'rw')]
        fstab.without('/media').entries().isEmpty()

        when:
        fstab.without('/nothing')

        then:
        ValidationException e = thrown()
        e.message == 'no mount at /nothing'
    }

    def "a line whose destination lies outside this jail's root is written back as it was"() {
        given: 'a line iocage wrote with the IOCROOT of another mount point (/mnt/iocage is one iocage rewrites)'
        Files.createDirectories(file.parent)
        String foreign = "/a\t/mnt/iocage/jails/web/root/media\tnullfs\tro\t0\t0"
        Files.writeString(file, foreign + '\n')

        when: 'another mount is added'
        Fstab.read(file, jailRoot).with(new MountEntry('/b', '/srv', 'nullfs', 'ro')).write()

        then: 'the foreign destination is not re-rooted under this jail'
        Files.readString(file).contains("\t/mnt/iocage/jails/web/root/media\t")
        !Files.readString(file).contains("${jailRoot}/mnt/iocage")
    }
}
