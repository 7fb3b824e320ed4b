#!/usr/bin/env bash
# The benchmark suite (issue 9): every row of the goal table, jailsh and the tool a user would pick instead measured in
# the same run, and the section between the bench/run.sh markers of bench/RESULTS.md rewritten with the figures.
#   bench/run.sh            the full suite (as root; ~10 min; installs the peers with apt when they are missing)
#   bench/run.sh --smoke    a small, fast variant for CI: checks every part still works, prints the table, writes
#                           nothing, enforces nothing (no peer is installed; rows whose peer is missing say so)
# Env: RUNS (hyperfine runs per peer, default 20), NO_RESULTS=1 (print only).
# In-process figures come from the JMH module bench/jmh (built with -P bench) and its single-shot drivers; whole-process
# and system figures from hyperfine. Everything made lives in one mktemp directory (removed at the end, after checking
# nothing is mounted under it), and every jail, container, netns and bridge is named bench*.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"
smoke=
[ "${1:-}" = --smoke ] && smoke=1
runs=${RUNS:-$([ -n "$smoke" ] && echo 3 || echo 20)}

[ "$(id -u)" = 0 ] || { echo "run.sh: needs root (namespaces, overlayfs, peers)" >&2; exit 1; }

work=$(mktemp -d /tmp/jailsh-bench-XXXXXX)
iocroot=$work/iocage
results=$work/results        # one file per figure: NAME.json = {"unit": "ms", "values": [...]} or {"skipped": why}
mkdir -p "$results"
cleanup() {
    set +e
    [ -d "$work/lxc/benchlxc" ] && lxc-stop -n benchlxc -P "$work/lxc" -k >/dev/null 2>&1
    command -v podman >/dev/null && podman rm -f benchpod >/dev/null 2>&1 && podman rmi -f localhost/benchbusybox >/dev/null 2>&1
    ip netns del benchns 2>/dev/null
    ip link del benchv0 2>/dev/null
    ip link del benchbr0 2>/dev/null
    [ -n "${cli:-}" ] && $cli --root "$iocroot" stop ALL >/dev/null 2>&1
    umount "$work/ov/m" 2>/dev/null
    sleep 0.2
    if grep -q " $work" /proc/self/mountinfo; then
        echo "run.sh: still mounted under $work; not removing it" >&2
        return
    fi
    rm -rf --one-file-system -- "$work"
}
trap cleanup EXIT

log() { echo "== $*" >&2; }
failed=0
skip() { # NAME REASON; a part that failed (rather than a peer that is missing) fails a --smoke run at the end
    case $2 in *failed*) failed=$((failed + 1)) ;; esac
    python3 -c 'import json,sys; print(json.dumps({"skipped": sys.argv[1]}))' "$2" >"$results/$1.json"
    echo "   skipped $1: $2" >&2
}

# --- peers: installed when missing (full run only) ---
if [ -z "$smoke" ]; then
    need=()
    for pair in hyperfine:hyperfine lxc-start:lxc podman:podman runc:runc bwrap:bubblewrap \
        systemd-nspawn:systemd-container busybox:busybox-static; do
        command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
    done
    if [ "${#need[@]}" -gt 0 ]; then
        log "installing ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$work/apt.log" 2>&1 ||
            echo "run.sh: could not install ${need[*]} (see the rows that name them)" >&2
    fi
