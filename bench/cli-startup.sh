#!/usr/bin/env bash
# The one-shot CLI's start-up (issue 8's last bullet, issue 9's two CLI rows), each figure a ratio measured in the
# same hyperfine run:
#   (a) `./jailsh --root R list` cold, R holding 100 jails, against a Java hello-world. Goal: <= 4x.
#       Also `./jailsh --version`, and `list` without the class-data-sharing archive (JAILSH_CDS=off).
#   (b) as root: `./jailsh start X` + `./jailsh stop X` (busybox jail, no network) against podman's
#       `run -d` + `stop` + `rm` cycle (runc, no network, the same busybox root). Goal: <= 1x.
# Usage:  bench/cli-startup.sh [--write]     RUNS=20 to change the number of runs; --write replaces the
# "CLI start-up" section of bench/RESULTS.md (between its markers) with this run's table; the table is always
# printed. Needs hyperfine and python3. Everything it makes lives in one mktemp directory, removed at the end after
# checking that nothing under it is mounted.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"
runs=${RUNS:-20}
write=no
[ "${1:-}" = --write ] && write=yes

for tool in hyperfine python3 java javac; do
    command -v "$tool" >/dev/null || { echo "cli-startup.sh: needs $tool" >&2; exit 1; }
done

work=$(mktemp -d /tmp/jailsh-cli-startup-XXXXXX)
root=$work/iocage
jail=clistartup$$
cleanup() {
    set +e
    if [ -d "$root/jails/$jail" ]; then "$repo/jailsh" --root "$root" stop "$jail" >/dev/null 2>&1; fi
    if command -v podman >/dev/null && [ "$(id -u)" = 0 ]; then
        podman rm -f "$jail" >/dev/null 2>&1
    fi
    sleep 0.2
    if grep -q " $work" /proc/self/mountinfo; then
        echo "cli-startup.sh: still mounted under $work; not removing it" >&2
        return
    fi
    rm -rf --one-file-system -- "$work"
}
trap cleanup EXIT

# The distribution and its start-up archive, made before anything is timed.
"$repo/jailsh" --version >/dev/null

# 100 jails as iocage writes them (thin configs); list reads each config.json.
for i in $(seq -w 1 100); do
    d=$root/jails/bench$i
    mkdir -p "$d/root"
    printf '{\n    "host_hostname": "bench%s",\n    "host_hostuuid": "bench%s",\n    "ip4_addr": "none",\n    "release": "busybox",\n    "vnet": 0\n}' \
        "$i" "$i" >"$d/config.json"
    : >"$d/fstab"
done
[ "$("$repo/jailsh" --root "$root" list -H | wc -l)" = 100 ] || { echo "cli-startup.sh: list does not show 100 jails" >&2; exit 1; }

mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
    >"$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

echo "== (a) list of 100 jails, cold, vs java hello-world ($runs runs each, interleaved by hyperfine order)" >&2
hyperfine -N --style basic --warmup 3 --runs "$runs" --export-json "$work/a.json" \
    -n hello "java -cp $work/hello Hello" \
    -n list "$repo/jailsh --root $root list" \
    -n version "$repo/jailsh --version" \
    -n list-no-cds "env JAILSH_CDS=off $repo/jailsh --root $root list" >&2

b=no
if [ "$(id -u)" = 0 ] && command -v podman >/dev/null; then
    echo "== (b) start+stop from the CLI vs podman run -d/stop/rm" >&2
    "$repo/jailsh" --root "$root" fetch -r busybox >/dev/null 2>&1
    "$repo/jailsh" --root "$root" create -r busybox -n "$jail" >/dev/null
    mkdir -p "$work/podman-root"
    cp -a "$root/releases/busybox/root/." "$work/podman-root/"
    # sh as PID 1 ignores TERM unless it traps it; jailsh's init traps it too, so both stop on TERM at once
    init='trap "exit 0" TERM; while :; do sleep 1 & wait; done'
    podman_opts="--runtime runc run -d --name $jail --network none --ulimit nofile=20000:20000"
    podman_opts="$podman_opts --ulimit nproc=32768:32768 --rootfs $work/podman-root"
    hyperfine --style basic --warmup 2 --runs "$runs" --export-json "$work/b.json" \
        -n jailsh "$repo/jailsh --root $root start $jail >/dev/null && $repo/jailsh --root $root stop $jail >/dev/null" \
        -n podman "podman $podman_opts /bin/sh -c '$init' >/dev/null && podman stop $jail >/dev/null && podman rm $jail >/dev/null" \
        >&2
    b=yes
