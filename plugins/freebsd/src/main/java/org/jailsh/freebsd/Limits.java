package org.jailsh.freebsd;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/** RCTL rules and the cpuset of a started jail (iocage.md §4.3 steps 24–25, §2.3), and their removal at stop. */
final class Limits {

    static final List<String> RCTL = List.of("memoryuse", "memorylocked", "vmemoryuse", "maxproc", "cputime", "pcpu",
            "datasize", "stacksize", "coredumpsize", "openfiles", "pseudoterminals", "swapuse", "nthr", "msgqqueued",
            "msgqsize", "nmsgq", "nsem", "nsemop", "nshm", "shmsize", "wallclock", "readbps", "writebps", "readiops",
            "writeiops");

    private Limits() {
    }

    static void apply(JailRef jail, ProviderContext ctx) {
        String subject = "jail:" + jail.hostName() + ":";
        List<String> rules = new ArrayList<>();
        for (String key : RCTL) {
            String value = jail.property(key);
            if (value.equals("off") || value.equals("none")) {
                continue;
            }
            if (!value.matches("[a-z]+(=[0-9]+[bkmgtpBKMGTP]?)?(/[a-z]+)?")) {
                throw new ValidationException(jail.name() + ": " + key + " '" + value + "' is not action=amount",
                        "e.g. deny=4G, or off");
            }
            rules.add(subject + key + ":" + value);
        }
        if (!rules.isEmpty()) {
            ctx.exec().run(Command.of("rctl", "-r", subject));
            for (String rule : rules) {
                ctx.exec().check("rctl", "-a", rule);
            }
        }
        String cpuset = jail.property("cpuset");
        if (!cpuset.equals("off") && !cpuset.equals("none")) {
            if (!cpuset.matches("all|\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
                throw new ValidationException(jail.name() + ": cpuset '" + cpuset + "' is not a CPU list",
                        "off, all, 0,1,2 or 0-3");
            }
            ctx.exec().check("cpuset", "-l", cpuset, "-j", jail.hostName());
        }
    }

    /** §4.5 step 2: rules of the jail, if {@code rctl} lists any. */
    static void remove(JailRef jail, ProviderContext ctx) {
        String subject = "jail:" + jail.hostName() + ":";
        if (ctx.exec().run(Command.of("rctl")).stdout().contains(subject)) {
            ctx.exec().run(Command.of("rctl", "-r", subject));
        }
    }
}
