package org.jailsh.registry

import java.nio.file.Path

import spock.lang.Specification

class PluginDirsSpec extends Specification {

    def "by default the user's config directory, then the system's lib directory"() {
        expect:
        PluginDirs.of([:], Path.of('/home/u/.config')) ==
                [Path.of('/home/u/.config/jailsh/plugins'), Path.of('/usr/local/lib/jailsh/plugins')]
    }

    def "JAILSH_PLUGIN_PATH replaces the defaults, in its order, ignoring empty entries"() {
        expect:
        PluginDirs.of([JAILSH_PLUGIN_PATH: '/opt/b::/opt/a:'], Path.of('/home/u/.config')) ==
                [Path.of('/opt/b'), Path.of('/opt/a')]
    }

    def "an empty JAILSH_PLUGIN_PATH means no plugin directories at all"() {
        expect:
        PluginDirs.of([JAILSH_PLUGIN_PATH: ''], Path.of('/home/u/.config')).isEmpty()
    }
}
