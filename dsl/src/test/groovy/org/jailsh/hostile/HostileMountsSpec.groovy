package org.jailsh.hostile

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.testing.SafeLinks
import org.jailsh.verbs.FstabVerb
import spock.lang.Specification

/**
 * {@code fstab -a} with hostile sources and destinations. Links planted in the jail point at the spec's own canary
 * (outside the state root), never at a host path. Each row is refused naming the jail, the path and the problem; the
 * jail's fstab stays as it was, no mount source is created, and canary and bystander are unchanged.
 */
class HostileMountsSpec extends Specification {

    HostileHost h = new HostileHost()
    Path jailDir = h.host.jailDir('hostile-web')
    Path root = jailDir.resolve('root')

    def cleanup() {
        h.remove()
    }

    String path(String text) {
        text.replace('CANARY', h.canary.dir().toString()).replace('JAIL', jailDir.toString())
                .replace('STATE', h.root.toString())
    }

    def "fstab refuses #label"() {
        given: 'the jail root, with whatever the row plants in it'
        Files.createDirectories(root)
        plant(this)
        byte[] fstab = Files.readAllBytes(jailDir.resolve('fstab'))
        def state = h.topLevel()

        when:
        new FstabVerb(h.host.session()).add('hostile-web', path(source), path(destination), false)

        then:
        JailshException e = thrown()
        e.message.startsWith('hostile-web: ')
        e.message.contains(path(problem))
        !e.message.contains('\n') && !e.message.contains('\u0000')
        e.hint() != null
        Files.readAllBytes(jailDir.resolve('fstab')) == fstab
        h.topLevel() == state
        h.untouched() == []

        cleanup:
        SafeLinks.removeAll(jailDir)

        where:
        label                                     | plant                                                                                    | source                 | destination           | problem
        'a destination that is a link out'        | { s -> SafeLinks.link(s.h.canary.dir().parent, s.root.resolve('media'), s.h.canary.dir()) } | 'STATE/host/m'   | '/media'              | 'mount destination /media goes through a symlink (/media -> CANARY)'
        'a destination beneath a link out'        | { s -> Files.createDirectories(s.root.resolve('srv')); SafeLinks.link(s.h.canary.dir().parent, s.root.resolve('srv/data'), s.h.canary.dir()) } | 'STATE/host/m' | '/srv/data/sub' | 'goes through a symlink (/srv/data -> CANARY)'
        'a relative link climbing out'            | { s -> SafeLinks.link(s.h.canary.dir().parent, s.root.resolve('up'), s.root.relativize(s.h.canary.dir())) } | 'STATE/host/m' | '/up' | 'goes through a symlink (/up -> '
        'a link that stays in the jail'           | { s -> Files.createDirectories(s.root.resolve('real')); SafeLinks.link(s.root, s.root.resolve('alias'), s.root.resolve('real')) } | 'STATE/host/m' | '/alias' | 'goes through a symlink (/alias -> '
        'a destination with ..'                   | { s -> }                                                                                 | 'STATE/host/m'         | '/mnt/../../CANARY'   | "mount destination '/mnt/../../CANARY' contains '..'"
        'a relative destination'                  | { s -> }                                                                                 | 'STATE/host/m'         | 'media'               | "mount destination 'media' is not absolute"
        'the jail root as destination'            | { s -> }                                                                                 | 'STATE/host/m'         | '/'                   | "a mount cannot replace the jail's root"
        'a newline in the destination'            | { s -> }                                                                                 | 'STATE/host/m'         | '/media\n/etc'        | "mount destination '/media\\x0a/etc' contains a control character"
        'an empty destination'                    | { s -> }                                                                                 | 'STATE/host/m'         | ''                    | 'the mount destination is empty'
        'a source inside the jail'                | { s -> }                                                                                 | 'JAIL/root/etc'        | '/media'              | 'mount source JAIL/root/etc is inside the jail\'s own data'
        'the jail directory as source'            | { s -> }                                                                                 | 'JAIL'                 | '/media'              | 'mount source JAIL is inside the jail\'s own data'
        'the state root as source'                | { s -> }                                                                                 | 'STATE'                | '/media'              | "mount source STATE contains the jail's own directory (its config.json)"
        'the host root as source'                 | { s -> }                                                                                 | '/'                    | '/media'              | "mount source / contains the jail's own directory"
        'a source reaching the jail by a link'    | { s -> SafeLinks.link(s.h.root, s.h.root.resolve('shortcut'), s.root) }                  | 'STATE/shortcut/etc'   | '/media'              | 'mount source STATE/shortcut/etc is inside the jail\'s own data'
        'a source with ..'                        | { s -> }                                                                                 | 'STATE/host/../jails/hostile-web/root' | '/media' | "mount source 'STATE/host/../jails/hostile-web/root' contains '..'"
        'a relative source'                       | { s -> }                                                                                 | 'host/m'               | '/media'              | "mount source 'host/m' is not absolute"
        'a NUL in the source'                     | { s -> }                                                                                 | 'STATE/host\u0000/m'   | '/media'              | "mount source 'STATE/host\\x00/m' contains a control character"
    }

    def "a source path with #label is written to fstab escaped, so it stays one field"() {
        given:
        Files.createDirectories(root)
        String source = path("STATE/host/${name}")

        when:
        new FstabVerb(h.host.session()).add('hostile-web', source, '/media', true)

        then: 'the fstab has one six-field line (iocage comment after the last), and reads back as the same source'
        def lines = Files.readAllLines(jailDir.resolve('fstab'))
        lines.size() == 1
        lines[0].split('\t').size() == 6
        !lines[0].split('\t')[0].contains(' ') && !lines[0].split('\t')[0].contains('#')
        new FstabVerb(h.host.session()).list('hostile-web')*.source() == [source]
        h.untouched() == []

        where:
        label              | name
        'spaces'           | 'my media'
        'a semicolon'      | 'media;rm -rf x'
        'a hash'           | 'media#1'
        'a backslash'      | 'me\\dia'
    }
}
