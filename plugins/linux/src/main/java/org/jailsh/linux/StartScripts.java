package org.jailsh.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.linux.internal.ElfFiles;
import org.jailsh.linux.internal.JailEnter;
import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;

/**
 * The fixed shell scripts that start a jail. They are constants: every value that comes from a jail, a property or
 * the user reaches them as a positional argument ($1, $2, …) of an argv list, never as script text.
 */
final class StartScripts {

    /**
     * Host side, {@code $1} = console log, {@code $2} = a FIFO path, then the argv that builds the jail. Starts it in a
     * session of its own with its output in the log, so it outlives jailsh, and prints the one status line the jail
     * writes to the FIFO once it is assembled ("ok PID" or "error WHY"); an empty line means it died before that.
     */
    static final String LAUNCH = """
            log=$1 fifo=$2
            shift 2
            if [ -e "$fifo" ] || [ -L "$fifo" ]; then rm -f "$fifo" || exit 1; fi
            mkfifo -m 0600 "$fifo" || exit 1
            setsid "$@" 3>"$fifo" </dev/null >>"$log" 2>&1 &
            IFS= read -r line <"$fifo" || line=
            rm -f "$fifo"
            printf '%s\\n' "$line"
            """;

    /**
     * Runs in the jail's new namespaces but still with the host's root, as the future PID 1. {@code $1} = jail root,
     * {@code $2} = host name, {@code $3} = the init script, then steps: {@code overlay OPTIONS},
     * {@code file DEST CONTENT}, {@code copy DEST HOSTFILE}, {@code bind SRC DEST ro|rw}, {@code loopback}.
     * Destinations are checked component by component, as assembled so far, and any symlink is refused: a mount or
     * write follows symlinks with the host's root, so a link planted in the jail could otherwise aim it at a host
     * path. The init's PID is read from the host's /proc, which is still mounted at /proc here. In a user namespace
     * /proc/sys/kernel/hostname stays the host root's, so the host name falls back to hostname(1).
     */
    static final String NAMESPACE = """
            set -f
            root=$1 hostname=$2 init=$3
            shift 3
            fail() { echo "error $*" >&3; exit 1; }
            inside() {
                rest=${1#/} p=$root
                while [ -n "$rest" ]; do
                    c=${rest%%/*}
                    case $rest in */*) rest=${rest#*/} ;; *) rest= ;; esac
                    case $c in '' | .) continue ;; ..) fail "$1: '..' is not allowed" ;; esac
                    p=$p/$c
                    if [ -L "$p" ]; then
                        fail "$1: ${p#"$root"} is a symlink; use a plain directory inside the jail"
                    fi
                done
            }
            read -r pid _ </proc/self/stat
            while [ $# -gt 0 ]; do
                case $1 in
                overlay)
                    out=$(mount -t overlay -o "$2" overlay "$root" 2>&1) || fail "cannot mount the jail root: $out"
                    shift 2 ;;
                file | copy)
                    if [ "$1" = copy ] && [ ! -e "$3" ]; then shift 3; continue; fi
                    inside "${2%/*}"
                    t=$root$2
                    [ -d "${t%/*}" ] || mkdir -p "${t%/*}" || fail "cannot create ${2%/*}"
                    if [ -L "$t" ]; then rm -f "$t"; fi
                    if [ "$1" = file ]; then printf '%s' "$3" >"$t"; else cat "$3" >"$t"; fi || fail "cannot write $2"
                    shift 3 ;;
                bind)
                    inside "$3"
                    t=$root$3
                    if [ -d "$2" ]; then mkdir -p "$t"; elif [ ! -e "$t" ]; then mkdir -p "${t%/*}" && : >"$t"; fi ||
                        fail "cannot create the mount point $3"
                    out=$(mount --bind "$2" "$t" 2>&1) || fail "cannot mount $2 on $3: $out"
                    if [ "$4" = ro ]; then
                        out=$(mount -o remount,bind,ro "$t" 2>&1) || fail "cannot make $3 read-only: $out"
                    fi
                    shift 4 ;;
                loopback)
                    if command -v ip >/dev/null; then ip link set lo up || fail "cannot bring up the loopback"; fi
                    shift ;;
                *) fail "unknown step $1" ;;
                esac
            done
            inside /proc
            inside /dev
            [ -d "$root/proc" ] && [ -d "$root/dev" ] || mkdir -p "$root/proc" "$root/dev" ||
                fail "cannot create /proc and /dev in the jail"
            out=$(mount -t proc -o nosuid,nodev,noexec proc "$root/proc" 2>&1) || fail "cannot mount /proc: $out"
            out=$(mount -t tmpfs -o nosuid,noexec,mode=0755,size=1m dev "$root/dev" 2>&1) ||
                fail "cannot mount /dev: $out"
            for n in null zero full random urandom tty; do
                : >"$root/dev/$n" && mount --bind "/dev/$n" "$root/dev/$n" || fail "cannot provide /dev/$n"
            done
            mkdir "$root/dev/pts" "$root/dev/shm" &&
                mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts" &&
                mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$root/dev/shm" ||
                fail "cannot mount /dev/pts and /dev/shm"
            ln -s pts/ptmx /proc/self/fd "$root/dev/" &&
                ln -s /proc/self/fd/0 "$root/dev/stdin" && ln -s /proc/self/fd/1 "$root/dev/stdout" &&
                ln -s /proc/self/fd/2 "$root/dev/stderr" || fail "cannot create the links in /dev"
            printf '%s' "$hostname" 2>/dev/null >/proc/sys/kernel/hostname || hostname "$hostname" 2>/dev/null ||
                chroot "$root" hostname "$hostname" || fail "cannot set the host name $hostname"
            chroot "$root" /bin/sh -c : || fail "the jail has no working /bin/sh to run as its init"
            printf 'ok %s' "$pid" >&3
            exec chroot "$root" /bin/sh -c "$init" jailsh-init
            """;

