package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.testkit.Canary
import org.jailsh.testkit.TempTrees
import spock.lang.Specification

/**
 * Hostile input as a user types it on the command line: the message a user sees (one line per problem, control
 * characters escaped), exit code 2 for how it was typed and 1 for a refused value, never a stack trace or "internal error"; the bystander jail and the canary are
 * unchanged. The layers below have the full matrices (dsl's Hostile*Spec); these rows check what reaches the terminal.
 */
class HostileCliSpec extends Specification {

    Path tmp = Files.createTempDirectory('jailsh-hostile-cli-')
    Path root = tmp.resolve('iocage')
    Canary canary = Canary.create('hostile')
    Map<String, String> bystander

    def setup() {
        IocageTree.write(root)
        bystander = Canary.fingerprint(root.resolve('jails'))
    }

    def cleanup() {
        TempTrees.remove(tmp)
        canary.remove()
    }

    List cli(String... args) {
        CliRun.run(root, args as List)
    }

    def "#label: exit #exit and one clear line"() {
        when:
        def (code, out, err) = cli(*args.collect { it.replace('CANARY', canary.dir().toString()).replace('ROOT', root.toString()) })

        then: 'docs/README.md: 2 for a mistake in how the command was typed, 1 for a value jailsh refuses'
        code == exit
        err.contains(message.replace('CANARY', canary.dir().toString()))
        !err.contains('\tat ') && !err.contains('internal error') && !err.contains('Exception')
        !err.contains('\u0000') && !err.contains('\r')
        Canary.diff(bystander, Canary.fingerprint(root.resolve('jails'))) == []
        canary.changes() == []

        where:
        label                              | exit | args                                                  | message
        'create -n -rf (an option)'        | 2    | ['create', '-r', 'busybox', '-n', '-rf']              | "Expected parameter for option '--name' but found '-rf'"
        'create with an unknown option'    | 2    | ['create', '-r', 'busybox', '--hostile', '-n', 'x']   | "Unknown option: '--hostile'"
        'create --name=-rf'                | 2    | ['create', '-r', 'busybox', '--name=-rf']             | "'-rf'"
        'create -n ../x'                   | 1    | ['create', '-r', 'busybox', '-n', '../x']             | "jail name '../x' has characters other than"
        'create -n with a newline'         | 1    | ['create', '-r', 'busybox', '-n', "x\nERROR: forged"] | "jail name 'x\\x0aERROR: forged' has characters"
        'set a newline into notes'         | 1    | ['set', "notes=a\nb", 'web']                          | "notes 'a\\x0ab' is not valid"
        'set a bad address'                | 1    | ['set', 'ip4_addr=vnet0|300.1.1.1/24', 'web']         | "ip4_addr 'vnet0|300.1.1.1/24' is not valid"
        'set a port past 65535'            | 1    | ['set', 'nat_forwards=tcp(70000)', 'web']             | 'port 70000'
        'get on a path to the canary'      | 1    | ['get', 'all', 'CANARY']                              | 'no jail named CANARY'
        'fstab -a with a relative target'  | 1    | ['fstab', '-a', 'web', 'CANARY', 'media']             | "mount destination 'media' is not absolute"
        'fstab -a with the jail as source' | 1    | ['fstab', '-a', 'web', 'ROOT/jails/web/root', '/media'] | "is inside the jail's own data"
        'a Groovy assert in -c'            | 1    | ['-c', 'assert "x" == "y"']                           | 'assert "x" == "y" failed'
    }

    def "a 10 MB property value is refused without echoing it"() {
        when:
        def (code, out, err) = cli('set', "notes=${'n' * 10_000_000}", 'web')

        then:
        code == 1
        err.contains('longer than 1024 characters')
        err.length() < 1000
    }
}
