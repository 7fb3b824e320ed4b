package org.jailsh.shell.oneshot

import java.lang.reflect.Field
import java.lang.reflect.Modifier

import picocli.CommandLine
import spock.lang.Specification

import org.jailsh.shell.Cli
import org.jailsh.shell.Main
import org.jailsh.shell.Output
import org.jailsh.shell.ShellContext

/**
 * The one-shot parser against picocli itself: every line it takes, picocli takes too and sets the same fields of the
 * same command and the same shell options; the lines it leaves go to picocli.
 */
class OneShotParserSpec extends Specification {

    static final OneShotModel MODEL = OneShotModel.bundled()

    def "the model in the jar is the one picocli's model gives today"() {
        expect:
        MODEL != null
        OneShotModel.read(OneShotModelWriter.text()) == MODEL
    }

    def "the lines people type most are read without picocli, with picocli's values: #line"() {
        when:
        String[] args = words(line)
        def fast = fast(args)
        def slow = picocli(args)

        then:
        fast != null
        slow != null
        fast == slow

        where:
        line << [
                'list', 'list -l', 'list -H', 'list -h -t', '--root /r list', '--root=/r --json list -l',
                'list --json', 'list -l --root /r --debug', 'start web', 'start web db', 'stop ALL',
                'set vnet=on web', 'set vnet=on boot=1 web', '--dry-run create -r 13.1-RELEASE -n web vnet=on',
                'create -n web -r busybox', 'create --name=web --release=x a=b c=d', 'create -e -n web',
                'exec web ls -l', 'exec -U root web id -u', 'exec web sh -c echo --json', 'exec --json web ls',
                'get vnet web', 'get --json all web', 'info web', 'destroy -f a b', 'destroy a b --force',
                'snapshot web -n s1', 'snapshot web', 'rollback web -n s1', 'rollback -n s1 web',
                'run ssh-jail -p name=web --param release=busybox --force', 'recipe show ssh-jail', 'recipe ssh-jail',
                'fetch -r 13.1-RELEASE', 'fetch 13.1-RELEASE', 'fetch --url file:///x --sha256 abc -r r',
                '--platform freebsd --dry-run start web', 'doctor', 'doctor --fix', 'upgrade web -r 13.2-RELEASE',
                'providers -H', 'releases --remove 13.1-RELEASE', 'releases', 'update a b', 'restart a', 'console web',
                'snaplist web', 'activate tank', 'recipes -l', 'set a=b c=d web --dry-run',
        ]
    }

    def "lines picocli must read or explain are left to it: #line"() {
        expect:
        fast(words(line)) == null

        where:
        line << [
                '', '--help', '-h', '--version', '-V', 'help', 'help list', 'lsit', '-c 1+1', '--root /r',
                'list -lH', 'list -l -l', 'list --json --json', 'list -x', 'list extra', 'start', 'set vnet=on',
                'fstab -l web', 'start @file', 'start -- web', 'create -n -r x', 'rollback web', 'get a b c',
                'info a b', '__complete list', 'list -l=true', '--json=yes list', '--root', 'list --root',
                'upgrade web', 'exec web', 'get vnet', 'recipe', 'run',
                'set vnet=on --json web', 'create --name=-rf -r busybox', 'create -n web --release=@x',
                '--root=-x list', 'exec -U=root web id', '--root list list', '--root=start start web',
                '--json --root start start web', '--root exec exec web ls', '--root list start web',
        ]
    }

    @spock.util.environment.RestoreSystemProperties
    def "with picocli's parsing tuned by a system property, every line goes to picocli"() {
        given:
        System.setProperty('picocli.trimQuotes', 'true')

        expect:
        OneShotParser.parse(['start', '"web"'] as String[]) == null
        OneShotParser.parse(['list'] as String[]) == null
    }

    def "a shell option's refused value goes back to picocli, which names it"() {
        given:
        def err = new ByteArrayOutputStream()

        when:
        int code = Main.run(['--platform', 'beos', 'list'] as String[], new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'),
                false)

        then:
        code == 2
        err.toString('UTF-8').contains('beos')
        !err.toString('UTF-8').contains('at org.')
    }

