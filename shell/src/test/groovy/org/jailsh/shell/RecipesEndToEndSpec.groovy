package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The bundled template-jail and media-share recipes, and secrets, on real busybox jails through the CLI in this JVM.
 * Not @TempDir: the state root is removed with {@code rm -rf --one-file-system} after every jail is stopped and
 * nothing under it is mounted.
 */
@Stepwise
@Requires(value = { RecipesEndToEndSpec.isRoot() && Files.isExecutable(Path.of('/bin/busybox')) },
        reason = 'needs root (namespaces, overlayfs, bind mounts) and /bin/busybox (busybox-static)')
class RecipesEndToEndSpec extends Specification {

    static final String SECRET = 'S3cr3t-Pw'

    @Shared Path base
    @Shared String savedHome
    @Shared long started = System.nanoTime()

    static boolean isRoot() {
        Files.readAllLines(Path.of('/proc/self/status')).find { it.startsWith('Uid:') }.split(/\s+/)[2] == '0'
    }

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-recipes-e2e-')
        savedHome = System.getProperty('user.home')
        System.setProperty('user.home', base.resolve('home').toString())
    }

    def cleanupSpec() {
        System.setProperty('user.home', savedHome)
        RootCli.stopAllAndRemove(base, 'jailsh-recipes-e2e-', 100)
        println "RecipesEndToEndSpec: ${(System.nanoTime() - started).intdiv(1_000_000)} ms in all"
    }

    /** [exit code, stdout, stderr] of one CLI line, run in this JVM. */
    List cli(String... args) {
        CliRun.run(base.resolve('iocage'), args as List)
    }

    String ok(String... args) {
        long t0 = System.nanoTime()
        def (code, out, err) = cli(args)
        assert code == 0: "${args.join(' ')}: $out$err"
        println "${args.take(2).join(' ')}: ${(System.nanoTime() - t0).intdiv(1_000_000)} ms"
        out
    }

    def "template-jail makes a configured basejail template and clones that list -l shows with their TEMPLATE"() {
        when:
        String out = ok('run', 'template-jail', '--param', 'clones=web1,web2', '--param', 'motd=from the template')
        def list = ok('list', '-l').readLines()

        then:
        out.readLines()[-1] ==~ /recipe template-jail on tpl, web1, web2: done \(\d+ changes\)/
        Files.isDirectory(base.resolve('iocage/templates/tpl'))
        list.find { it.contains(' web1 ') } ==~ /-\s+web1\s+off\s+down\s+jail\s+busybox\s+-\s+-\s+tpl\s+off/
        list.find { it.contains(' web2 ') } ==~ /.*\s+tpl\s+off/
        ok('list', '-t').contains('tpl')

        when: 'a clone starts with what the template was given'
        ok('start', 'web1')

        then:
        ok('exec', 'web1', 'cat', '/etc/motd') == 'from the template\n'
        ok('get', 'jailsh_recipe', 'web1').trim() ==~ /template-jail@sha256:[0-9a-f]{64}/
    }

    def "template-jail run again changes nothing and says so"() {
        when:
        String out = ok('run', 'template-jail', '--param', 'clones=web1,web2', '--param', 'motd=from the template')

        then:
        out.readLines()[-1] == 'recipe template-jail on tpl, web1, web2: up to date'
        out.readLines().findAll { it.startsWith('  ') }.every { it.startsWith('  note:') || it.startsWith('  =') }
    }

    def "media-share: the jail's media user writes to the host directory, which the host sees owned by 8675309"() {
        given:
        Path source = base.resolve('host/media')

        when:
        String out = ok('run', 'media-share', '--param', "source=${source}".toString())
        ok('exec', '-U', 'media', 'media', 'sh', '-c', 'id -u; id -g; echo written-in-the-jail > /media/hello.txt')
        Path file = source.resolve('hello.txt')

        then:
        out.contains('  + group media (gid 8675309)   # missing')
        out.contains('  + user media (uid 8675309, shell /bin/sh)   # missing')
        Files.getAttribute(source, 'unix:uid', LinkOption.NOFOLLOW_LINKS) == 8675309
        Files.getAttribute(source, 'unix:gid', LinkOption.NOFOLLOW_LINKS) == 8675309
        Files.readString(file) == 'written-in-the-jail\n'
        Files.getAttribute(file, 'unix:uid', LinkOption.NOFOLLOW_LINKS) == 8675309
        Files.getAttribute(file, 'unix:gid', LinkOption.NOFOLLOW_LINKS) == 8675309
        ok('fstab', '-l', 'media').contains(source.toString())

        when:
        String again = ok('run', 'media-share', '--param', "source=${source}".toString())

        then:
        again.readLines()[-1] == 'recipe media-share on media: up to date'
    }

    def "a password set by a recipe works in the jail and appears nowhere in the log or the output"() {
        given: 'a recipe of the user, in ~/.config/jailsh/recipes'
        Path dir = base.resolve('home/.config/jailsh/recipes/accounts')
        Files.createDirectories(dir)
        Files.writeString(dir.resolve('recipe.groovy'), '''\
            param 'password', secret: true, required: true
            jail('acct') { release 'busybox' }
            start 'acct'
            inside('acct') {
                user 'alice', groups: ['wheel'], password: password
                passwd 'root', password
                file '/root/secret.conf', content: "token=${password}\\n", mode: '0600'
            }
            '''.stripIndent())

        when:
        def first = cli('run', 'accounts', '--param', "password=${SECRET}".toString())
        def second = cli('run', 'accounts', '--param', "password=${SECRET}".toString())
        def plan = cli('--dry-run', 'run', 'accounts', '--param', "password=${SECRET}".toString())
        String shadow = ok('exec', 'acct', 'cat', '/etc/shadow')
        String check = ok('exec', 'acct', 'sh', '-c', 'h=$(grep ^alice: /etc/shadow | cut -d: -f2); ' +
                's=$(echo "$h" | cut -d\\$ -f3); [ "$(echo ' + SECRET + ' | mkpasswd -m sha512 -S "$s")" = "$h" ] && echo match')

        then:
        first[0] == 0 && second[0] == 0 && plan[0] == 0
        second[1].readLines()[-1] == 'recipe accounts on acct: up to date'
        shadow.readLines().find { it.startsWith('alice:') } ==~ /alice:\$6\$[^:]+:.*/
        check == 'match\n'
        ok('exec', 'acct', 'cat', '/root/secret.conf') == "token=${SECRET}\n".toString()
        !(first + second + plan).join('\n').contains(SECRET)
        !Files.readString(base.resolve('iocage/log/jailsh.log')).contains(SECRET)
        Files.readString(base.resolve('iocage/log/jailsh.log')).contains('passwd root ******')
        !Files.readString(base.resolve('iocage/jails/acct/config.json')).contains(SECRET)
    }
}
