package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.MountEntry
import org.jailsh.spi.ValidationException
import org.jailsh.testing.TestHost
import org.jailsh.testing.SafeLinks
import spock.lang.Specification
import spock.lang.TempDir

class FstabVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host
    Path media

    def setup() {
        host = new TestHost(tmp)
        host.create('web')
        media = Files.createDirectories(tmp.resolve('host/media'))
    }

    FstabVerb fstab() {
        new FstabVerb(host.session())
    }

    Path jailRoot() {
        host.jailDir('web').resolve('root')
    }


    /** Links are removed without being followed before @TempDir cleanup, which would follow them. */
    def cleanup() {
        SafeLinks.removeAll(tmp)
    }

    def "add writes the mount to the jail's fstab, destination as a host path under the root"() {
        when:
        def outcome = fstab().add('web', media.toString(), '/media', true)

        then:
        outcome.summary() == 'web: mount /media added'
        fstab().list('web') == [new MountEntry(media.toString(), '/media', 'nullfs', 'ro')]
        Files.readString(host.jailDir('web').resolve('fstab')) ==
                "${media}\t${jailRoot()}/media\tnullfs\tro\t0\t0 # Added by jailsh\n"
    }

    def "paths are normalised before they are compared and stored"() {
        when:
        fstab().add('web', media.toString() + '/./', '/media//films/', false)

        then:
        fstab().list('web') == [new MountEntry(media.toString(), '/media/films', 'nullfs', 'rw')]
    }

    def "adding the same mount again is up to date"() {
        given:
        fstab().add('web', media.toString(), '/media', true)

        expect:
        fstab().add('web', media.toString(), '/media', true).upToDate()
    }

    def "a missing source directory is created when the mount is added"() {
        given:
        Path source = tmp.resolve('host/new/share')

        when:
        fstab().add('web', source.toString(), '/share', true)

        then:
        Files.isDirectory(source)
    }

    def "remove drops the line and leaves the data where it is"() {
        given:
        Files.writeString(media.resolve('film.mkv'), 'data')
        fstab().add('web', media.toString(), '/media', true)

        when:
        fstab().remove('web', '/media')

        then:
        fstab().list('web').isEmpty()
        Files.readString(media.resolve('film.mkv')) == 'data'
    }

    def "removing a mount that is not there says so"() {
        when:
        fstab().remove('web', '/nothing')

        then:
        ValidationException e = thrown()
        e.message == 'no mount at /nothing'
    }

    def "mounts cannot change while the jail is up"() {
        given:
        host.runtime.up('web')

        when:
        fstab().add('web', media.toString(), '/media', true)

        then:
        ValidationException e = thrown()
        e.message == 'mounts of web cannot change while it is up'
        e.hint().contains('stop web first')
        fstab().list('web').isEmpty()
    }

    def "#label is refused and nothing is written"() {
        when:
        fstab().add('web', source, destination, true)

        then:
        ValidationException e = thrown()
        e.message.startsWith('web: ')
        e.message.contains(problem)
        !e.message.contains('\n')
        Files.readString(host.jailDir('web').resolve('fstab')) == ''

        where:
        label                       | source                 | destination        | problem
        'a relative source'         | 'srv/x'                | '/media'           | "mount source 'srv/x' is not absolute"
        'a relative destination'    | '/srv/x'               | 'media'            | "mount destination 'media' is not absolute"
        "'..' in the source"        | '/srv/../etc'          | '/media'           | "mount source '/srv/../etc' contains '..'"
        "'..' in the destination"   | '/srv/x'               | '/media/../../etc' | "mount destination '/media/../../etc' contains '..'"
        'a newline in the source'   | '/srv/x\n/etc'         | '/media'           | "mount source '/srv/x\\x0a/etc' contains a control character"
        'a NUL in the destination'  | '/srv/x'               | '/media\u0000'     | 'contains a control character'
        'a tab in the destination'  | '/srv/x'               | '/me\tdia'         | 'contains a control character'
        'an empty source'           | ''                     | '/media'           | 'the mount source is empty'
        'the root as destination'   | '/srv/x'               | '/'                | "a mount cannot replace the jail's root (/)"
    }

    def "a destination through a symlink planted in the jail root is refused, naming the link"() {
        given: 'someone inside the jail made /media point at a host directory (a stand-in for /etc inside the temp dir)'
        Path hostEtc = Files.createDirectories(tmp.resolve('host/etc'))
        SafeLinks.link(tmp, jailRoot().resolve('media'), hostEtc)

        when:
        fstab().add('web', media.toString(), destination, true)

        then:
        ValidationException e = thrown()
        e.message.contains('symlink')
        e.message.contains("/media -> ${hostEtc}")
        e.hint() == 'use a plain directory inside the jail'
        Files.readString(host.jailDir('web').resolve('fstab')) == ''

        where:
        destination << ['/media', '/media/films']
    }

    def "a symlink deeper in the destination is found too"() {
        given:
        Files.createDirectories(jailRoot().resolve('usr/local'))
        SafeLinks.link(tmp, jailRoot().resolve('usr/local/www'), Path.of('../../../../../host'))

        when:
        fstab().add('web', media.toString(), '/usr/local/www/data', true)

        then:
        ValidationException e = thrown()
        e.message.contains('symlink (/usr/local/www -> ../../../../../host)')
    }

    def "a destination that does not exist yet is fine"() {
        when:
        fstab().add('web', media.toString(), '/not/yet/there', true)

        then:
        fstab().list('web')*.destination() == ['/not/yet/there']
    }

    def "a source inside the jail's own directory is refused"() {
        when:
        fstab().add('web', source(host.jailDir('web')), '/media', false)

        then:
        ValidationException e = thrown()
        e.message.contains("is inside the jail's own data")

        where:
        source << [{ Path d -> d.toString() }, { Path d -> d.resolve('root').toString() },
                   { Path d -> d.resolve('config.json').toString() }]
    }

    def "a source that contains the jail's own directory (its config.json) is refused"() {
        when: 'the whole state root would show the jail its own config.json, writable'
        fstab().add('web', source(tmp), '/media', false)

        then:
        ValidationException e = thrown()
        e.message.contains('web: mount source')

        where:
        source << [{ Path root -> root.toString() }, { Path root -> root.resolve('jails').toString() }]
    }

    def "a source that is a symlink into the jail's own directory is refused"() {
        given:
        Path link = SafeLinks.link(tmp, tmp.resolve('innocent'), host.jailDir('web'))

        when:
        fstab().add('web', link.toString(), '/media', false)

        then:
        ValidationException e = thrown()
        e.message.contains('web: mount source')
    }

    def "list of an unknown jail is not found"() {
        when:
        fstab().list('nope')

        then:
        thrown(org.jailsh.spi.NotFoundException)
    }
}
