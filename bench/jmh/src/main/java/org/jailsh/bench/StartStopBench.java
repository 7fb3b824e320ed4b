package org.jailsh.bench;

import java.util.concurrent.TimeUnit;

import org.jailsh.api.Jails;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Start + stop of one busybox clone jail through the facade (what the REPL does), as root: with no network, and with
 * VNET and a static address on a bridge run.sh made ({@code -Dbench.bridge}), the peer's shared bridge.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartStopBench {

    @Param({"none", "vnet"})
    public String network;

    private Jails jails;
    private String name;

    @Setup
    public void create() {
        jails = Fixture.open(Fixture.givenRoot());
        name = "benchss" + network;
        Fixture.destroy(jails, name);
        boolean vnet = network.equals("vnet");
        Fixture.createJail(jails, name, "busybox", vnet ? System.getProperty("bench.bridge", "benchbr0") : null,
                vnet ? "10.213.7.2/24" : null);
    }

    @TearDown
    public void destroy() {
        Fixture.destroy(jails, name);
    }

    @Benchmark
    public void startStop() {
        jails.start(name);
        jails.stop(name);
    }
}
