package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.testkit.TempTrees
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.environment.RestoreSystemProperties

/**
 * {@code recipes}, {@code recipe show}, {@code run NAME --param …} through the CLI, and the plans of the bundled recipes
 * for FreeBSD ({@code --platform freebsd --dry-run}): the always-on check of what they would do there.
 */
@RestoreSystemProperties
class RecipeCommandsSpec extends Specification {

    static final String SECRET = 'S3cr3t-Pw'

    @TempDir
    Path tmp

    def setup() {
        System.setProperty('user.home', tmp.resolve('home').toString())
    }

    def cleanup() {
        TempTrees.remove(tmp)
    }

    /** [exit code, stdout, stderr]. */
    List cli(String... args) {
        CliRun.run(tmp.resolve('iocage'), args as List)
    }

    def "recipes lists the bundled recipes with their origin and parameters"() {
        when:
        def (code, out, err) = cli('recipes')

        then:
        code == 0
        out.readLines()[0] ==~ /NAME +ORIGIN +PARAMETERS/
        out.readLines().find { it.startsWith('ssh-jail ') } ==~ /ssh-jail +bundled +name=sshjail .*password\* \(secret\).*/
        out.readLines()*.split(' ')*.getAt(0).containsAll(['media-share', 'ssh-jail', 'template-jail'])
    }

    def "a recipe in ~/.config/jailsh/recipes shadows the bundled one of its name, and show says so"() {
        given:
        Path mine = tmp.resolve('home/.config/jailsh/recipes/media-share')
        Files.createDirectories(mine)
        Files.writeString(mine.resolve('recipe.groovy'), "param 'where', default: '/srv'\n")
        Files.writeString(mine.resolve('README.md'), '# my media-share\n')

        when:
        def list = cli('recipes', '-l')[1]
        def show = cli('recipe', 'show', 'media-share')[1]

        then:
        list.readLines().find { it.startsWith('media-share ') } ==~ /media-share +user +where=\/srv +.*\/media-share +[0-9a-f]{64}/
        show.startsWith('recipe media-share (user)\n')
        show.contains('shadows bundled ')
        show.contains('# my media-share')
    }

    def "recipe show prints where a recipe is from, its parameters, README and script"() {
        when:
        def (code, out, err) = cli('recipe', 'show', 'ssh-jail')

        then:
        code == 0
        out.contains('password* (secret) — ')
        out.contains('port default 22 — the port sshd listens on')
        out.contains('# ssh-jail')
        out.contains('--- recipe.groovy ---')
        out =~ /sha256  [0-9a-f]{64}/
    }

    def "#problem is an error before anything changes"() {
        when:
        def (code, out, err) = cli(args as String[])

        then:
        code == exit
        err.trim() == message
        !Files.exists(tmp.resolve('iocage/jails'))

        where:
        problem                      | args                                                  || exit | message
        'a missing required parameter' | ['run', 'ssh-jail', '--param', 'name=web']         || 1    | "error: recipe ssh-jail needs the parameter password; give it: run ssh-jail --param password=… (or password: … in recipe 'ssh-jail', …)"
        'an unknown parameter'       | ['run', 'ssh-jail', '--param', 'passwrd=x']          || 1    | "error: recipe ssh-jail has no parameter 'passwrd'; did you mean password?"
        'a parameter without a value' | ['run', 'ssh-jail', '--param', 'password']          || 2    | 'error: --param password is not KEY=VALUE; e.g. --param name=web'
        'an unknown recipe'          | ['run', 'ssh-jial']                                   || 1    | 'error: no recipe named ssh-jial; did you mean ssh-jail?'
        'a script that is not there' | ['run', '/no/such/script.groovy']                     || 1    | 'error: no script /no/such/script.groovy; give the path of a .groovy file'
    }

    def "run FILE.groovy still runs a script"() {
        given:
        Path script = tmp.resolve('hello.groovy')
        Files.writeString(script, "println 'hello from a script'\n")

        when:
        def (code, out, err) = cli('run', script.toString())

        then:
        code == 0
        err == ''

        when: 'parameters are for recipes'
        def withParam = cli('run', script.toString(), '--param', 'a=b')

        then:
        withParam[0] == 2
        withParam[2].trim() == "error: --param and --force are for recipes, not scripts; a script sets its own variables; see 'recipes' for the recipes"
    }

    def "ssh-jail on FreeBSD plans sysrc, service and pw, and never shows the password"() {
        when:
        def (code, out, err) = cli('--platform', 'freebsd', '--dry-run', 'run', 'ssh-jail', '--param', 'name=jailexamp',
                '--param', 'ip4=vnet0|192.168.2.3/24', '--param', "password=${SECRET}".toString())
        def lines = out.readLines()*.trim()

        then:
        code == 0
        lines.containsAll([
                '+ user jailuser (groups wheel, shell /bin/sh)   # unless it exists as asked (FreeBSD)',
                'in jailexamp: pw useradd jailuser -m -G wheel -s /bin/sh',
                'in jailexamp: pw usermod jailuser -h 0 < stdin',
                'in jailexamp: pw usermod root -h 0 < stdin',
                'in jailexamp: sysrc sshd_enable=YES',
                'in jailexamp: service sshd restart',
                'in jailexamp: service sshd start',
                'recipe ssh-jail on jailexamp: plan only, nothing changed'])
        lines.findAll { it.startsWith('in jailexamp: ') && it.contains('pkg') }.isEmpty()
        !(out + err).contains(SECRET)
        !Files.exists(tmp.resolve('iocage/jails'))
    }

    def "media-share on FreeBSD plans the media user and group with pw, and the mount"() {
        when:
        def (code, out, err) = cli('--platform', 'freebsd', '--dry-run', 'run', 'media-share', '--param',
                'source=/mnt/tank/media')
        def lines = out.readLines()*.trim()

        then:
        code == 0
        lines.containsAll(['in media: pw groupadd media -g 8675309',
                           'in media: pw useradd media -m -u 8675309 -g media -s /bin/sh -d /home/media',
                           'in media: chown media:media /media'])
        lines.any { it.startsWith('fstab ') && it.contains('/mnt/tank/media') && it.contains('nullfs\trw') }
    }
}