    /**
     * PID 1 of the jail, run by the jail's own /bin/sh. {@link #NAMESPACE} has written "ok PID" to fd 3 without the
     * line's end; the init ends the line only once its traps are set: the kernel drops a signal that a namespace's
     * init has no handler for, so a stop right after the start would otherwise be lost. (The host's PID stays out of
     * the jail.) Waiting in {@code wait} reaps every child, orphans included,
     * and lets the TERM trap run at once. On TERM it passes the signal to every process of the jail and exits when
     * they are gone; the kernel then kills whatever is left. Nothing here may use /dev/null: a failing redirection
     * would turn the loop into a busy loop.
     */
    static final String INIT = """
            trap '' HUP INT
            trap 'kill -TERM -1; wait; while kill -0 -1 2>&-; do sleep 0.01 || sleep 1; done; exit 0' TERM
            echo >&3
            exec 3>&-
            while :; do sleep 3600 <&0 & wait; done
            """;

    /**
     * The argv of {@link #LAUNCH} around unshare around {@link #NAMESPACE}.
     *
     * @param join  the {@link Cgroups#JOIN} prefix that puts the jail's first process into its cgroups, or empty
     * @param shell what runs {@link StartScripts#NAMESPACE}
     */
    static Command command(JailRef jail, MountPlan plan, Path log, boolean root, List<String> join,
                           List<String> shell) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, "jailsh-launch",
                log.toString(), jail.dir().resolve(".jailsh-start").toString()));
        argv.addAll(join);
        argv.add("unshare");
        if (!root) {
            argv.addAll(List.of("--user", "--map-root-user"));
        }
        argv.addAll(List.of("--mount", "--uts", "--ipc", "--pid"));
        boolean ownNetwork = !sharesHostNetwork(jail);
        if (ownNetwork) {
            argv.add("--net");
        }
        argv.addAll(List.of("--fork", "--propagation", "private", "--"));
        argv.addAll(shell);
        argv.addAll(List.of("-c", NAMESPACE, "jailsh-ns", jail.root().toString(),
                jail.property("host_hostname"), INIT));
        argv.addAll(plan.steps());
        if (ownNetwork) {
            argv.add("loopback");
        }
        return Command.of(argv).withEnv("PATH", JailEnter.PATH);
    }

    /**
     * The same start as {@link #command}, by {@code jailsh-ns} ({@link NsHelper}) in one process: the same steps, the
     * same status line, the same processes left behind (a keeper waiting for the init, and the init).
     */
    static Command helperCommand(JailRef jail, MountPlan plan, Path log, boolean root, List<String> join,
                                 Path helper) {
        List<String> argv = new ArrayList<>(join);
        argv.add(helper.toString());
        if (!root) {
            argv.add("-u");
        }
        boolean ownNetwork = !sharesHostNetwork(jail);
        if (ownNetwork) {
            argv.add("-n");
        }
        argv.addAll(List.of(log.toString(), jail.root().toString(), jail.property("host_hostname"), INIT));
        argv.addAll(plan.steps());
        if (ownNetwork) {
            argv.add("loopback");
        }
        return Command.of(argv).withEnv("PATH", JailEnter.PATH);
    }

    /**
     * {@code command} run in the running jail by {@code jailsh-ns -e}, as {@link JailEnter#logged} around
     * {@link JailEnter#argv} does it with a shell, nsenter and env: as the jail's root, output to the console log.
     */
    static List<String> helperEnter(Path helper, long pid, boolean rootless, Path log, List<String> env,
                                    List<String> command) {
        List<String> argv = new ArrayList<>(List.of(helper.toString(), "-e"));
        if (rootless) {
            argv.add("-u");
        }
        argv.addAll(List.of(Long.toString(pid), log.toString()));
        argv.addAll(env);
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    /**
     * iocage's shared-IP jails (no VNET, but an address or {@code inherit}) use the host's network stack; Linux cannot
     * restrict them to their addresses as FreeBSD does. Every other jail gets a network namespace of its own: VNET
     * jails for the network provider to wire up, and jails without any address only a loopback.
     */
    static boolean sharesHostNetwork(JailRef jail) {
        if (jail.flag("vnet") || jail.flag("nat") || jail.flag("dhcp")) {
            return false;
        }
        return jail.property("ip4").equals("inherit") || jail.property("ip6").equals("inherit")
                || !jail.property("ip4_addr").equals("none") || !jail.property("ip6_addr").equals("none");
    }

    /** Where a host's static busybox may be; see {@link #namespaceShell}. */
    static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private StartScripts() {
    }

    /**
     * The shell that runs {@link #NAMESPACE}: the host's static busybox when there is one, else {@code /bin/sh}. The
     * script runs some thirty short commands (mount, mkdir, ln, cat, chroot); busybox's shell runs most of them
     * without exec'ing a new program, which roughly halves the CPU time of a jail's start. It is the host's binary,
     * run with the host's root before the jail's root is entered, exactly as /bin/sh would be.
     */
    static List<String> namespaceShell(List<Path> candidates) {
        return candidates.stream().filter(ElfFiles::isStatic).findFirst()
                .map(busybox -> List.of(busybox.toString(), "sh")).orElse(List.of("/bin/sh"));
    }
}
