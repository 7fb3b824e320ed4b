package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Linux VNET, NAT and DHCP for real: jailsh runs as a separate process inside a network namespace this spec creates,
 * so every bridge, veth and nftables table lives there, and the whole namespace goes at the end. No traffic leaves
 * it.
 */
@Stepwise
@Requires(value = { NetworkEndToEndSpec.ready() == null },
        reason = 'needs root, ip (iproute2), nft (nftables), curl and /bin/busybox (busybox-static)')
class NetworkEndToEndSpec extends Specification {

    @Shared String ns = 'jt' + (ProcessHandle.current().pid() % 100000)
    @Shared Path root
    @Shared Process dhcpServer

    static String ready() {
        boolean root = Files.readAllLines(Path.of('/proc/self/status')).find { it.startsWith('Uid:') }.split(/\s+/)[2] == '0'
        if (!root) return 'not root'
        for (String tool : ['/usr/sbin/ip', '/usr/sbin/nft', '/bin/busybox', '/usr/bin/curl']) {
            if (!Files.isExecutable(Path.of(tool)) && !Files.isExecutable(Path.of(tool.replace('/usr/sbin', '/sbin')))) {
                return 'missing ' + tool
            }
        }
        null
    }

    def setupSpec() {
        root = Files.createTempDirectory('jailsh-net-e2e')
        sh('ip', 'netns', 'add', ns)
        sh('ip', '-n', ns, 'link', 'set', 'lo', 'up')
    }

    def cleanupSpec() {
        if (root != null) {
            cli('stop', 'ALL')
        }
        dhcpServer?.destroyForcibly()
        run(['ip', 'netns', 'del', ns])
        if (root != null) {
            assert !Files.readString(Path.of('/proc/self/mountinfo')).contains(root.toString())
            run(['rm', '-rf', '--one-file-system', '--', root.toString()])
        }
    }

    /** Runs jailsh's CLI in the spec's network namespace; returns [exit code, stdout + stderr]. */
    List cli(String... args) {
        cliWith([:], args)
    }

    List cliWith(Map<String, String> env, String... args) {
        List<String> argv = ['ip', 'netns', 'exec', ns, javaBin(), '-cp', System.getProperty('java.class.path'),
                             'org.jailsh.shell.Main', '--root', root.toString()] + (args as List)
        run(argv, env)
    }

    static String javaBin() {
        Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
    }

