package org.jailsh.verbs

import java.nio.file.Path

import org.jailsh.spi.NotFoundException
import org.jailsh.spi.ValidationException
import org.jailsh.store.IocRoot
import org.jailsh.store.JailStore
import org.jailsh.spi.Reporter
import spock.lang.Specification
import spock.lang.TempDir

class JailResolverSpec extends Specification {

    @TempDir
    Path tmp

    JailStore store

    def setup() {
        def host = new org.jailsh.testing.TestHost(tmp)
        ['web', 'web2', 'webmail', 'db', 'db-replica'].each { host.writeJail(it, [host_hostuuid: it]) }
        host.writeJail('tmpl', [host_hostuuid: 'tmpl', template: 1], true)
        store = new JailStore(new IocRoot(tmp), Reporter.SILENT)
    }

    def "'#query' resolves to #name"() {
        expect:
        JailResolver.one(store, query).name() == name

        where:
        query       | name
        'web'       | 'web'
        'web2'      | 'web2'
        'webm'      | 'webmail'
        'db'        | 'db'
        'db-'       | 'db-replica'
        'tm'        | 'tmpl'
    }

    def "'web' never resolves to web2, even though it is a prefix of it"() {
        expect:
        JailResolver.one(store, 'web').dir() == tmp.resolve('jails/web')
    }

    def "an ambiguous prefix is an error listing every match"() {
        when:
        JailResolver.one(store, 'we')

        then:
        ValidationException e = thrown()
        e.message == "'we' matches several jails: web, web2, webmail"
        e.hint() == 'type more of the name'
    }

    def "an unknown name is not found, with near names as a hint"() {
        when:
        JailResolver.one(store, 'wbe')

        then:
        NotFoundException e = thrown()
        e.message == 'no jail named wbe'
        e.hint().startsWith('did you mean ')
        e.hint().contains('web')
    }

    def "an unknown name with nothing near, or with control characters, says so plainly"() {
        when:
        JailResolver.one(store, query)

        then:
        NotFoundException e = thrown()
        e.message == "no jail named ${shown}".toString()
        e.hint() == "see 'list' for the jails"

        where:
        query      | shown
        'zzzzzzzz' | 'zzzzzzzz'
        'qq\nqqqq' | 'qq\\x0aqqqq'
    }

    def "an empty name is refused"() {
        when:
        JailResolver.one(store, ' ')

        then:
        ValidationException e = thrown()
        e.message == 'a jail name is required'
    }

    def "ALL means every jail but not templates; names are not repeated"() {
        expect:
        JailResolver.many(store, ['ALL'])*.name() == ['db', 'db-replica', 'web', 'web2', 'webmail']
        JailResolver.many(store, ['web', 'ALL', 'web'])*.name() == ['web', 'db', 'db-replica', 'web2', 'webmail']
        JailResolver.many(store, ['tmpl', 'webm'])*.name() == ['tmpl', 'webmail']
    }
}
