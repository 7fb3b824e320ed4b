package org.jailsh.shell

import java.nio.charset.StandardCharsets
import java.nio.file.FileVisitResult
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.SimpleFileVisitor
import java.nio.file.attribute.BasicFileAttributes

import org.jline.terminal.impl.DumbTerminal
import org.opentest4j.TestAbortedException
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.environment.RestoreSystemProperties

/**
 * The user manual is tested: every ```jailsh block under docs/ is a REPL transcript that runs here, and every verb
 * of the CLI has a page with at least one such block.
 *
 * A block's format: lines starting with {@code jailsh> } are input, lines starting with {@code   ... } continue the
 * input before them, every other non-blank line is output that must appear (as a substring of an output line, after
 * trimming) in that order. The HTML comment directly above the fence configures the run:
 * {@code <!-- example: fixture=iocage|empty [dry-run] [pending REASON] -->}. A pending example shows behaviour that
 * jailsh does not have yet (a known bug): it still runs and is reported as skipped, with its reason and whether it
 * passed here (some bugs only show on a host with working providers).
 */
@RestoreSystemProperties
class DocsSpec extends Specification {

    @TempDir
    Path tmp

    @TempDir
    Path home

    def setup() {
        // the REPL keeps its history under the user's home; keep the tests out of the real one
        System.setProperty('user.home', home.toString())
    }

    def cleanup() {
        [tmp, home].each { removeTree(it) }
    }

    /**
     * Spock's own @TempDir cleanup is switched off for the build (it follows symlinks). This removes a temp tree
     * without following any link and without descending into another file system mounted inside it.
     */
    static void removeTree(Path top) {
        if (top == null || !Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return
        }
        Object device = Files.getAttribute(top, 'unix:dev', LinkOption.NOFOLLOW_LINKS)
        Files.walkFileTree(top, new SimpleFileVisitor<Path>() {
            @Override
            FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Files.getAttribute(dir, 'unix:dev', LinkOption.NOFOLLOW_LINKS) == device
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE
            }

            @Override
            FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Files.delete(file)
                FileVisitResult.CONTINUE
            }

            @Override
            FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (Files.getAttribute(dir, 'unix:dev', LinkOption.NOFOLLOW_LINKS) == device) {
                    Files.delete(dir)
                }
                FileVisitResult.CONTINUE
            }
        })
    }

    def "#page example #n"() {
        given:
        if (example.fixture == 'iocage') {
            IocageTree.write(tmp)
        }

        when:
        List<String> lines = repl(example.input(), example.dryRun).readLines()*.trim().findAll { it }
        List<String> found = problems(example.expected, lines)

        then:
        if (example.pending != null) {
            if (found) {
                throw new TestAbortedException("pending: ${example.pending} (now: ${found[0].readLines()[0] - ~/; the output was:$/})")
            }
            // the bug may be fixed, or not show on this host (some only show with working providers)
            throw new TestAbortedException("pending: ${example.pending} (passes here: if the bug is fixed, drop the mark)")
        }
        found == []

        where:
        [page, n, example] << examples().collect { [it.page, it.number, it] }
    }

    def "the verb #verb has a page with an example"() {
        expect:
        Path file = docs().resolve("verbs/${verb}.md")
        Files.isRegularFile(file)
        Files.readString(file).contains('```jailsh')

        where:
        verb << verbs()
    }

    def "every page under docs/verbs is about a verb of the CLI"() {
        given:
        def pages = Files.list(docs().resolve('verbs')).withCloseable { s ->
            s.map { it.fileName.toString() }.filter { it.endsWith('.md') }.map { it - '.md' }.toList()
        }

        expect:
        (pages - verbs()) == []
    }

    def "relative links between pages point at files that exist"() {
        given:
        def broken = []
        markdownFiles().each { Path file ->
            (Files.readString(file) =~ /\]\(([^)#\s]+)(#[^)]*)?\)/).each { all, target, anchor ->
                if (!(target ==~ /[a-z]+:.*/) && !Files.exists(file.parent.resolve(target).normalize())) {
                    broken << "${docs().relativize(file)}: ${target}"
                }
            }
        }

        expect:
        broken == []
    }

    // ---- running a transcript ----

    String repl(String input, boolean dryRun) {
        def out = new ByteArrayOutputStream()
        def printer = new PrintStream(out, true, 'UTF-8')
        def context = new ShellContext(new Output(printer, printer, false))
        context.root(tmp)
        context.dryRun(dryRun)
        def terminal = new DumbTerminal('docs', 'dumb', new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8)
        int code = new Repl(context, terminal).run()
        assert code == 0
        out.toString('UTF-8')
    }

    /** What is wrong with an example's output: a promised line missing, an error nobody expected, a crash. */
    static List<String> problems(List<String> expected, List<String> actual) {
        List<String> found = []
        String gap = missing(expected, actual)
        if (gap) {
            found << gap
        }
        unexpectedErrors(expected, actual).each { found << "unexpected: ${it}".toString() }
        actual.findAll { it.contains('internal error') || it.startsWith('at ') && it.contains('(') }
                .each { found << "a crash: ${it}".toString() }
        found
    }

    /** The first expected line not found after the previous one, with the output for the failure message. */
    static String missing(List<String> expected, List<String> actual) {
        int at = 0
        for (String want : expected) {
            while (at < actual.size() && !actual[at].contains(want)) {
                at++
            }
            if (at == actual.size()) {
                return "'${want}' not found in order; the output was:\n" + actual.join('\n')
            }
            at++
        }
        null
    }

    /** Output lines saying error: that no expected line accounts for. */
    static List<String> unexpectedErrors(List<String> expected, List<String> actual) {
        def allowed = expected.findAll { it.contains('error:') }
        actual.findAll { line -> line.contains('error:') && !allowed.any { line.contains(it) } }
    }

    // ---- finding the manual ----

    static Path docs() {
        Path dir = Path.of('').toAbsolutePath()
        while (dir != null) {
            if (Files.isDirectory(dir.resolve('docs')) && Files.isRegularFile(dir.resolve('pom.xml'))
                    && Files.isDirectory(dir.resolve('shell'))) {
                return dir.resolve('docs')
            }
            dir = dir.parent
        }
        throw new IllegalStateException('no docs/ directory above ' + Path.of('').toAbsolutePath())
    }

    static List<Path> markdownFiles() {
        Files.walk(docs()).withCloseable { s ->
            s.filter { Files.isRegularFile(it) && it.toString().endsWith('.md') }.sorted().toList()
        }
    }

    static List<String> verbs() {
        def output = new Output(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                false)
        Cli.commandLine(new ShellContext(output)).subcommands.findAll { name, sub ->
            name != 'help' && !sub.commandSpec.usageMessage().hidden()
        }.keySet().sort()
    }

    static List<DocExample> examples() {
        List<DocExample> all = []
        for (Path file : markdownFiles()) {
            all.addAll(DocExample.parse(docs().relativize(file).toString(), Files.readAllLines(file)))
        }
        all
    }
}

