package org.jailsh.freebsd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RunState;
import org.jailsh.spi.ValidationException;

/**
 * Starting a jail with jail(8), iocage.md §4.3 step by step. {@link #create} ends with the jail existing (steps 1–14);
 * the network provider then attaches (step 15); {@link #boot} runs the rest (steps 17–25): resolv.conf, host time,
 * {@code exec_start}, hooks, the DHCP lease check, RCTL limits and the cpuset.
 */
final class JailStart {

    private JailStart() {
    }

    static Path confFile(JailRef jail) {
        return Path.of("/var/run/jail." + jail.hostName() + ".conf");
    }

    static RunState create(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        String host = Releases.hostRelease(ctx);
        Releases.requireNotNewer(jail.name(), jail.property("release"), host);
        if (Jail8RuntimeProvider.running(jail, ctx)) {
            throw new ValidationException(jail.name() + " is already running!", "stop it first");
        }
        hostid(jail, ctx);
        StartChecks.check(jail, mounts, ctx);
        VnetConfig vnet = VnetConfig.of(jail);
        Path root = jail.root();
        if (jail.flag("vnet")) {
            rcConf(jail, vnet, ctx);
        }
        if (jail.flag("mount_procfs")) {
            ctx.exec().check("mount", "-t", "procfs", "proc", root.resolve("proc").toString());
        }
        if (jail.flag("mount_linprocfs")) {
            Path linproc = root.resolve("compat/linux/proc");
            ctx.exec().check("mkdir", "-p", linproc.toString());
            ctx.exec().check("mount", "-t", "linprocfs", "linproc", linproc.toString());
        }
        List<String> ip4 = new ArrayList<>();
        List<String> ip6 = new ArrayList<>();
        if (!jail.flag("vnet")) {
            SharedIp.addresses(jail, ip4, ip6, ctx);
        }
        String ruleset = DevfsRuleset.create(jail, vnet.anyDhcp(), ctx);
        int hostMajor = host.matches("\\d+\\..*") ? Integer.parseInt(host.substring(0, host.indexOf('.'))) : 99;
        JailConf conf = JailConf.of(jail, jail.dir().getParent().getParent(), ip4, ip6, ruleset, hostMajor);
        ctx.exec().writeFile(confFile(jail), conf.render());
        HostHooks.require(jail, "exec_prestart", ctx);
        ExecResult created = ctx.exec().run(Command.of("jail", "-f", confFile(jail).toString(), "-c")
                .withEnv("IOCAGE_HOSTNAME", jail.property("host_hostname"))
                .withEnv("IOCAGE_NAME", jail.hostName()));
        if (!created.ok()) {
            throw new JailshException(jail.name() + ": Start FAILED: " + created.stderr().strip(),
                    "see " + confFile(jail) + " and the jail's fstab");
        }
        String jid = ctx.exec().run(Command.of("jls", "-j", jail.hostName(), "jid")).stdout().strip();
        ctx.exec().run(Command.of("ln", "-s", "../var/run/log", root.resolve("dev/log").toString()));
        return new RunState(true, jid.isEmpty() && ctx.exec().dryRun() ? "JID" : jid);
    }

    static void boot(JailRef jail, ProviderContext ctx) {
        Resolver.write(jail, ctx);
        if (jail.flag("host_time")) {
            Path localtime = jail.root().resolve("etc/localtime");
            ctx.exec().run(Command.of("rm", "-f", localtime.toString()));
            ctx.exec().check("cp", "-a", "/etc/localtime", localtime.toString());
        }
        List<String> start = Jexec.split(jail.property("exec_start"));
        if (!start.isEmpty()) {
            ExecResult started = ctx.exec().run(Jexec.in(jail, start));
            if (!started.ok()) {
                throw new JailshException(jail.name() + ": exec_start failed (exit " + started.exitCode() + ")"
                        + (started.stderr().isBlank() ? "" : ": " + started.stderr().strip()),
                        "see the jail's rc output; exec_start is " + jail.property("exec_start"));
            }
        }
        VnetConfig vnet = VnetConfig.of(jail);
        if (jail.flag("vnet") && (jail.flag("rtsold") || vnet.anyRtadv())) {
            ctx.exec().check(Jexec.in(jail, "service", "rtsold", "start"));
        }
        HostHooks.require(jail, "exec_poststart", ctx);
        if (jail.flag("vnet") && vnet.anyDhcp()) {
            checkLease(jail, vnet, ctx);
        }
        Limits.apply(jail, ctx);
    }

    /** §4.3 step 2: with {@code hostid_strict_check}, a jail made on another host does not start here. */
    private static void hostid(JailRef jail, ProviderContext ctx) {
        if (!jail.flag("hostid_strict_check")) {
            return;
        }
        String here = ctx.exec().run(Command.of("cat", "/etc/hostid")).stdout().strip();
        if (!ctx.exec().dryRun() && !here.equals(jail.property("hostid"))) {
            throw new ValidationException(jail.name() + ": hostid " + jail.property("hostid") + " is not this host's ("
                    + here + ")", "set hostid_strict_check=no to start it here anyway");
        }
    }

    /** §4.3 step 5: SYNCDHCP for DHCP NICs (removed again when no longer DHCP), rtsold and SLAAC entries. */
    private static void rcConf(JailRef jail, VnetConfig vnet, ProviderContext ctx) {
        String rcConf = jail.root().resolve("etc/rc.conf").toString();
        for (VnetConfig.Nic nic : vnet.nics()) {
            String key = "ifconfig_" + nic.jailSide();
            if (nic.dhcp()) {
                ctx.exec().check("sysrc", "-f", rcConf, key + "=SYNCDHCP");
            } else {
                String current = ctx.exec().run(Command.of("sysrc", "-f", rcConf, "-n", key)).stdout().strip();
                if (current.equals("SYNCDHCP")) {
                    ctx.exec().check("sysrc", "-f", rcConf, "-x", key);
                }
            }
            if (nic.rtadv()) {
                ctx.exec().check("sysrc", "-f", rcConf, key + "_ipv6=inet6 auto_linklocal accept_rtadv autoconf");
            }
        }
        if (jail.flag("rtsold") || vnet.anyRtadv()) {
            ctx.exec().check("sysrc", "-f", rcConf, "rtsold_enable=YES");
        }
    }

    /** §4.3 step 22: the first DHCP NIC must have a lease once the jail's rc has run. */
    private static void checkLease(JailRef jail, VnetConfig vnet, ProviderContext ctx) {
        String nic = vnet.nics().stream().filter(VnetConfig.Nic::dhcp).findFirst().orElseThrow().jailSide();
        String out = ctx.exec().run(Command.of("jexec", jail.hostName(), "ifconfig", nic, "inet")).stdout();
        if (ctx.exec().dryRun() && out.isBlank()) {
            return;
        }
        String address = null;
        String[] words = out.strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("inet")) {
                address = words[i + 1];
                break;
            }
        }
        if (address == null || address.equals("0.0.0.0")) {
            throw new JailshException("Stopped " + jail.name() + " due to DHCP failure: " + nic + " has no IPv4 lease",
                    "check the DHCP server on the bridge's network and that bpf is unhidden (bpf=yes)");
        }
        ctx.reporter().info(jail.name() + ": " + nic + " leased " + address);
    }
}
