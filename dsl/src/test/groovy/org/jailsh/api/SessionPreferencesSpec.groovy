package org.jailsh.api

import org.jailsh.spi.ProviderKind
import org.jailsh.spi.Reporter
import spock.lang.Specification

class SessionPreferencesSpec extends Specification {

    JailshOptions options(Map<ProviderKind, String> preferences, Map<String, String> env) {
        new JailshOptions(null, null, false, [], preferences, Stub(Reporter), env)
    }

    def "JAILSH_<KIND>_PROVIDER chooses a provider per kind"() {
        expect:
        Session.preferences(options([:], [JAILSH_STORAGE_PROVIDER: ' btrfs ', JAILSH_RUNTIME_PROVIDER: '',
                                          JAILSH_ROOT: '/x'])) == [(ProviderKind.STORAGE): 'btrfs']
        Session.preferenceVariable(ProviderKind.NETWORK) == 'JAILSH_NETWORK_PROVIDER'
    }

    def "a choice made in the options wins over the environment"() {
        expect:
        Session.preferences(options([(ProviderKind.STORAGE): 'dir'], [JAILSH_STORAGE_PROVIDER: 'btrfs'])) ==
                [(ProviderKind.STORAGE): 'dir']
    }
}