else
    echo "== (b) skipped: needs root and podman" >&2
fi

table=$(python3 - "$work" "$b" "$repo" <<'EOF'
import json, statistics, subprocess, sys, datetime, os, platform
work, b, repo = sys.argv[1], sys.argv[2] == "yes", sys.argv[3]

def stats(times):
    t = sorted(times)
    q = statistics.quantiles(t, n=10) if len(t) >= 10 else [t[0]] * 9
    return statistics.median(t) * 1000, q[0] * 1000, q[-1] * 1000, len(t)

def results(name):
    return {r["command"]: r for r in json.load(open(f"{work}/{name}.json"))["results"]}

def cpu_ms(r):
    return (r["user"] + r["system"]) * 1000

commit = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                       text=True).stdout.strip()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
load = open("/proc/loadavg").read().split()[:3]
out = [f"### {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, commit {commit}{' (+ local changes)' if dirty else ''}", "",
       f"Machine: {cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; {java}; "
       f"load average before the run {' '.join(load)}.", "",
       "| what | median | p10–p90 | runs | ratio to the baseline (medians, same run) | CPU (user+sys, mean) | goal |",
       "|---|---|---|---|---|---|---|"]
a = results("a")
h = stats(a["hello"]["times"])
goals = {"list": "≤ 4×"}
labels = {"hello": "`java Hello` (baseline)", "list": "`./jailsh --root R list`, 100 jails",
          "version": "`./jailsh --version`", "list-no-cds": "`list`, without the CDS archive (JAILSH_CDS=off)"}
for name in ["hello", "list", "version", "list-no-cds"]:
    m, p10, p90, n = stats(a[name]["times"])
    out.append(f"| {labels[name]} | {m:.0f} ms | {p10:.0f}–{p90:.0f} ms | {n} | {m / h[0]:.1f}× "
               f"| {cpu_ms(a[name]):.0f} ms | {goals.get(name, '')} |")
if b:
    r = results("b")
    p = stats(r["podman"]["times"])
    j = stats(r["jailsh"]["times"])
    out.append(f"| podman `run -d` + `stop` + `rm` (baseline) | {p[0]:.0f} ms | {p[1]:.0f}–{p[2]:.0f} ms | {p[3]} | 1.0× "
               f"| {cpu_ms(r['podman']):.0f} ms | |")
    out.append(f"| `./jailsh start` + `./jailsh stop`, busybox, no network | {j[0]:.0f} ms | {j[1]:.0f}–{j[2]:.0f} ms "
               f"| {j[3]} | {j[0] / p[0]:.2f}× | {cpu_ms(r['jailsh']):.0f} ms | ≤ 1× |")
print("\n".join(out))
EOF
)
echo "$table"

if [ "$write" = yes ]; then
    results=$here/RESULTS.md
    python3 - "$results" "$table" <<'EOF'
import sys
path, table = sys.argv[1], sys.argv[2]
begin, end = "<!-- cli-startup:runs:begin -->", "<!-- cli-startup:runs:end -->"
text = open(path).read()
if begin not in text:
    sys.exit(f"{path} has no '{begin}' marker: add the 'CLI start-up' section first")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + "\n" + table + "\n" + end + tail)
EOF
    echo "cli-startup.sh: wrote the table into $results" >&2
fi
