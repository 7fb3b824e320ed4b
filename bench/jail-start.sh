#!/usr/bin/env bash
# The jail start path (issue 9): start+stop in-process through the Jails facade, against its peers, in one run.
#   (1) busybox jail, no network, start+stop   vs  LXC `lxc-start -d` + `lxc-stop` of a busybox container   goal <= 1.5x
#   (2) VNET jail with a static address on a shared bridge, start+stop
#                                              vs  `ip netns add` + veth onto the bridge + addresses + teardown,
#                                                  one sh script of ip commands                              goal <= 3x
#       and the same jail started through the shell scripts (JAILSH_NS_HELPER=off), i.e. without jailsh-ns
#   (3) MANY jails created and started, one after another  vs  MANY x one jail created and started         goal <= 1.5x
# All three are interleaved round by round in one JVM (bench/JailStartBench.java), inside a network namespace this
# script creates (the bridge lives there; the namespace goes at the end).
# Usage (as root):  bench/jail-start.sh        RUNS=30 MANY=100 NO_RESULTS=1 TIMES=FILE (keep the raw times) to
# change; needs lxc, iproute2, python3.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"
runs=${RUNS:-30}
many=${MANY:-100}

[ "$(id -u)" = 0 ] || { echo "jail-start.sh: needs root (namespaces, overlayfs, bridges)" >&2; exit 1; }
for tool in lxc-start ip python3; do
    command -v "$tool" >/dev/null || { echo "jail-start.sh: needs $tool (apt-get install lxc iproute2 python3)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/jailsh-jail-start-XXXXXX)
ns=fsbench$$
bridge=fsbr0
cleanup() {
    set +e
    lxc-stop -P "$work/lxc" -n fsm -k >/dev/null 2>&1
    ip netns del "$ns" 2>/dev/null
    ip netns del fsbench-b 2>/dev/null
    sleep 0.2
    if grep -q " $work" /proc/self/mountinfo; then
        echo "jail-start.sh: still mounted under $work; not removing it" >&2
        return
    fi
    rm -rf --one-file-system -- "$work"
}
trap cleanup EXIT

# The distribution: ./jailsh builds it when there is none yet.
ls "$repo"/shell/target/dist/lib/jailsh-linux-*.jar >/dev/null 2>&1 || "$repo/jailsh" --version >/dev/null
jar=$(ls "$repo"/shell/target/jailsh-shell-*.jar | grep -v -- '-sources' | head -n 1)
classpath="$jar:$repo/shell/target/dist/lib/*"
java -cp "$classpath" org.jailsh.shell.Main --root "$work/iocage" fetch -r busybox >/dev/null 2>&1

# The LXC peer: the same busybox root, no network, /proc and /dev as jailsh gives them, a shell init that ends on
# SIGTERM (lxc-stop's halt signal here), as jailsh's does.
mkdir -p "$work/lxc/fsm"
cp -a "$work/iocage/releases/busybox/root" "$work/lxc/fsm/rootfs"
printf '#!/bin/sh\ntrap "exit 0" TERM\nwhile :; do sleep 3600 & wait; done\n' >"$work/lxc/fsm/rootfs/sbin/fsinit"
chmod 0755 "$work/lxc/fsm/rootfs/sbin/fsinit"
cat >"$work/lxc/fsm/config" <<EOF
lxc.uts.name = fsm
lxc.rootfs.path = dir:$work/lxc/fsm/rootfs
lxc.net.0.type = empty
lxc.apparmor.profile = unconfined
lxc.mount.auto = proc:mixed
lxc.autodev = 1
lxc.pty.max = 1
lxc.tty.max = 0
lxc.init.cmd = /sbin/fsinit
lxc.signal.halt = SIGTERM
EOF

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add "$bridge" type bridge
ip -n "$ns" link set "$bridge" up

load=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "${SUMMARY_OF:-}" ]; then
    cp "$SUMMARY_OF" "$work/times.txt"  # only the tables, from the raw times of an earlier run (TIMES=FILE)