/** One ```jailsh block of the manual: its configuration, its input lines and the output it promises. */
class DocExample {

    static final String PROMPT = 'jailsh> '
    static final String MORE = '  ... '

    String page
    int number
    String fixture = 'empty'
    boolean dryRun
    String pending
    List<String> inputs = []
    List<String> expected = []

    String input() {
        inputs.join('\n') + '\n'
    }

    static List<DocExample> parse(String page, List<String> lines) {
        List<DocExample> found = []
        for (int i = 0; i < lines.size(); i++) {
            if (lines[i].trim() != '```jailsh') {
                continue
            }
            def example = new DocExample(page: page, number: found.size() + 1)
            if (i > 0) {
                example.configure(lines[i - 1].trim())
            }
            int j = i + 1
            for (; j < lines.size() && lines[j].trim() != '```'; j++) {
                example.add(lines[j])
            }
            if (j == lines.size()) {
                throw new IllegalStateException("${page}: the jailsh block at line ${i + 1} is not closed")
            }
            if (example.inputs.isEmpty()) {
                throw new IllegalStateException("${page}: the jailsh block at line ${i + 1} has no input line")
            }
            found << example
            i = j
        }
        found
    }

    private void add(String line) {
        if (line.startsWith(PROMPT)) {
            inputs << line.substring(PROMPT.length())
        } else if (line.startsWith(MORE) || line == MORE.stripTrailing()) {
            if (inputs.isEmpty()) {
                throw new IllegalStateException("${page}: a continuation line before any input: ${line}")
            }
            inputs[-1] = inputs[-1] + '\n' + (line.length() > MORE.length() ? line.substring(MORE.length()) : '')
        } else if (!line.isBlank()) {
            expected << line.trim()
        }
    }

    private void configure(String comment) {
        def m = comment =~ /^<!--\s*example:(.*?)-->$/
        if (!m.matches()) {
            return
        }
        def words = m.group(1).trim().split(/\s+/).findAll { it } as List
        while (words) {
            String word = words.remove(0)
            if (word.startsWith('fixture=')) {
                fixture = word - 'fixture='
                if (!(fixture in ['iocage', 'empty'])) {
                    throw new IllegalStateException("${page}: unknown fixture ${fixture}")
                }
            } else if (word == 'dry-run') {
                dryRun = true
            } else if (word == 'pending' || word == 'pending:') {
                pending = words ? words.join(' ') : 'marked pending in the page'
                words = []
            } else {
                throw new IllegalStateException("${page}: unknown example setting '${word}' in ${comment}")
            }
        }
    }
}
