package org.jailsh.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;

import org.jailsh.api.Jails;
import org.jailsh.api.Session;
import org.jailsh.spi.exec.DryRunHostExec;
import org.jailsh.model.JailType;
import org.jailsh.plan.Outcome;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.UsageException;
import org.jailsh.verbs.CreateRequest;
import org.jailsh.verbs.JailInfo;
import org.jailsh.verbs.PropertyChanges;

/**
 * The verbs of scripts, recipes and the REPL: a thin Groovy skin over the {@link Jails} facade. Verbs that change
 * something print their outcome on the console; jails are passed as names or {@link JailHandle}s.
 */
public class DslVerbs {

    private final Jails jails;
    private final Console console;

    public DslVerbs(Jails jails, Console console) {
        this.jails = jails;
        this.console = console;
    }

    public Jails facade() {
        return jails;
    }

    /** Declares a jail: created when missing, changed where it differs, "up to date" otherwise. */
    public JailHandle jail(String name,
                           @DelegatesTo(value = JailContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        JailContext context = new JailContext(name);
        Closures.call(body, context);
        console.outcome(jails.jail(context.toSpec()));
        return new JailHandle(this, name);
    }

    /** A handle on an existing jail. */
    public JailHandle jail(String name) {
        org.jailsh.verbs.JailResolver.one(jails.session().store(), name);
        return new JailHandle(this, name);
    }

    /** Shows what the block would do — the steps and their commands — and changes nothing. */
    public void plan(@DelegatesTo(value = DslVerbs.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        Session current = jails.session();
        Session dry = new Session(current.options().withDryRun(true), current.facts(), current.registry(),
                new DryRunHostExec());
        Closures.call(body, new DslVerbs(new Jails(dry), console));
    }

    public List<JailInfo> list() {
        return jails.list(false);
    }

    public List<JailInfo> templates() {
        return jails.list(true);
    }

    public Object get(String property, Object jail) {
        return jails.get(property, name(jail));
    }

    public void set(Map<String, ?> values, Object jail) {
        List<String> words = new ArrayList<>();
        values.forEach((k, v) -> words.add(k + "=" + (v instanceof Boolean b ? (b ? "on" : "off") : v)));
        console.outcome(jails.set(words, name(jail)));
    }

    /** {@code create name: 'db', release: 'busybox', type: 'basejail', vnet: 'on'}. */
    public JailHandle create(Map<String, ?> args) {
        Map<String, String> props = new LinkedHashMap<>();
        args.forEach((k, v) -> props.put(k, String.valueOf(v)));
        String name = props.remove("name");
        if (name == null) {
            throw new UsageException("create needs a name", "create name: 'web', release: 'busybox'");
        }
        String release = props.remove("release");
        String template = props.remove("template");
        String type = props.remove("type");
        JailType jailType = type == null ? JailType.CLONE : jailType(type);
        console.outcome(jails.create(new CreateRequest(name, release, template, jailType, false,
                props, List.of())));
        return new JailHandle(this, name);
    }

    public void start(Object... targets) {
        for (Object target : targets) {
            jails.start(name(target)).forEach(console::outcome);
        }
    }

    public void stop(Object... targets) {
        for (Object target : targets) {
            console.outcome(jails.stop(name(target)));
        }
    }

    public void restart(Object... targets) {
        for (Object target : targets) {
            jails.restart(name(target)).forEach(console::outcome);
        }
    }

    /** Runs argv in the jail, prints what it printed, and returns the result (exit code, output). */
    public ExecResult exec(Object jail, String... argv) {
        ExecResult result = jails.exec(name(jail), Arrays.asList(argv), null, false);
        if (!result.stdout().isEmpty()) {
            console.raw(result.stdout());
        }
        if (!result.stderr().isEmpty()) {
            console.raw(result.stderr());
        }
        return result;
    }

    public int console(Object jail) {
        return jails.console(name(jail));
    }

    public void fetch(String release) {
        console.outcome(jails.fetch(ReleaseRequest.named(release)));
    }

    /** {@code fetch name: 'alpine', url: 'https://…/rootfs.tar.gz', sha256: '…'}. */
    public void fetch(Map<String, ?> args) {
        console.outcome(jails.fetch(new ReleaseRequest(String.valueOf(args.get("name")),
                args.get("url") == null ? null : String.valueOf(args.get("url")),
                args.get("sha256") == null ? null : String.valueOf(args.get("sha256")))));
    }

    public List<Map<String, Object>> releases() {
        return jails.releases();
    }

    public void update(Object jail) {
        console.outcome(jails.update(name(jail)));
    }

    public void upgrade(Object jail, String release) {
        console.outcome(jails.upgrade(name(jail), release));
    }

    public void snapshot(Object jail) {
        snapshot(jail, null);
    }

    public void snapshot(Object jail, String snapshot) {
        console.outcome(jails.snapshot(name(jail), snapshot));
    }

    public List<String> snapshots(Object jail) {
        return jails.snapshots(name(jail));
    }

    public void rollback(Object jail, String snapshot) {
        console.outcome(jails.rollback(name(jail), snapshot));
    }

    public List<MountEntry> fstab(Object jail) {
        return jails.mounts(name(jail));
    }

    /** Asks first, naming what will be lost; {@code destroy force: true, web} does not ask. */
    public void destroy(Object jail) {
        destroy(Map.of(), jail);
    }

    public void destroy(Map<String, ?> options, Object jail) {
        String name = name(jail);
        boolean force = Boolean.parseBoolean(String.valueOf(options.get("force")));
        if (!force && !console.confirm(jails.destroyWarning(name) + " Destroy " + name + "?")) {
            console.line(name + ": not destroyed");
            return;
        }
        console.outcome(jails.destroy(name));
    }

    public void activate(String pool) {
        console.outcome(jails.activate(pool));
    }

    public List<Map<String, Object>> providers() {
        return jails.providers();
    }

    /** {@code set 'vnet=on', 'web'}: iocage's words, for those who think in them. */
    public void set(String assignment, Object jail) {
        PropertyChanges.parseAssignments(List.of(assignment));
        console.outcome(jails.set(List.of(assignment), name(jail)));
    }

    private static JailType jailType(String type) {
        try {
            return JailType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + type + "' is not a jail type",
                    "use one of: clone, thick, basejail, empty");
        }
    }

    static String name(Object jail) {
        if (jail instanceof JailHandle handle) {
            return handle.getName();
        }
        if (jail instanceof CharSequence text) {
            return text.toString();
        }
        throw new UsageException("expected a jail, got " + (jail == null ? "nothing" : jail.getClass().getSimpleName()),
                "pass a jail's name or handle, e.g. start web or start 'web'");
    }

    /** Runs a recipe with its parameters: {@code recipe 'ssh-jail', name: 'web', password: pw}. */
    public void recipe(Map<String, ?> params, String name) {
        new org.jailsh.recipe.Recipes(jails, console).run(name, params);
    }

    public void recipe(String name) {
        recipe(Map.of(), name);
    }

    /** The recipes there are: name, origin, where, parameters. */
    public List<Map<String, Object>> recipes() {
        return new org.jailsh.recipe.Recipes(jails, console).rows();
    }

    /** A handle on a jail by name, for subclasses that know the jail exists (or is planned). */
    protected JailHandle handle(String name) {
        return new JailHandle(this, name);
    }

    /** For callers that only want to show an outcome. */
    public void show(Outcome outcome) {
        console.outcome(outcome);
    }
}