else
ip netns exec "$ns" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" "$here/JailStartBench.java" \
    "$work/iocage" "$runs" "$work/lxc" fsm "$bridge" "$many" >"$work/times.txt"
fi

[ -z "${TIMES:-}" ] || cp "$work/times.txt" "$TIMES"
section=$(python3 - "$work/times.txt" "$runs" "$many" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, *values = line.split()
    rows[name] = [float(v) for v in values]
def q(t, p):
    t = sorted(t)
    return t[min(len(t) - 1, int(p * (len(t) - 1) + 0.5))]
def row(label, name):
    t = rows[name]
    return "| %s | %.1f | %.1f–%.1f | %d |" % (label, statistics.median(t), q(t, .1), q(t, .9), len(t))
med = {k: statistics.median(v) for k, v in rows.items()}
verdict = lambda r, goal: "met" if r <= goal else "missed"
r1 = med["plain"] / med["lxc"]
r2 = med["vnet"] / med["ipnet"]
out = ["| start+stop, interleaved | median | p10–p90 | n |", "|---|---|---|---|",
       row("LXC `lxc-start -d` + `lxc-stop`, busybox, no network", "lxc"),
       row("jailsh in-process (`Jails.start` + `stop`), busybox clone, no network", "plain"),
       row("— of which start", "plain-start"), row("— of which stop", "plain-stop"),
       "| **ratio jailsh / LXC** (goal ≤ 1.5: %s) | **%.2f** | | |" % (verdict(r1, 1.5), r1),
       row("the same jail through the shell scripts (`JAILSH_NS_HELPER=off`)", "scripts"),
       "| ratio jailsh-ns / scripts | %.2f | | |" % (med["plain"] / med["scripts"]),
       row("`ip netns add` + veth on a shared bridge + addresses + teardown (`sh` of `ip` commands)", "ipnet"),
       row("jailsh in-process, VNET + static IP on the shared bridge", "vnet"),
       "| **ratio jailsh VNET / ip** (goal ≤ 3: %s) | **%.2f** | | |" % (verdict(r2, 3), r2)]
if "many" in rows:
    many = rows["many"]
    n = len(many)
    total = sum(many)
    # the total is a sum of n samples, so it is compared with n times the mean of one; on a loaded machine the
    # samples are skewed to the right, and n times the median (also shown) would count that skew against jailsh
    mean_one = statistics.mean(rows["one"])
    r3 = total / (n * mean_one)
    r3_median = total / (n * med["one"])
    tenth = max(1, n // 10)
    out += ["", "| create + start | ms | |", "|---|---|---|",
            "| one jail, no other running (%d runs, half before and half after the %d): mean / median | %.1f / %.1f | |"
            % (len(rows["one"]), n, mean_one, med["one"]),
            "| %d jails one after another, total | %.0f | |" % (n, total),
            "| — the first %d / the last %d (median each) | %.1f / %.1f | |" % (
                tenth, tenth, statistics.median(many[:tenth]), statistics.median(many[-tenth:])),
            "| — median of each tenth, in order | %s | |" % " ".join(
                "%.0f" % statistics.median(many[k:k + tenth]) for k in range(0, n, tenth)),
            "| **ratio %d jails / %d × one's mean** (goal ≤ 1.5: %s) | **%.2f** | |" % (n, n, verdict(r3, 1.5), r3),
            "| ratio %d jails / %d × one's median | %.2f | |" % (n, n, r3_median)]
print("\n".join(out))
EOF
)
section="
## Jail start path: run $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- plugins dsl shell || echo '+local changes')

Machine: $(uname -srm); $(nproc) CPUs; load average at start $load; $(java -version 2>&1 | head -n 1); $(lxc-start --version | sed 's/^/LXC /').
Times in ms.

$section"
echo "$section"
if [ -z "${NO_RESULTS:-}" ]; then
    printf '%s\n' "$section" >>"$here/RESULTS.md"
    echo "appended to $here/RESULTS.md"
fi