    static List run(List<String> argv, Map<String, String> env = [:]) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        builder.environment().putAll(env)
        Process p = builder.start()
        String out = p.inputStream.text
        assert p.waitFor(120, TimeUnit.SECONDS)
        [p.exitValue(), out]
    }

    static String sh(String... argv) {
        def (code, out) = run(argv as List)
        assert code == 0: "${argv.join(' ')}: $out"
        out
    }

    String links() {
        sh('ip', '-n', ns, '-o', 'link', 'show')
    }

    /** What the namespace's network looks like: links, routes (v4 and v6) and the whole nftables ruleset. */
    String networkState() {
        [links().readLines().collect { it.replaceAll(/^\d+: /, '').replaceAll(/\\.*/, '') }.join('\n'),
         sh('ip', '-n', ns, 'route', 'show'), sh('ip', '-n', ns, '-6', 'route', 'show'),
         sh('ip', 'netns', 'exec', ns, 'nft', 'list', 'ruleset')].join('\n---\n')
    }

    def "two VNET jails on one bridge reach each other by their static addresses"() {
        expect:
        cli('fetch', '-r', 'busybox')[0] == 0
        cli('create', '-r', 'busybox', '-n', 'a', 'vnet=on', 'interfaces=vnet0:jtbr0',
                'ip4_addr=vnet0|10.77.0.2/24', 'ip6_addr=vnet0|fd00:77::2/64', 'defaultrouter=none',
                'defaultrouter6=none')[0] == 0
        cli('create', '-r', 'busybox', '-n', 'b', 'vnet=on', 'interfaces=vnet0:jtbr0',
                'ip4_addr=vnet0|10.77.0.3/24', 'ip6_addr=vnet0|fd00:77::3/64', 'defaultrouter=none',
                'defaultrouter6=none')[0] == 0

        when:
        def started = cli('start', 'a', 'b')
        def ping = cli('exec', 'a', 'ping', '-c', '1', '-W', '3', '10.77.0.3')
        def ping6 = cli('exec', 'a', 'ping', '-6', '-c', '1', '-W', '3', 'fd00:77::3')
        def list = cli('list')

        then:
        started[0] == 0
        ping[0] == 0
        ping[1].contains('1 packets received')
        ping6[0] == 0
        ping6[1].contains('1 packets received')
        list[1].readLines().find { it.contains(' a ') }.contains('10.77.0.2')
        links().contains('jtbr0')
        links() =~ /vnet0\.\d+@/
    }

    def "a second jail with an address already used on the bridge is refused before anything changes"() {
        given:
        cli('create', '-r', 'busybox', '-n', 'c', 'vnet=on', 'interfaces=vnet0:jtbr0', 'ip4_addr=vnet0|10.77.0.3/24',
                'defaultrouter=none')
        def before = links()

        when:
        def r = cli('start', 'c')

        then:
        r[0] == 1
        r[1].contains('10.77.0.3 on jtbr0 is already used by the running jail b')
        links().readLines().size() == before.readLines().size()
        cli('get', 'state', 'c')[1].trim() == 'down'
    }

    def "stop removes every veth, and the bridge jailsh created, but nothing else"() {
        when:
        def r = cli('stop', 'a', 'b')

        then:
        r[0] == 0
        !links().contains('jtbr0')
        !(links() =~ /vnet\d\./)
        links().readLines().size() == 1
    }

    def "NAT reaches the jail through its port forward, and the rules go at stop"() {
        given:
        cli('create', '-r', 'busybox', '-n', 'n', 'vnet=on', 'nat=on', 'nat_forwards=tcp(80:8080)')[0] == 0
        def before = networkState()

        when:
        def started = cli('start', 'n')
        def served = cli('exec', 'n', 'sh', '-c',
                'mkdir -p /www && echo hello-from-the-jail > /www/index.html && httpd -p 80 -h /www')
        def tables = sh('ip', 'netns', 'exec', ns, 'nft', 'list', 'tables')
        def fetched = run(['ip', 'netns', 'exec', ns, 'curl', '-s', '-m', '5', 'http://172.16.0.1:8080/'])

        then:
        started[0] == 0
        served[0] == 0
        tables.contains('jailsh_n')
        fetched[1].contains('hello-from-the-jail')

        when:
        cli('stop', 'n')

        then: 'links, routes and the ruleset are as they were before the jail started'
        !sh('ip', 'netns', 'exec', ns, 'nft', 'list', 'tables').contains('jailsh_n')
        !(links() =~ /vnet\d\./)
        networkState() == before
    }

    def "a NAT jail reaches a server upstream through masquerade"() {
        given: 'an upstream host: its own namespace, joined to the test host by a veth, with no route to the jails'
        String up = ns + 'u'
        sh('ip', 'netns', 'add', up)
        sh('ip', '-n', ns, 'link', 'add', 'jtup0', 'type', 'veth', 'peer', 'name', 'jtup1', 'netns', up)
        sh('ip', '-n', ns, 'addr', 'add', '10.99.0.1/24', 'dev', 'jtup0')
        sh('ip', '-n', ns, 'link', 'set', 'jtup0', 'up')
        sh('ip', '-n', up, 'addr', 'add', '10.99.0.2/24', 'dev', 'jtup1')
        sh('ip', '-n', up, 'link', 'set', 'jtup1', 'up')
        sh('ip', '-n', up, 'link', 'set', 'lo', 'up')
        Path www = root.resolve('upstream-www')
        Files.createDirectories(www)
        Files.writeString(www.resolve('index.html'), 'hello-from-upstream')
        Process server = new ProcessBuilder('ip', 'netns', 'exec', up, '/bin/busybox', 'httpd', '-f', '-p', '8000',
                '-h', www.toString()).start()

        when:
        cli('start', 'n')
        // busybox-static's wget crashes on its name-service path; nc speaks the one HTTP request we need
        def fetched = cli('exec', 'n', 'sh', '-c', 'printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc 10.99.0.2 8000')

        then:
        fetched[1].contains('hello-from-upstream')

        cleanup:
        cli('stop', 'n')
        server?.destroyForcibly()
        run(['ip', 'netns', 'del', up])
    }

    def "NAT without VNET is refused at create, and no jail is left"() {
        when:
        def r = cli('create', '-r', 'busybox', '-n', 'bad', 'nat=on')

        then:
        r[0] == 1
        r[1].contains('bad: nat needs vnet')
        !Files.exists(root.resolve('jails/bad'))
    }

    @Requires(value = { Files.isExecutable(Path.of('/usr/sbin/dnsmasq')) }, reason = 'needs dnsmasq (dnsmasq-base)')
    def "a DHCP jail leases an address from a server on its bridge, and a bridge jailsh did not create stays"() {
        given: 'a bridge with a DHCP server, made by the test, not by jailsh'
        sh('ip', '-n', ns, 'link', 'add', 'jtbr1', 'type', 'bridge')
        sh('ip', '-n', ns, 'addr', 'add', '10.78.0.1/24', 'dev', 'jtbr1')
        sh('ip', '-n', ns, 'link', 'set', 'jtbr1', 'up')
        dhcpServer = new ProcessBuilder('ip', 'netns', 'exec', ns, '/usr/sbin/dnsmasq', '--no-daemon', '--port=0',
                '--interface=jtbr1', '--bind-interfaces', '--dhcp-range=10.78.0.50,10.78.0.60,1h', '--no-resolv',
                '--no-hosts', "--pid-file=${root}/dnsmasq.pid", "--dhcp-leasefile=${root}/dnsmasq.leases")
                .redirectErrorStream(true).redirectOutput(root.resolve('dnsmasq.log').toFile()).start()
        cli('create', '-r', 'busybox', '-n', 'd', 'dhcp=on', 'interfaces=vnet0:jtbr1')

        when:
        def started = cli('start', 'd')
        def address = cli('exec', 'd', 'ip', '-4', 'addr', 'show', 'vnet0')

        then:
        started[0] == 0
        address[1] =~ /inet 10\.78\.0\.(5\d|60)\//
        cli('list')[1].readLines().find { it.contains(' d ') } =~ /10\.78\.0\.(5\d|60)/

        when:
        cli('stop', 'd')

        then:
        links().contains('jtbr1')
        !(links() =~ /vnet\d\./)
    }

    def "the host's proxy reaches the jail, DNS does not change"() {
        given:
        cli('create', '-r', 'busybox', '-n', 'px')

        when:
        def started = cliWith([http_proxy: 'http://proxy.test:3128', NO_PROXY: 'localhost'], 'start', 'px')
        def file = cli('exec', 'px', 'cat', '/etc/profile.d/jailsh-proxy.sh')
        def login = cli('exec', 'px', 'sh', '-l', '-c', 'echo "$http_proxy"')

        then:
        started[0] == 0
        file[1].contains("export http_proxy='http://proxy.test:3128'")
        login[1].contains('http://proxy.test:3128')

        cleanup:
        cli('stop', 'px')
    }
}
