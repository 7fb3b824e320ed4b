package org.jailsh.recipe

import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.spi.ValidationException
import org.jailsh.testkit.TempTrees
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The in-jail verbs against simulated jails (busybox, Debian, FreeBSD): the commands each sends, that it checks
 * first, and that a second run finds nothing to do.
 */
class InsideVerbsSpec extends Specification {

    @TempDir
    Path tmp

    RecipeHost host

    def setup() {
        host = new RecipeHost(tmp)
    }

    def cleanup() {
        TempTrees.remove(tmp)
    }

    /** Runs {@code inside('web') { body }} on a jail running {@code os}, returning the printed lines. */
    List<String> inside(String os, String body, Map params = [:]) {
        host.exec.defaultOs = os
        host.recipe('t', ['recipe.groovy': "param 'pw', default: 'S3cr3t-Pw', secret: true\n" +
                "jail('web') { release 'busybox' }\nstart 'web'\ninside('web') {\n${body}\n}\n",
                          'motd.tmpl': 'Welcome to ${name}, port ${port}; ${HOME} stays\n'])
        host.run('t', params)
    }

    /** The in-jail commands sent, as argv without the runtime prefix; jailsh's scripts by their label. */
    List<String> sent() {
        host.exec.commands.findAll { it.argv()[0] == 'fake-jexec' }.collect { c ->
            def argv = c.argv().drop(2)
            (argv[0] == '/bin/sh' && argv[1] == '-c' && argv.size() > 3 && argv[3].startsWith('jailsh-')
                    ? argv.drop(3) : argv).join(' ')
        }
    }

    def "pkg installs with apt-get on Debian, without starting services, and only what is missing"() {
        when:
        def first = inside('debian', "pkg 'openssh-server', 'sudo'")

        then:
        first.contains('  + pkg openssh-server sudo   # not installed: openssh-server sudo')
        sent().contains('jailsh-apt-install openssh-server sudo')
        GuestScriptsAccess.apt().contains('policy-rc.d')

        when:
        host.exec.commands.clear()
        def second = inside('debian', "pkg 'openssh-server', 'sudo'")

        then:
        second.contains('  = pkg openssh-server sudo   # unchanged')
        !sent().any { it.startsWith('jailsh-apt-install') }
    }

    def "pkg in a busybox jail is refused before anything of the block runs"() {
        when:
        inside('busybox', "file '/etc/motd', content: 'hi\\n'\npkg 'nginx'")

        then:
        ValidationException e = thrown()
        e.message == 'web: no package manager in busybox releases, so pkg nginx cannot work there'
        e.hint() == "use a Debian release for the jail (release 'debian-12'), or drop the pkg line"
        !host.jail('web').files.containsKey('/etc/motd')
    }

    def "sysrc keeps FreeBSD's rc.conf format on Linux, with the hook that starts enabled services at boot"() {
        when:
        inside('debian', "sysrc sshd_enable: 'YES', sshd_flags: '-p 2222'")
        def jail = host.jail('web')

        then:
        jail.files['/etc/rc.conf'].readLines()[1..2] == ['sshd_enable="YES"', 'sshd_flags="-p 2222"']
        jail.files['/etc/rc.d/50-rc.conf.start'].contains('_enable=')
        jail.files['/etc/rc'].contains('/etc/rc.d/*.start')
        jail.meta['/etc/rc.d/50-rc.conf.start'][0] == '755'

        when:
        def again = inside('debian', "sysrc sshd_enable: 'YES', sshd_flags: '-p 2222'")

        then:
        again.contains('  = sysrc sshd_enable=YES sshd_flags=-p 2222   # unchanged')

        when: 'one value changes (an edited recipe, so forced): that line changes, in place'
        inside('debian', "sysrc sshd_enable: 'NO'", [force: true])

        then:
        host.jail('web').files['/etc/rc.conf'].readLines()[1..2] == ['sshd_enable="NO"', 'sshd_flags="-p 2222"']
    }

    def "sysrc, service and pw are FreeBSD's own in a FreeBSD jail"() {
        when:
        inside('freebsd', """
            group 'media', gid: 8675309
            user 'jailuser', groups: ['wheel'], shell: '/bin/csh', password: pw
            sysrc sshd_enable: 'YES'
            service 'sshd', 'start'
        """)

        then:
        sent().containsAll(['pw groupadd media -g 8675309', 'pw useradd jailuser -m -G wheel -s /bin/csh',
                            'pw usermod jailuser -h 0', 'sysrc sshd_enable=YES', 'service sshd start'])
        host.jail('web').passwords.jailuser == 'S3cr3t-Pw'
    }

    def "service start looks at its status first; restart runs only when something above changed"() {
        given:
        host.exec.defaultOs = 'debian'
        host.jail('web').initScripts << 'ssh'

        when:
        def first = inside('debian', "file '/etc/ssh/sshd_config.d/x.conf', content: 'Port 2222\\n'\n" +
                "service 'sshd', 'restart'\nservice 'sshd', 'start'")

        then: 'sshd is Debian\'s ssh'
        first.contains('  > service sshd restart   # something above changed')
        first.contains('  = service sshd start   # unchanged')
        sent().contains('jailsh-service ssh restart')

        when:
        def second = inside('debian', "file '/etc/ssh/sshd_config.d/x.conf', content: 'Port 2222\\n'\n" +
                "service 'sshd', 'restart'\nservice 'sshd', 'start'")

        then:
        second.count { it.startsWith('  = ') } == 3
        second[-1] == 'recipe t on web: up to date'
    }

