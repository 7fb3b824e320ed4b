package org.jailsh.api;

import java.util.List;
import java.util.Map;

import org.jailsh.model.JailType;
import org.jailsh.plan.Outcome;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.verbs.ActivateVerb;
import org.jailsh.verbs.CreateRequest;
import org.jailsh.verbs.CreateVerb;
import org.jailsh.verbs.DestroyVerb;
import org.jailsh.verbs.ExecVerb;
import org.jailsh.verbs.FetchVerb;
import org.jailsh.verbs.FstabVerb;
import org.jailsh.verbs.GetVerb;
import org.jailsh.verbs.JailInfo;
import org.jailsh.verbs.JailSpec;
import org.jailsh.verbs.JailVerb;
import org.jailsh.verbs.ListVerb;
import org.jailsh.verbs.ProvidersVerb;
import org.jailsh.verbs.SetVerb;
import org.jailsh.verbs.SnapshotVerb;
import org.jailsh.verbs.StartStopVerb;
import org.jailsh.verbs.UpdateVerb;

/**
 * The Java facade: every verb of jailsh as one method. The Groovy DSL, the REPL and the one-shot CLI all call these;
 * each delegates to its own verb class.
 */
public final class Jails {

    private final Session session;

    public Jails(Session session) {
        this.session = session;
    }

    public static Jails open(JailshOptions options) {
        return new Jails(Session.open(options));
    }

    public Session session() {
        return session;
    }

    public List<JailInfo> list(boolean templates) {
        return new ListVerb(session).list(templates);
    }

    public Map<String, Object> info(String jail) {
        return new org.jailsh.verbs.InfoVerb(session).info(jail);
    }

    public Object get(String property, String jail) {
        return new GetVerb(session).get(property, jail);
    }

    public Outcome set(List<String> assignments, String jail) {
        return new SetVerb(session).set(assignments, jail);
    }

    public Outcome create(CreateRequest request) {
        return new CreateVerb(session).create(request);
    }

    public Outcome create(String name, String release, JailType type, Map<String, String> properties) {
        return create(new CreateRequest(name, release, null, type, false, properties, List.of()));
    }

    public Outcome jail(JailSpec spec) {
        return new JailVerb(session).apply(spec);
    }

    public List<Outcome> start(String jail) {
        return new StartStopVerb(session).start(jail);
    }

    /** The jails in the order to start them (priority, then name), or to stop them (the reverse). */
    public List<String> ordered(List<String> jails, boolean forStop) {
        return new StartStopVerb(session).order(jails, forStop);
    }

    public Outcome stop(String jail) {
        return new StartStopVerb(session).stop(jail);
    }

    public List<Outcome> restart(String jail) {
        return new StartStopVerb(session).restart(jail);
    }

    /** Runs argv in the jail; output captured unless {@code interactive}, which hands it the terminal. */
    public ExecResult exec(String jail, List<String> argv, String user, boolean interactive) {
        return new ExecVerb(session).exec(jail, argv, user, interactive);
    }

    /** Runs argv in the jail with {@code stdin} as its input (how secrets reach a jail), output captured. */
    public ExecResult exec(String jail, List<String> argv, String user, String stdin) {
        return new ExecVerb(session).exec(jail, argv, user, stdin);
    }

    public int console(String jail) {
        return new ExecVerb(session).console(jail);
    }

    public Outcome fetch(ReleaseRequest request) {
        return new FetchVerb(session).fetch(request);
    }

    public List<Map<String, Object>> releases() {
        return new FetchVerb(session).releases();
    }

    public Outcome removeRelease(String release) {
        return new FetchVerb(session).remove(release);
    }

    public Outcome update(String jail) {
        return new UpdateVerb(session).update(jail);
    }

    public Outcome upgrade(String jail, String release) {
        return new UpdateVerb(session).upgrade(jail, release);
    }

    public Outcome snapshot(String jail, String name) {
        return new SnapshotVerb(session).snapshot(jail, name);
    }

    public Outcome rollback(String jail, String name) {
        return new SnapshotVerb(session).rollback(jail, name);
    }

    public List<String> snapshots(String jail) {
        return new SnapshotVerb(session).list(jail);
    }

    public List<MountEntry> mounts(String jail) {
        return new FstabVerb(session).list(jail);
    }

    public Outcome mount(String jail, String source, String destination, boolean readOnly) {
        return new FstabVerb(session).add(jail, source, destination, readOnly);
    }

    public Outcome unmount(String jail, String destination) {
        return new FstabVerb(session).remove(jail, destination);
    }

    public String destroyWarning(String jail) {
        return new DestroyVerb(session).warning(jail);
    }

    public Outcome destroy(String jail) {
        return new DestroyVerb(session).destroy(jail);
    }

    public Outcome activate(String pool) {
        return new ActivateVerb(session).activate(pool);
    }

    /** What an interrupted jailsh left behind; empty when all is well. */
    public List<org.jailsh.verbs.DoctorVerb.Finding> doctor() {
        return new org.jailsh.verbs.DoctorVerb(session).check();
    }

    public Outcome doctorFix() {
        return new org.jailsh.verbs.DoctorVerb(session).fix();
    }

    public List<Map<String, Object>> providers() {
        return new ProvidersVerb(session).rows();
    }
}