fi
command -v hyperfine >/dev/null || { echo "run.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

# --- build: the distribution (./jailsh) and the JMH module ---
mvn_opts=(-B -q -ntp -P bench -pl bench/jmh -am package -DskipTests)
if [ -n "$smoke" ]; then
    # CI's verify has just built the reactor and the distribution: reuse them, no install, no launcher rebuild.
    jar=$(ls "$repo"/shell/target/jailsh-shell-*.jar | grep -v -- '-sources' | head -n 1)
    cli="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -cp $jar:$repo/shell/target/dist/lib/* org.jailsh.shell.Main"
    mvn_opts+=(-Dmaven.test.skip=true)
else
    "$repo/jailsh" --version >/dev/null
    cli="$repo/jailsh"
fi
log "building bench/jmh"
(cd "$repo" && ./mvnw "${mvn_opts[@]}")
bcp="$repo/bench/jmh/target/classes:$repo/bench/jmh/target/lib/*"
bench_java() { java -XX:+UseSerialGC -Dbench.root="$iocroot" -cp "$bcp" "$@"; }

hf() { # NAME COMMAND [PREPARE] : hyperfine, $runs runs, times in ms into $results/NAME.json
    local name=$1 command=$2 prepare=${3:-}
    local opts=(--style none --warmup 2 --runs "$runs" --export-json "$work/$name.hf.json")
    if [ -n "$prepare" ]; then opts+=(--prepare "$prepare"); fi
    if ! hyperfine "${opts[@]}" "$command" >"$work/$name.hf.log" 2>&1; then
        skip "$name" "failed: $(grep -v '^\s*$' "$work/$name.hf.log" | tail -n 2 | tr '\n' ' ' | cut -c1-200)"
        return
    fi
    python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["results"][0]["times"]; print(json.dumps({"unit": "ms", "values": [x * 1000 for x in t]}))' \
        "$work/$name.hf.json" >"$results/$name.json"
}

jmh() { # NAME BENCHMARK-REGEX JMH-ARGS… : JMH SampleTime results, one $results/NAME-PARAMS.json per benchmark
    local name=$1 regex=$2
    shift 2
    local timing=(-f 1 -wi 3 -i 5 -w 2s -r 3s)
    [ -z "$smoke" ] || timing=(-f 0 -wi 0 -i 1 -r 1s)     # in run.sh's JVM: no fork to start
    local props="-Dbench.root=$iocroot -Dbench.big=benchbig -Dbench.bridge=benchbr0"
    # another JMH run on the machine (someone measuring) must not fail a smoke run, which measures nothing
    local lock=
    [ -z "$smoke" ] || lock=-Djmh.ignoreLock=true
    # shellcheck disable=SC2086 # $props: several options
    java $props $lock -cp "$bcp" org.openjdk.jmh.Main "$regex" "${timing[@]}" "$@" -jvmArgsAppend "-XX:+UseSerialGC $props" \
        -rf json -rff "$work/$name.jmh.json" >"$work/$name.jmh.log" 2>&1 ||
        { skip "$name" "JMH failed: $(grep -m1 -E 'Exception|Error' "$work/$name.jmh.log" | cut -c1-200)"; return; }
    python3 "$here/report.py" jmh "$work/$name.jmh.json" "$results" "$name"
}

driver() { # NAME CLASS ARGS… : a single-shot driver's "RESULT key values…" lines, into $results/NAME-key.json
    local name=$1 class=$2
    shift 2
    if ! bench_java "org.jailsh.bench.$class" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
        skip "$name" "failed: $(tail -n 3 "$work/$name.err" | tr '\n' ' ' | cut -c1-200)"
        return
    fi
    python3 "$here/report.py" driver "$work/$name.out" "$results" "$name"
}

log "setup: busybox release in $iocroot"
$cli --root "$iocroot" fetch -r busybox >/dev/null
rootfs=$work/rootfs                 # a private copy for the peers (LXC and podman write into theirs)
cp -a "$iocroot/releases/busybox/root" "$rootfs"
if [ -z "$smoke" ]; then
    # The big release for O(1) creation: ~200 MB of incompressible files in a /usr-like tree, through the archive
    # provider (as a Debian release would be, without the network).
    log "setup: a 200 MB archive release"
    big=$work/big-src
    cp -a "$rootfs" "$big"
    for d in $(seq 70); do
        mkdir -p "$big/usr/lib/pkg$d"
        for f in $(seq 30); do head -c 100000 /dev/urandom >"$big/usr/lib/pkg$d/file$f.so"; done
    done
    tar -C "$big" -cf "$work/big.tar" .
    rm -rf --one-file-system -- "$big"
    $cli --root "$iocroot" fetch -r benchbig --url "file://$work/big.tar" \
        --sha256 "$(sha256sum "$work/big.tar" | cut -d' ' -f1)" >/dev/null
    rm -f "$work/big.tar"
    du -sm "$iocroot/releases/benchbig/root" | cut -f1 >"$work/big.mb"
fi
ip link add benchbr0 type bridge && ip link set benchbr0 up

# --- 1. start + stop, no network: in-process vs LXC ---
log "start+stop in-process (JMH)"
jmh startstop 'StartStopBench' $([ -n "$smoke" ] && echo "-p network=none")
[ -z "$smoke" ] || skip startstop-vnet-startStop "not run in --smoke"
if [ -n "$smoke" ]; then
    skip lxc-cycle "not run in --smoke"
elif command -v lxc-start >/dev/null; then
    mkdir -p "$work/lxc/benchlxc"
    cat >"$work/lxc/benchlxc/config" <<EOF
lxc.uts.name = benchlxc
lxc.rootfs.path = dir:$rootfs
lxc.net.0.type = empty
lxc.apparmor.profile = unconfined
lxc.init.cmd = /bin/sleep 1000000
lxc.mount.auto = proc:mixed sys:mixed
EOF
    log "LXC cycle"
    hf lxc-cycle "lxc-start -n benchlxc -P $work/lxc -d && lxc-stop -n benchlxc -P $work/lxc -k"
else
    skip lxc-cycle "lxc is not installed (apt-get install lxc)"
fi

# --- 2. CLI start + stop vs podman ---
log "CLI start+stop"
$cli --root "$iocroot" create -r busybox -n benchcli >/dev/null
hf cli-cycle "$cli --root $iocroot start benchcli >/dev/null && $cli --root $iocroot stop benchcli >/dev/null"
podman_run="podman --runtime runc run --ulimit nofile=20000:20000 --ulimit nproc=32768:32768 --network none"
if [ -n "$smoke" ]; then
    skip podman-cycle "not run in --smoke"
elif command -v podman >/dev/null && command -v runc >/dev/null; then
    log "podman cycle"
    tar -C "$rootfs" -cf "$work/rootfs.tar" .
    if podman import -q "$work/rootfs.tar" localhost/benchbusybox >"$work/podman.log" 2>&1 &&
        $podman_run --rm localhost/benchbusybox /bin/true >>"$work/podman.log" 2>&1; then
        hf podman-cycle "$podman_run -d --name benchpod localhost/benchbusybox /bin/sleep 1000000 >/dev/null && podman stop -t 0 benchpod >/dev/null && podman rm benchpod >/dev/null"
    else
        skip podman-cycle "podman cannot run here: $(tail -n 2 "$work/podman.log" | tr '\n' ' ' | cut -c1-200)"
    fi
else
    skip podman-cycle "podman or runc is not installed (apt-get install podman runc)"
fi

# --- 3. VNET with a static address: in-process (JMH, above) vs bare ip netns + veth on the same bridge ---
log "ip netns + veth cycle"
hf ip-cycle "ip netns add benchns && ip link add benchv0 type veth peer name benchv1 netns benchns && ip link set benchv0 master benchbr0 up && ip -n benchns addr add 10.213.8.2/24 dev benchv1 && ip -n benchns link set benchv1 up && ip -n benchns link set lo up && ip link del benchv0 && ip netns del benchns"

# --- 4. clone creation: in-process (JMH) vs raw overlay; busybox vs the big release ---
log "clone creation (JMH) and raw overlay"
jmh create 'CreateBench' $([ -n "$smoke" ] && echo "-p release=busybox")
[ -z "$smoke" ] || skip create-big-create "not run in --smoke"
lower=$iocroot/releases/busybox/root
hf overlay-cycle "mkdir -p $work/ov/u $work/ov/w $work/ov/m && mount -t overlay overlay -o lowerdir=$lower,upperdir=$work/ov/u,workdir=$work/ov/w $work/ov/m && umount $work/ov/m && rm -rf $work/ov"

# --- 5. ./jailsh list, cold, 100 jails vs java hello-world ---
log "CLI list (100 jails) and java hello-world"
listroot=$work/list100
bench_java org.jailsh.bench.JailFarm "$listroot" "$([ -n "$smoke" ] && echo 10 || echo 100)"
hf cli-list "$cli --root $listroot list >/dev/null"
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
    >"$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
hf java-hello "java -cp $work/hello Hello"

# --- 6. list in-process vs raw Jackson, 100 / 1,000 / 10,000 jails ---
log "list in-process (JMH)"
jmh list 'ListBench' $([ -n "$smoke" ] && echo "-p jails=100")

# --- 7. recipe re-run vs first run; 8. 100 jails vs 100 x one; 9. REPL memory ---
log "recipe re-run"
driver recipe RecipeRerun $([ -n "$smoke" ] && echo "1 1" || echo "3 12")
log "100 jails"
driver hundred HundredJails $([ -n "$smoke" ] && echo "3 1" || echo "100 10")
log "REPL memory"
for i in $(seq "$([ -n "$smoke" ] && echo 1 || echo 3)"); do
    driver "repl$i" ReplMemory "$([ -n "$smoke" ] && echo 100 || echo 1000)"
done

# --- context: the same busybox root run once by the other isolation tools ---
if [ -z "$smoke" ]; then
    log "context: unshare, bwrap, systemd-nspawn"
    hf ctx-unshare "unshare --mount --uts --ipc --pid --net --fork --root=$rootfs /bin/true"
    if command -v bwrap >/dev/null; then
        hf ctx-bwrap "bwrap --unshare-all --bind $rootfs / --proc /proc --dev /dev /bin/true"
    else
        skip ctx-bwrap "bubblewrap is not installed (apt-get install bubblewrap)"
    fi
    if command -v systemd-nspawn >/dev/null; then
        hf ctx-nspawn "systemd-nspawn --register=no --keep-unit -q -D $rootfs /bin/true"
    else
        skip ctx-nspawn "systemd-nspawn is not installed (apt-get install systemd-container)"
    fi
fi

# --- the report ---
python3 "$here/report.py" section "$results" "$work/section.md" "$([ -n "$smoke" ] && echo smoke || echo full)" \
    "$repo" "$(cat "$work/big.mb" 2>/dev/null || echo '?')"
cat "$work/section.md"
if [ -z "$smoke" ] && [ -z "${NO_RESULTS:-}" ]; then
    python3 "$here/report.py" splice "$work/section.md" "$here/RESULTS.md"
    echo "run.sh: wrote the bench/run.sh section of $here/RESULTS.md" >&2
fi
if [ -n "$smoke" ] && [ "$failed" -gt 0 ]; then
    echo "run.sh --smoke: $failed part(s) failed (see the rows that say so)" >&2
    exit 1
fi
