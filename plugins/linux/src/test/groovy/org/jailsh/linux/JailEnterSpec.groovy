package org.jailsh.linux

import org.jailsh.linux.internal.Identity
import org.jailsh.linux.internal.JailEnter
import spock.lang.Specification

class JailEnterSpec extends Specification {

    def "commands for the console log are wrapped so that daemons never hold jailsh's pipes"() {
        expect:
        JailEnter.logged('/ioc/log/web-console.log', ['nsenter', 'x']) ==
                ['/bin/sh', '-c', JailEnter.TO_LOG, 'jailsh-exec', '/ioc/log/web-console.log', 'nsenter', 'x']
    }

    def "a user is found by name in passwd text"() {
        expect:
        Identity.find('root:x:0:0:root:/root:/bin/sh\nwww:x:80:81::/var/www:/bin/false\n', 'www').get() ==
                new Identity('www', 80, 81, '/var/www')
        Identity.find('root:x:0:0:root:/root:/bin/sh\n', 'www').isEmpty()
        Identity.find('www:x:eighty:81::/:/bin/sh\n', 'www').isEmpty()
    }
}
