package org.jailsh.model

import org.jailsh.spi.ValidationException
import spock.lang.Specification

class JailNamesSpec extends Specification {

    def "'#name' is a valid jail name"() {
        expect:
        JailNames.check(name) == name

        where:
        name << ['web', 'db-1', 'a.b', 'a_b', 'Web2', '_x', '9', 'x' * JailNames.MAX_LENGTH,
                 'c0ffee00-1234-4abc-8def-0123456789ab']
    }

    def "#label is refused, and the message says what is wrong"() {
        when:
        JailNames.check(name)

        then:
        ValidationException e = thrown()
        e.message.contains(problem)
        e.hint() != null
        !e.message.contains('\n') && !e.message.contains('\u0000')

        where:
        label              | name             | problem
        'a path out'       | '../x'           | "has characters other than letters, digits, '.', '-' and '_'"
        'a slash'          | 'a/b'            | "has characters other than"
        'a NUL'            | 'a\u0000b'       | "'a\\x00b' has characters other than"
        'a newline'        | 'web\nrm'        | "'web\\x0arm' has characters other than"
        'a space'          | 'my jail'        | 'has characters other than'
        '300 characters'   | 'x' * 300        | 'is 300 characters long'
        'a leading dash'   | '-rf'            | "'-rf' cannot be a jail name"
        'a dot'            | '.'              | "'.' cannot be a jail name"
        'two dots'         | '..'             | "'..' cannot be a jail name"
        'default'          | 'default'        | "'default' is reserved"
        'help'             | 'help'           | "'help' is reserved"
        'ALL'              | 'ALL'            | "'ALL' is reserved"
        'Default'          | 'Default'        | "'Default' is reserved"
        'empty'            | ''               | 'a jail name is required'
        'null'             | null             | 'a jail name is required'
    }

    def "a very long name is shortened in the message"() {
        when:
        JailNames.check('y' * 300)

        then:
        ValidationException e = thrown()
        e.message.length() < 150
        e.hint() == 'use at most 64'
    }

    def "foo.bar and foo_bar have the same collision key, as iocage treats '.' and '_' alike"() {
        expect:
        JailNames.collisionKey('foo.bar') == JailNames.collisionKey('foo_bar')
        JailNames.collisionKey('foo-bar') != JailNames.collisionKey('foo_bar')
        JailNames.collisionKey('web') != JailNames.collisionKey('web2')
    }

    def "the default host name turns '_' into '-'"() {
        expect:
        JailNames.defaultHostname('media_server_1') == 'media-server-1'
        JailNames.defaultHostname('a.b') == 'a.b'
    }
}
