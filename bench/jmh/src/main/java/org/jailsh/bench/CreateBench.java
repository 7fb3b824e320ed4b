package org.jailsh.bench;

import java.util.concurrent.TimeUnit;

import org.jailsh.api.Jails;
import org.jailsh.plan.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Creating a clone jail from busybox (2 MB) and from the big release run.sh fetched ({@code -Dbench.big}); the new
 * jail is destroyed after each invocation, untimed. O(1) creation means both take the same time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CreateBench {

    @Param({"busybox", "big"})
    public String release;

    private Jails jails;
    private String releaseName;

    @Setup
    public void open() {
        jails = Fixture.open(Fixture.givenRoot());
        releaseName = release.equals("big") ? System.getProperty("bench.big", "benchbig") : release;
        Fixture.destroy(jails, "benchclone");
    }

    @TearDown(Level.Invocation)
    public void destroy() {
        Fixture.destroy(jails, "benchclone");
    }

    @Benchmark
    public Outcome create() {
        return jails.create("benchclone", releaseName, org.jailsh.model.JailType.CLONE, java.util.Map.of());
    }
}
