package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

import org.jailsh.api.JailshOptions
import org.jailsh.api.Jails
import org.jailsh.api.Session
import org.jailsh.freebsd.FreeBsdPlugin
import org.jailsh.model.JailType
import org.jailsh.registry.ProviderRegistry
import org.jailsh.spi.HostFacts
import org.jailsh.spi.Platform
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.testkit.FreeBsdHostExec
import org.jailsh.testkit.TempTrees
import org.jailsh.verbs.CreateRequest
import org.jailsh.zfs.ZfsPlugin
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

@Stepwise
class FreeBsdScenarioSpec extends Specification {

    @Shared Path tmp
    @Shared Path iocroot
    @Shared Path mirror
    @Shared FreeBsdHostExec host
    @Shared Jails jails
    @Shared List<String> infos = []
    @Shared List<String> warnings = []

    def setupSpec() {
        tmp = Files.createTempDirectory('jailsh-freebsd-scenario')
        iocroot = tmp.resolve('iocage')
        mirror = tmp.resolve('mirror')
        ['13.2-RELEASE', '13.3-RELEASE'].each { publish(it) }
        host = new FreeBsdHostExec(iocroot)
        def env = [PATH: '/nonexistent']
        def reporter = new Reporter() {
            void info(String message) { infos << message }

            void warn(String message) { warnings << message }
        }
        def options = new JailshOptions(iocroot, Platform.FREEBSD, false, [], [:], reporter, env)
        def facts = new HostFacts(Platform.FREEBSD, true, iocroot, env)
        def registry = new ProviderRegistry([new ZfsPlugin(), new FreeBsdPlugin()], [], facts, [:], true)
        jails = new Jails(new Session(options, facts, registry, host))
    }

    def cleanupSpec() {
        TempTrees.remove(tmp)
    }

    void publish(String release) {
        Path dir = Files.createDirectories(mirror.resolve("amd64/$release"))
        StringBuilder manifest = new StringBuilder()
        ['base.txz', 'lib32.txz', 'src.txz'].each { name ->
            String content = "$release $name"
            Files.writeString(dir.resolve(name), content)
            String sum = MessageDigest.getInstance('SHA-256').digest(content.bytes).encodeHex()
            manifest << "$name\t$sum\t42\t${name - '.txz'}\t\"${name}\"\ton\n"
        }
        Files.writeString(dir.resolve('MANIFEST'), manifest.toString())
    }

    List<String> step() {
        host.drain()*.replace(iocroot.toString(), 'IOCROOT')
    }

    void show(String title) {
        println "=== $title"
        step().each { println "  '$it'," }
    }

    def "explore"() {
        when:
        jails.activate('tank'); show('activate')
        jails.set(['mac_prefix=02a098'], 'default'); show('default')
        jails.fetch(new ReleaseRequest('13.2-RELEASE', mirror.toUri().toString(), null)); show('fetch 13.2')
        jails.fetch(new ReleaseRequest('13.3-RELEASE', mirror.toUri().toString(), null)); show('fetch 13.3')
        jails.create(new CreateRequest('web', '13.2-RELEASE', null, JailType.CLONE, false,
                [vnet: 'on', ip4_addr: 'vnet0|192.168.1.10/24', defaultrouter: '192.168.1.1'], [])); show('create web')
        jails.create(new CreateRequest('bj', '13.2-RELEASE', null, JailType.BASEJAIL, false, [:], [])); show('create bj')
        jails.create(new CreateRequest('t', '13.2-RELEASE', null, JailType.THICK, false, [:], [])); show('create t')
        jails.create(new CreateRequest('tpl', '13.2-RELEASE', null, JailType.CLONE, false, [notes: 'golden'], [])); show('create tpl')
        jails.set(['template=yes'], 'tpl'); show('template')
        jails.create(new CreateRequest('dhcp', null, 'tpl', JailType.CLONE, false, [dhcp: 'on'], [])); show('create dhcp')
        jails.create(new CreateRequest('nat', '13.2-RELEASE', null, JailType.CLONE, false,
                [vnet: 'on', nat: 'on', nat_forwards: 'tcp(80:8080),udp(53)'], [])); show('create nat')
        jails.create(new CreateRequest('shared', '13.2-RELEASE', null, JailType.CLONE, false,
                [ip4_addr: 'em0|192.168.1.20/24'], [])); show('create shared')
        jails.start('web'); show('start web')
        jails.start('dhcp'); show('start dhcp')
        jails.start('nat'); show('start nat')
        jails.start('shared'); show('start shared')
        jails.mount('t', tmp.resolve('media').toString(), '/media', true); show('fstab add')
        jails.unmount('t', '/media'); show('fstab remove')
        jails.update('web'); show('update web')
        jails.update('bj'); show('update bj')
        jails.stop('web'); show('stop web')
        host.conflicts(iocroot.resolve('jails/web/root'), ['/etc/rc.conf'])
        try { jails.upgrade('web', '13.3-RELEASE') } catch (e) { println e }
        show('upgrade web (fails)')
        host.conflicts(iocroot.resolve('jails/web/root'), [])
        jails.upgrade('web', '13.3-RELEASE'); show('upgrade web')
        ['dhcp', 'nat', 'shared'].each { jails.stop(it); show("stop $it") }
        ['web', 'bj', 't', 'dhcp', 'tpl', 'nat', 'shared'].each { jails.destroy(it); show("destroy $it") }

        then:
        println host.problems()
        println infos
        println warnings
        println host.datasets()
        println host.snapshots()
        true
    }
}
