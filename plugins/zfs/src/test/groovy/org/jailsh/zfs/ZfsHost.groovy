package org.jailsh.zfs

import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.testkit.RecordingHostExec

/**
 * A TrueNAS-like host for specs: pools {@code freenas-boot} and {@code tank}, {@code tank/iocage} mounted at
 * {@code /mnt/tank/iocage}, a fetched 13.2-RELEASE, a template {@code tmpl} and the datasets a spec adds. Canned
 * answers are matched by argv prefix; the listing of {@code tank/iocage} is built from {@link #datasets}.
 */
class ZfsHost {

    static final Path IOCROOT = Path.of('/mnt/tank/iocage')

    final RecordingHostExec exec = new RecordingHostExec()
    final List<String> infos = []
    final List<String> warnings = []
    final Map<String, String> env = [PATH: '/nonexistent']
    /** name -> [mountpoint, origin, exec] of every filesystem under tank/iocage. */
    final Map<String, List<String>> datasets = [:]

    ZfsHost() {
        dataset('tank/iocage', '/mnt/tank/iocage')
        ['download', 'images', 'jails', 'log', 'releases', 'templates'].each {
            dataset("tank/iocage/$it", "/mnt/tank/iocage/$it")
        }
        dataset('tank/iocage/releases/13.2-RELEASE', '/mnt/tank/iocage/releases/13.2-RELEASE')
        dataset('tank/iocage/releases/13.2-RELEASE/root', '/mnt/tank/iocage/releases/13.2-RELEASE/root')
        dataset('tank/iocage/templates/tmpl', '/mnt/tank/iocage/templates/tmpl')
        dataset('tank/iocage/templates/tmpl/root', '/mnt/tank/iocage/templates/tmpl/root',
                'tank/iocage/releases/13.2-RELEASE/root@tmpl')
    }

    ZfsHost dataset(String name, String mountpoint, String origin = '-', String execProp = 'on') {
        datasets[name] = [mountpoint, origin, execProp]
        this
    }

    /** Installs the canned answers; call after the datasets are set up. */
    ZfsHost answers() {
        exec.answer(['zpool', 'list', '-H', '-o', 'name'], 'freenas-boot\ntank\n')
        exec.answer(['zpool', 'list', '-H', '-o', 'health'], 'ONLINE\n')
        exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint', '-t', 'filesystem'], 1,
                'tank/iocage\t/mnt/tank/iocage\n', "cannot open 'freenas-boot/iocage': dataset does not exist\n")
        exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint,origin,exec', '-r', '-t', 'filesystem',
                     'tank/iocage'], listing())
        exec.answer(['zfs', 'get', '-H', '-o', 'name,value', PoolResolver.ACTIVE],
                'freenas-boot\t-\ntank\tyes\n')
        this
    }

    String listing() {
        datasets.collect { name, p -> "$name\t${p[0]}\t${p[1]}\t${p[2]}\n" }.join('')
    }

    ProviderContext ctx() {
        new ProviderContext(exec, new HostFacts(Platform.FREEBSD, true, IOCROOT, env), new Reporter() {
            void info(String message) { infos << message }

            void warn(String message) { warnings << message }
        })
    }

    static JailRef jail(String name, String kind = 'jails', Map<String, Object> props = [:]) {
        Path dir = IOCROOT.resolve(kind).resolve(name)
        new JailRef(name, dir, dir.resolve('root'), props)
    }

    /** The recorded lines after pool discovery and the scoped listing: the operation itself. */
    List<String> operations() {
        exec.lines().findAll { !isDiscovery(it) }
    }

    static boolean isDiscovery(String line) {
        line == 'zpool list -H -o name' || line.startsWith('zfs list -H -o name,mountpoint ') ||
                line.startsWith('zfs list -H -o name,mountpoint,origin,exec ') ||
                line.startsWith('zfs get -H -o name,value org.freebsd.ioc:active')
    }
}