    def "random lines: whatever the one-shot parser takes, picocli takes with the same values"() {
        given:
        long seed = Long.getLong('jailsh.oneshot.seed', System.nanoTime())
        println "OneShotParserSpec seed: $seed (-Djailsh.oneshot.seed=$seed replays it)"
        def random = new Random(seed)
        List<String> verbs = MODEL.verbs().keySet().sort()
        int taken = 0
        int lines = 3000

        when:
        List<String> wrong = []
        lines.times {
            List<String> line = []
            if (random.nextInt(3) == 0) {
                line.addAll(pick(random, GLOBALS))
            }
            String verb = random.nextInt(20) == 0 ? 'nope' : verbs[random.nextInt(verbs.size())]
            line << verb
            List<List<String>> own = (MODEL.verbs()[verb]?.options() ?: []).collectMany { o -> o.names() }
                    .collect { [it] }
            random.nextInt(6).times {
                int dice = random.nextInt(20)
                line.addAll(dice < 11 ? pick(random, WORDS) : dice < 16 && own ? pick(random, own)
                        : dice < 18 ? pick(random, GLOBALS) : pick(random, HOSTILE))
            }
            String[] args = line as String[]
            def fast = fast(args)
            if (fast != null) {
                taken++
                def slow = picocli(args)
                if (slow != fast) {
                    wrong << "${line}: one-shot ${fast}, picocli ${slow}".toString()
                }
            }
        }

        println "OneShotParserSpec: the one-shot parser took $taken of $lines random lines"

        then:
        wrong.take(5) == []
        taken > lines / 10 // ≈ 600 expected: hundreds of lines compared, whatever the seed
    }

    static final List<List<String>> WORDS = ['web', 'db', 'ALL', 'vnet=on', 'a=b', '13.1-RELEASE', '/tmp/x', 'ls', 'x',
                                             '-'].collect { [it] }
    static final List<List<String>> GLOBALS = [['--json'], ['--dry-run'], ['--debug'], ['--root', '/r'],
                                               ['--root=/r'], ['--platform', 'linux'], ['--platform=freebsd'],
                                               ['--root', 'list'], ['--root=start'], ['--root', 'help']]
    static final List<List<String>> HOSTILE = ['', '--', '@x', '-x', '--nope', '-lH', '--name=web', '-n=web',
                                               '--json=true', '--root', '-c', '-h', '--help', '-V', '--platform', '--name=-rf',
                                               '--root=-r', '--release=@x',
                                               '-U', '-r', '-n', '--param=a=b', '-p'].collect { [it] }

    private static List<String> pick(Random random, List<List<String>> from) {
        from[random.nextInt(from.size())]
    }

    private static String[] words(String line) {
        line.isEmpty() ? new String[0] : line.split(' ')
    }

    /** What the one-shot parser and runner make of the line: the context's settings and the command's fields. */
    private static Map fast(String[] args) {
        OneShotLine line = OneShotParser.parse(MODEL, args)
        if (line == null) {
            return null
        }
        ShellContext context = context()
        def command = OneShotRunner.prepare(line, context)
        command == null ? null : state(context, command)
    }

    /**
     * The same through picocli, both as the REPL builds it (every verb) and as a one-shot run does (the named verb
     * alone); null when either refuses the line, asks for help or names no verb, or when the two disagree.
     */
    private static Map picocli(String[] args) {
        Map full = picocli(args, false)
        Map alone = picocli(args, true)
        full == alone ? full : null
    }

    private static Map picocli(String[] args, boolean verbAlone) {
        ShellContext context = context()
        CommandLine cli = verbAlone ? Cli.commandLine(context, Cli.verb(args)) : Cli.commandLine(context)
        try {
            def parsed = cli.parseArgs(args)
            if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || !parsed.hasSubcommand()
                    || parsed.subcommand().isUsageHelpRequested()) {
                return null
            }
            return state(context, parsed.subcommand().commandSpec().userObject())
        } catch (CommandLine.ParameterException e) {
            return null
        }
    }

    private static ShellContext context() {
        def sink = new PrintStream(new ByteArrayOutputStream(), true, 'UTF-8')
        new ShellContext(new Output(sink, sink, false))
    }

    private static Map state(ShellContext context, Object command) {
        Map values = [verb: command.getClass().simpleName, root: context.@root, platform: context.@platform,
                      dryRun: context.dryRun(), debug: context.debug(), json: context.output().json()]
        for (Class c = command.getClass(); c != Object; c = c.superclass) {
            for (Field f : c.declaredFields) {
                if (!Modifier.isStatic(f.modifiers) && f.name != 'parent' && !f.synthetic) {
                    f.accessible = true
                    values.put(f.name, f.get(command))
                }
            }
        }
        values
    }
}
