package org.jailsh.shell.interact

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.shell.IocageTree
import org.jailsh.shell.Main
import org.jailsh.store.IocageJson
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The Jail Wizard driven over byte streams through the one-shot CLI's hook (create without arguments, a terminal on
 * stdin): every answer checked as typed and asked again with the reason, the summary teaching the CLI line and the
 * Groovy block, nothing created unless confirmed.
 */
class CreateWizardSpec extends Specification {

    @TempDir
    Path tmp

    def setup() {
        IocageTree.write(tmp)
        // a release already fetched here, so that no download is needed: the wizard lists it first
        Files.createDirectories(tmp.resolve('releases/uxrel/root/bin'))
    }

    Map create(String answers, List<String> options = [], boolean interactive = true) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run((['--root', tmp.toString()] + options + ['create']) as String[],
                new ByteArrayInputStream(answers.getBytes('UTF-8')), new PrintStream(out, true, 'UTF-8'),
                new PrintStream(err, true, 'UTF-8'), interactive, false)
        [code: code, out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    def "a static VNET jail: bad answers are asked again with the reason, then the jail is created as summarised"() {
        when:
        def r = create(['bad name!', 'web', 'uxwiz', '2', 'uxrel', '3',
                        'vnet0|300.1.1.1/24', 'vnet0|192.168.50.10/24', '', '', 'y'].join('\n') + '\n')

        then: 'each wrong answer got its reason and the question again'
        r.err.contains("jail name 'bad name!' has characters other than letters, digits")
        r.err.contains('a jail named web already exists')
        r.err.contains("'300.1.1.1' is not an IPv4 address")

        and: 'the summary shows the same jail as a command line and as a Groovy block'
        r.err.contains('create -r uxrel -n uxwiz -b vnet=on ip4_addr="vnet0|192.168.50.10/24" defaultrouter=auto')
        r.err.contains("jail('uxwiz') { release 'uxrel'; basejail true; vnet true; ip4 'vnet0|192.168.50.10/24'; "
                + "defaultrouter 'auto' }")

        and: 'the jail exists with those properties, and stdout has only the outcome'
        r.code == 0
        def config = IocageJson.read(tmp.resolve('jails/uxwiz/config.json'))
        config.vnet == 1
        config.ip4_addr == 'vnet0|192.168.50.10/24'
        config.basejail == 1
        !r.out.contains('Jail name')
        r.out.contains('uxwiz')
    }

    def "DHCP is offered by name and implies what it needs; --json keeps stdout pure JSON"() {
        when:
        def r = create('uxdhcp\nclone\n\ndhcp\nyes\n', ['--json'])

        then:
        r.code == 0
        r.err.contains('create -r uxrel -n uxdhcp vnet=on dhcp=on')
        r.err.contains("jail('uxdhcp') { release 'uxrel'; vnet true; dhcp true }")
        r.out.startsWith('{')
        IocageJson.read(tmp.resolve('jails/uxdhcp/config.json')).bpf == 1
    }

    def "#how cancels and nothing is created"() {
        when:
        def r = create(answers)

        then:
        r.code == 1
        r.err.contains('create cancelled; nothing was changed')
        !Files.exists(tmp.resolve('jails/uxgone'))
        !Files.exists(tmp.resolve('jails/uxgone.json'))

        where:
        how                            | answers
        'an empty name'                | '\n'
        'end of input (Ctrl-D)'        | 'uxgone\n1\n'
        'no at the confirmation'       | 'uxgone\n\n\n\n\n'
        'end of input in the addresses'| 'uxgone\n1\n1\n3\n'
    }

    def "static networking needs at least one address"() {
        when:
        def r = create('uxnone\n1\n\nshared\n\n\n10.9.8.7\n\ny\n')

        then:
        r.err.contains('give an IPv4 or an IPv6 address')
        r.err.contains('create -r uxrel -n uxnone ip4_addr=10.9.8.7')
        r.code == 0
    }

    def "without a terminal, create without arguments is a usage error naming what is missing"() {
        when:
        def r = create('', [], false)

        then:
        r.code == 2
        r.err.contains('create needs a name and a release (-n NAME and -r RELEASE')
        !r.err.contains('Jail name')
        !Files.exists(tmp.resolve('jails/uxwiz'))
    }

    def "a name without a release is still the usual usage error"() {
        when:
        def r = create('', [], true)
        def named = Main.run(['--root', tmp.toString(), 'create', '-r', 'uxrel'] as String[],
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), true)

        then:
        r.code == 1
        named == 2
    }
}
