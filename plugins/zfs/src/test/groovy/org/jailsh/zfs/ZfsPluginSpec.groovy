package org.jailsh.zfs

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshPlugin
import org.jailsh.spi.Platform
import spock.lang.Specification
import spock.lang.TempDir

class ZfsPluginSpec extends Specification {

    @TempDir
    Path bin

    def "the plugin is found through ServiceLoader and offers the zfs storage provider"() {
        when:
        def plugins = ServiceLoader.load(JailshPlugin).toList().findAll { it instanceof ZfsPlugin }
        def provider = plugins[0].storageProviders()[0]

        then:
        plugins.size() == 1
        provider.id() == 'zfs'
        provider.platforms() == [Platform.LINUX, Platform.FREEBSD] as Set
        provider.capabilities().containsAll(['clone', 'snapshot', 'pools'])
    }

    def "the probe needs zfs and zpool on PATH and the kernel module"() {
        given:
        commands.each {
            def file = Files.createFile(bin.resolve(it))
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rwxr-xr-x'))
        }
        def provider = new ZfsStorageProvider({ Path p -> p.toString() in present })
        def facts = new HostFacts(Platform.LINUX, true, Path.of('/var/lib/jailsh/iocage'), [PATH: bin.toString()])

        when:
        def availability = provider.probe(facts)

        then:
        availability.available() == available
        availability.reason() == reason

        where:
        commands          | present       | available | reason
        ['zfs', 'zpool']  | ['/dev/zfs']  | true      | ''
        ['zfs', 'zpool']  | ['/proc/spl'] | true      | ''
        ['zfs', 'zpool']  | []            | false     | 'needs ZFS: the kernel module is not loaded (no /dev/zfs, no /proc/spl)'
        ['zfs']           | ['/dev/zfs']  | false     | 'needs ZFS: zfs and zpool are not on PATH'
    }
}
