package org.jailsh.linux

import org.jailsh.linux.TarListing.Member
import spock.lang.Specification

/** The listing parser and the member rules on listings alone: nothing is extracted, nothing touches the disk. */
class TarRulesSpec extends Specification {

    static Member m(String type, String name, String target = null) {
        new Member(type as char, name, target)
    }

    def "GNU tar's C-quoted listing is read back to the stored names and link targets"() {
        given:
        String listing = '''\
drwxr-xr-x 0/0               0 2026-12-04 15:46 "./"
-rw-r--r-- 0/0               3 2026-12-04 15:46 "./d/a b"
lrwxrwxrwx 0/0               0 2026-12-04 15:46 "./d/l -> x" -> "../d/a b"
-rw-r--r-- 0/0               1 2026-12-04 15:46 "./d/we\\"ird\\nnl"
hrw-r--r-- 0/0               0 2026-12-04 15:46 "./d/hard" link to "./d/a b"
crw-r--r-- 0/0             1,3 2026-12-04 15:46 "./d/null"
-rw-r--r-- 1000/1000         0 2026-12-04 15:46 "./caf\\303\\251"
'''

        expect:
        TarListing.parse(listing) == [m('d', './'), m('-', './d/a b'), m('l', './d/l -> x', '../d/a b'),
                                      m('-', './d/we"ird\nnl'), m('h', './d/hard', './d/a b'), m('c', './d/null'),
                                      m('-', './café')]
    }

    def "a listing line that is not GNU tar's is not guessed at"() {
        when:
        TarListing.parse('-rw-r--r-- root/root 3 2026-12-04 15:46 ./plain name\n')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'cannot read tar\'s listing line: -rw-r--r-- root/root 3 2026-12-04 15:46 ./plain name'
    }

    def "a root file system's usual members pass: absolute links read from the jail's root, merged /usr, fifos"() {
        given:
        def members = [m('d', './'), m('d', './usr/'), m('d', './usr/bin/'), m('l', './bin', 'usr/bin'),
                       m('-', './usr/bin/busybox'), m('l', './usr/bin/ls', '/bin/busybox'),
                       m('l', './etc/localtime', '/usr/share/zoneinfo/Etc/UTC'),
                       m('l', './etc/mtab', '../proc/self/mounts'), m('l', './etc/alternatives/awk', '/usr/bin/mawk'),
                       m('l', './usr/bin/awk', '/etc/alternatives/awk'), m('h', './usr/bin/sh', 'usr/bin/busybox'),
                       m('p', './run/initctl'), m('l', './loop', 'loop')]

        expect:
        TarRules.refusal(members, false) == Optional.empty()
    }

    def "a link's target escapes when it climbs above the root (#target from #link)"() {
        expect:
        TarRules.escapes(link.split('/') as List, target, links) == escapes

        where:
        link        | target          | links                    | escapes
        'a/b'       | '../../x'       | [:]                      | true
        'a/b'       | '../x'          | [:]                      | false
        'a'         | '/..'           | [:]                      | true
        'a'         | '/etc/../..'    | [:]                      | true
        'a'         | '/etc'          | [:]                      | false
        't'         | 's/..'          | [s: '.']                 | true
        't'         | 's/..'          | [s: 'x/y']               | false
        't'         | 's/../..'       | [s: 'x/y']               | false
        't'         | 's/../../..'    | [s: 'x/y']               | true
        'd/t'       | 's'             | ['d/s': '../..']         | true
        't'         | 'u/../../x'     | [u: '/a/b/c']            | false
        't'         | 'u/x'           | [u: 'u']                 | false
    }

    def "a member beneath a link, or a hard link to what the archive does not have before it, is refused"() {
        expect:
        TarRules.refusal(members, true) == Optional.of(why)

        where:
        members                                                        | why
        [m('l', 'lib', 'usr/lib'), m('-', 'lib/x')]                    | 'member "lib/x" lies beneath the archive\'s symlink "lib" and would be written through it'
        [m('-', 'x/y'), m('l', './x', 'z')]                            | 'member "x/y" lies beneath the archive\'s symlink "x" and would be written through it'
        [m('h', 'a', 'b'), m('-', 'b')]                                | 'member "a" is a hard link to "b", which is not an earlier file of the archive'
        [m('d', 'd/'), m('h', 'a', 'd')]                               | 'member "a" is a hard link to "d", which is not an earlier file of the archive'
        [m('l', 'l', 'usr'), m('-', 'usr/f'), m('h', 'a', 'l/f')]      | 'member "a" is a hard link to "l/f", which is not an earlier file of the archive'
        [m('l', './', 'somewhere')]                                    | 'member "./" would replace the release\'s root directory'
        [m('V', 'label')]                                              | 'member "label" has tar type \'V\', which a release root may not contain'
    }

    def "device nodes pass only for root"() {
        expect:
        TarRules.refusal([m('b', 'dev/sda')], true) == Optional.empty()
        TarRules.refusal([m('b', 'dev/sda')], false) ==
                Optional.of('member "dev/sda" is a device node, which only root may extract')
    }
}