    def "a user in a busybox jail is lines in /etc/passwd and /etc/group, with a private group"() {
        when:
        inside('busybox', "user 'alice', uid: 1500, groups: ['wheel'], shell: '/bin/sh', password: pw")
        def jail = host.jail('web')

        then:
        jail.files['/etc/passwd'].contains('alice:x:1500:1500::/home/alice:/bin/sh')
        jail.files['/etc/group'].contains('alice:x:1500:')
        jail.files['/etc/group'].contains('wheel:x:10:root,alice')
        jail.passwords.alice == 'S3cr3t-Pw'
        sent().contains('jailsh-setpw alice')

        when:
        def again = inside('busybox', "user 'alice', uid: 1500, groups: ['wheel'], shell: '/bin/sh', password: pw")

        then:
        again.findAll { it.startsWith('  =') || it.startsWith('  +') } == ['  = user alice (uid 1500, groups wheel, shell /bin/sh)   # unchanged',
                                                  '  = passwd alice ******   # unchanged']
    }

    def "an existing Debian user gets the missing group and the new shell, nothing else"() {
        given:
        host.exec.defaultOs = 'debian'
        host.jail('web').files['/etc/passwd'] += 'bob:x:1001:1001::/home/bob:/bin/sh\n'

        when:
        def lines = inside('debian', "user 'bob', groups: ['sudo'], shell: '/bin/bash'")

        then:
        lines.contains('  + user bob (groups sudo, shell /bin/bash)   # shell /bin/sh not in sudo')
        sent().containsAll(['usermod -s /bin/bash bob', 'usermod -a -G sudo bob'])
        !sent().any { it.startsWith('useradd') }
    }

    def "a group whose gid differs is an error that says what to do, not a silent change"() {
        given:
        host.jail('web').files['/etc/group'] += 'media:x:1002:\n'

        when:
        inside('busybox', "group 'media', gid: 8675309")

        then:
        ValidationException e = thrown()
        e.message == 'web: group media exists with gid 1002, not 8675309'
        e.hint() == 'change it by hand in the jail, or give gid: 1002'
    }

    def "a user needs its groups to exist first"() {
        when:
        inside('busybox', "user 'carol', groups: ['media']")

        then:
        ValidationException e = thrown()
        e.message == 'web: user carol needs group media, which this jail does not have'
        e.hint() == "declare it first: group 'media'"
    }

    def "file compares with cmp against stdin and writes through stdin; from: renders the recipe's template"() {
        when:
        def lines = inside('busybox', "file '/etc/motd', from: 'motd.tmpl', mode: '0640'", [:])

        then:
        host.jail('web').files['/etc/motd'] == 'Welcome to ${name}, port ${port}; ${HOME} stays\n'
        host.jail('web').meta['/etc/motd'] == ['640', 'root:root']
        lines.contains('  ~ file /etc/motd (1 line, mode 0640)   # content differs or missing')
        host.exec.commands.every { c -> !c.argv().any { it.contains('Welcome') } }

        when:
        def again = inside('busybox', "file '/etc/motd', from: 'motd.tmpl', mode: '0640'")

        then:
        again.contains('  = file /etc/motd (1 line, mode 0640)   # unchanged')
    }

    def "file renders the recipe's parameters into a template"() {
        given:
        host.recipe('m', ['recipe.groovy': "param 'name', default: 'web'\nparam 'port', default: 22\n" +
                "jail(name) { release 'busybox' }\nstart name\ninside(name) { file '/etc/motd', from: 'motd' }\n",
                          'templates/motd': 'Welcome to ${name}, port ${port}; ${HOME} stays\n'])

        when:
        host.run('m', [port: '2222'])

        then:
        host.jail('web').files['/etc/motd'] == 'Welcome to web, port 2222; ${HOME} stays\n'
    }

    def "exec runs every time unless guarded by creates: or unless:"() {
        given:
        host.jail('web').files['/opt/done'] = ''

        when:
        def lines = inside('busybox', "exec 'make install', creates: '/opt/done'\nexec 'grep -q x /y', unless: 'true'\n" +
                "exec 'echo hello'")

        then:
        lines.contains('  = exec make install   # unchanged')
        lines.contains('  > exec echo hello   # always runs')
        host.jail('web').ran == ['true', 'echo hello']
    }

    def "dir makes a directory and sets its owner and mode only when stat says otherwise"() {
        when:
        inside('busybox', "dir '/media', owner: 'media:media', mode: '2775'")

        then:
        sent().containsAll(['mkdir -p /media', 'chown media:media /media', 'chmod 2775 /media'])
        host.jail('web').dirs['/media'] == ['2775', 'media:media']

        when:
        def again = inside('busybox', "dir '/media', owner: 'media:media', mode: '2775'")

        then:
        again.contains('  = dir /media (owner media:media, mode 2775)   # unchanged')
    }

    def "an unknown option of an in-jail verb fails with the nearest names"() {
        when:
        inside('busybox', "user 'dave', grups: ['wheel']")

        then:
        ValidationException e = thrown()
        e.message == "user has no option 'grups'"
        e.hint() == 'did you mean group, groups?'
    }

    def "a failing step names the jail and the step, and what the command said"() {
        given:
        host.exec.defaultOs = 'debian'
        host.jail('web').failWith = 'chpasswd: PAM: Authentication token manipulation error'

        when:
        inside('debian', "passwd 'root', pw")

        then:
        JailshException e = thrown()
        e.message == 'web: passwd root ****** failed (exit 1): chpasswd: PAM: Authentication token manipulation error'
    }
}

/** The APT script's text, for the spec that checks services are not started by installs. */
class GuestScriptsAccess {
    static String apt() {
        Class.forName('org.jailsh.recipe.inside.GuestScripts').getDeclaredField('APT').with {
            accessible = true
            get(null)
        }
    }
}
