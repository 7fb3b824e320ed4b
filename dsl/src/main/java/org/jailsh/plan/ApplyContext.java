package org.jailsh.plan;

import java.util.Map;
import java.nio.file.Path;

import org.jailsh.api.Session;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.ProviderContext;
import org.jailsh.store.Fstab;
import org.jailsh.store.IocageJson;

/**
 * What a step may use. State writes go through here, so a dry run shows them instead of making them.
 */
public final class ApplyContext {

    private final Session session;
    private final StepLog stepLog;

    ApplyContext(Session session, StepLog stepLog) {
        this.session = session;
        this.stepLog = stepLog;
    }

    public Session session() {
        return session;
    }

    public HostExec exec() {
        return session.exec();
    }

    public ProviderContext providers() {
        return session.providerContext();
    }

    public boolean dryRun() {
        return session.dryRun();
    }

    public void writeConfig(Path jailDir, Map<String, Object> own) {
        if (dryRun()) {
            stepLog.add("write " + jailDir.resolve("config.json") + " " + IocageJson.format(own).replaceAll("\\s+", " "));
        } else {
            session.store().writeConfig(jailDir, own);
            session.log().info("wrote " + jailDir.resolve("config.json"));
        }
    }

    public void writeFstab(Fstab fstab, Path file) {
        if (dryRun()) {
            fstab.format().lines().forEach(line -> stepLog.add("fstab " + file + ": " + line));
        } else {
            fstab.write();
            session.log().info("wrote " + file);
        }
    }

    /** Records a change made without a host command (a directory move, say) so the plan shows it. */
    public void note(String line) {
        stepLog.add(line);
    }

    /** The per-step record of commands and writes, for plans and the log. */
    interface StepLog {
        void add(String line);
    }
}
