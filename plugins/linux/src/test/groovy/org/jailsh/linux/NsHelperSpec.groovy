package org.jailsh.linux

import spock.lang.Requires
import spock.lang.Specification

/** The build records the helper's hash and size next to it; the start path trusts that record to find its copy. */
class NsHelperSpec extends Specification {

    @Requires(value = { NsHelper.host().built() }, reason = 'jailsh-ns was not built: no C compiler at build time')
    def "the recorded SHA-256 and size are the helper's own"() {
        given:
        def helper = NsHelper.host()

        when:
        def stamp = helper.stamp().orElseThrow()
        byte[] binary = helper.bytes().orElseThrow()

        then:
        stamp.size() == binary.length
        stamp.hash() == NsHelper.sha256(binary)
        stamp.hash() ==~ /[0-9a-f]{64}/
    }

    def "without a helper there is no record either"() {
        expect:
        NsHelper.none().stamp().isEmpty()
    }
}
