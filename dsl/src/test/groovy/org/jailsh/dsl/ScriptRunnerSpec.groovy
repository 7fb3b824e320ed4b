package org.jailsh.dsl

import java.nio.file.Path

import org.jailsh.api.Jails
import org.jailsh.plan.Outcome
import org.jailsh.testing.TestHost
import org.jailsh.testkit.TempTrees
import spock.lang.Specification
import spock.lang.TempDir

/** Every REPL line compiles a class; the runner drops it after the line has run, without breaking later lines. */
class ScriptRunnerSpec extends Specification {

    @TempDir
    Path tmp

    ScriptRunner runner

    def setup() {
        def console = new Console() {
            void outcome(Outcome outcome) {}
            void line(String text) {}
        }
        runner = new ScriptRunner(new DslVerbs(new Jails(new TestHost(tmp).session()), console))
    }

    def cleanup() {
        TempTrees.remove(tmp)
    }

    def "a long session does not keep a class per evaluated line"() {
        given:
        def loader = runner.evaluate('this.class.classLoader.parent')
        int before = loader.loadedClasses.length

        when:
        300.times { runner.evaluate("n = ${it}; [n].collect { it * 2 }.sum()") }

        then:
        runner.evaluate('n') == 299
        loader.loadedClasses.length <= before + 1
    }

    def "classes, variables and closures a line defines still work in later lines"() {
        when:
        runner.evaluate('class Point { int x; int twice() { x * 2 } }; null')
        runner.evaluate('twice = { it * 2 }')
        runner.evaluate('p = new Point(x: 4)')

        then:
        runner.evaluate('new Point(x: 3).twice()') == 6
        runner.evaluate('twice(p.twice())') == 16
    }
}
