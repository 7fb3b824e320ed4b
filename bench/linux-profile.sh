#!/usr/bin/env bash
# The Linux profile's benchmark (issue 3). Not a test: it measures, in one run, and appends a section to
# bench/RESULTS.md.
#   (a) clone-jail creation from busybox vs from a big release (an archive release of BIG_MB of files, fetched through
#       the archive provider, or RELEASE=name for one that is fetched already or fetchable, e.g. debian-12).
#       Goal: ratio <= 1.2 (creation is O(1): nothing of the release is copied).
#   (b) start+stop of a busybox jail vs a bare `unshare --mount --uts --ipc --pid --net --fork --root=ROOT /bin/true`.
#       Goal: <= 10x. Measured twice: through the CLI (two JVM starts) and warm, inside one JVM
#       (bench/JailshLoop.java), which is jailsh's own work.
# Usage (as root):  bench/linux-profile.sh            RUNS=20 BIG_MB=300 RELEASE=debian-12 NO_RESULTS=1 to change
# Uses hyperfine when installed (apt-get install -y hyperfine), else a plain loop. Everything it makes lives in one
# mktemp directory that is removed at the end (after checking that nothing under it is still mounted).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"
runs=${RUNS:-15}
big_mb=${BIG_MB:-300}
release=${RELEASE:-}

[ "$(id -u)" = 0 ] || { echo "linux-profile.sh: needs root (namespaces, overlayfs)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "linux-profile.sh: needs python3 for the statistics" >&2; exit 1; }

work=$(mktemp -d /tmp/jailsh-bench-XXXXXX)
iocroot=$work/iocage
cleanup() {
    set +e
    [ -n "${J:-}" ] && $J stop ALL >/dev/null 2>&1
    sleep 0.2
    if grep -q " $work" /proc/self/mountinfo; then
        echo "linux-profile.sh: still mounted under $work; not removing it" >&2
        return
    fi
    rm -rf --one-file-system -- "$work"
}
trap cleanup EXIT

# The distribution, built by ./jailsh on first use; run with java directly so the timings hold no staleness check.
"$repo/jailsh" --version >/dev/null
jar=$(ls "$repo"/shell/target/jailsh-shell-*.jar | grep -v -- '-sources' | head -n 1)
classpath="$jar:$repo/shell/target/dist/lib/*"
J="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -cp $classpath org.jailsh.shell.Main --root $iocroot"

# --- timing helpers: every measurement ends up as a JSON list of seconds in $work/NAME.json ---
measure() { # NAME PREPARE COMMAND [RUNS]; an empty PREPARE runs COMMAND without a shell (for short commands)
    local name=$1 prepare=$2 command=$3 n=${4:-$runs}
    if command -v hyperfine >/dev/null; then
        local opts=(--style none --warmup 2 --runs "$n" --export-json "$work/$name.hf.json")
        if [ -z "$prepare" ]; then opts+=(-N); else opts+=(--prepare "$prepare"); fi
        hyperfine "${opts[@]}" "$command" >/dev/null
        python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["results"][0]["times"]))' \
            "$work/$name.hf.json" >"$work/$name.json"
    else
        local times=() i s e
        for ((i = 0; i < n + 2; i++)); do
            [ -z "$prepare" ] || sh -c "$prepare" >/dev/null 2>&1 || true
            s=$(date +%s%N); sh -c "$command" >/dev/null 2>&1; e=$(date +%s%N)
            [ "$i" -lt 2 ] || times+=("$(( e - s ))e-9")
        done
        printf '%s\n' "${times[@]}" | python3 -c 'import json,sys; print(json.dumps([float(l) for l in sys.stdin]))' \
            >"$work/$name.json"
    fi
}
summary() { # NAME -> "median p10 p90" in ms
    python3 - "$work/$1.json" <<'EOF'
import json, statistics, sys
t = sorted(x * 1000 for x in json.load(open(sys.argv[1])))
q = lambda p: t[min(len(t) - 1, int(p * (len(t) - 1) + 0.5))]
print("%.1f %.1f %.1f %d" % (statistics.median(t), q(0.1), q(0.9), len(t)))
EOF
}

echo "== setup: releases in $iocroot"
$J fetch -r busybox >/dev/null 2>&1
if [ -z "$release" ]; then
    release=big
    src=$work/big-src
    mkdir -p "$src"
    cp -a "$iocroot/releases/busybox/root/." "$src/"
    # BIG_MB of incompressible files in a tree shaped roughly like /usr: 100 directories of 30 files
    per_file=$(( big_mb * 1024 * 1024 / 3000 ))
    for d in $(seq 100); do
        mkdir -p "$src/usr/lib/pkg$d"
        for f in $(seq 30); do head -c "$per_file" /dev/urandom >"$src/usr/lib/pkg$d/file$f.so"; done
    done
    tar -C "$src" -cf "$work/big.tar" .
    rm -rf --one-file-system -- "$src"
    $J fetch -r big --url "file://$work/big.tar" --sha256 "$(sha256sum "$work/big.tar" | cut -d' ' -f1)" >/dev/null
    rm -f "$work/big.tar"
else
    $J fetch -r "$release" >/dev/null 2>&1 || true
fi
release_size=$(du -sh "$iocroot/releases/$release/root" | cut -f1)
release_files=$(find "$iocroot/releases/$release/root" | wc -l)

echo "== (a) clone-jail creation: busybox vs $release ($release_size, $release_files files)"
# Interleaved, the order swapped every round, so that the machine's load changes both alike.
tojson() { python3 -c 'import json,sys; print(json.dumps([float(l) / 1000 for l in sys.stdin]))'; }
: >"$work/cli-create.txt"
for ((i = 0; i < runs + 2; i++)); do
    line=()
    for which in $(( i % 2 )) $(( (i + 1) % 2 )); do
        rel=$([ "$which" = 0 ] && echo busybox || echo "$release")
        s=$(date +%s%N); $J create -r "$rel" -n "c$which" >/dev/null; e=$(date +%s%N)
        line[$which]=$(( (e - s) / 1000 ))
        [ "$i" = $(( runs + 1 )) ] || $J destroy -f "c$which" >/dev/null
    done
    [ "$i" -lt 2 ] || echo "$(python3 -c "print(${line[0]} / 1000)") $(python3 -c "print(${line[1]} / 1000)")" \
        >>"$work/cli-create.txt"
done
awk '{print $1}' "$work/cli-create.txt" | tojson >"$work/create-busybox.json"
awk '{print $2}' "$work/cli-create.txt" | tojson >"$work/create-big.json"
jail_busybox=$(du -sk "$iocroot/jails/c0" | cut -f1)
jail_big=$(du -sk "$iocroot/jails/c1" | cut -f1)
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" "$here/JailshLoop.java" create "$iocroot" busybox \
    "$release" $(( runs * 2 )) >"$work/warm-create.txt"
awk '{print $1}' "$work/warm-create.txt" | tojson >"$work/warm-create-busybox.json"
awk '{print $2}' "$work/warm-create.txt" | tojson >"$work/warm-create-big.json"

echo "== (b) start+stop vs bare unshare"
$J create -r busybox -n web >/dev/null
measure unshare "" "unshare --mount --uts --ipc --pid --net --fork --root=$iocroot/releases/busybox/root /bin/true" \
    $(( runs * 4 ))
measure cli-start-stop ":" "$J start web >/dev/null && $J stop web >/dev/null"
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" "$here/JailshLoop.java" startstop "$iocroot" web \
    $(( runs * 2 )) >"$work/warm.txt"
awk '{print $3}' "$work/warm.txt" | tojson >"$work/warm-start-stop.json"
awk '{print $1}' "$work/warm.txt" | tojson >"$work/warm-start.json"
awk '{print $2}' "$work/warm.txt" | tojson >"$work/warm-stop.json"

read -r cb_med cb_p10 cb_p90 cb_n <<<"$(summary create-busybox)"
read -r cg_med cg_p10 cg_p90 cg_n <<<"$(summary create-big)"
read -r wb_med wb_p10 wb_p90 wb_n <<<"$(summary warm-create-busybox)"
read -r wg_med wg_p10 wg_p90 wg_n <<<"$(summary warm-create-big)"
read -r un_med un_p10 un_p90 un_n <<<"$(summary unshare)"
read -r cl_med cl_p10 cl_p90 cl_n <<<"$(summary cli-start-stop)"
read -r wm_med wm_p10 wm_p90 wm_n <<<"$(summary warm-start-stop)"
read -r ws_med ws_p10 ws_p90 _ <<<"$(summary warm-start)"
read -r wt_med wt_p10 wt_p90 _ <<<"$(summary warm-stop)"
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
create_ratio=$(ratio "$cg_med" "$cb_med")
warm_create_ratio=$(ratio "$wg_med" "$wb_med")
cli_ratio=$(ratio "$cl_med" "$un_med")
warm_ratio=$(ratio "$wm_med" "$un_med")
verdict() { python3 -c "print('met' if $1 <= $2 else 'missed')"; }

section=$(cat <<EOF

## Run $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- plugins dsl shell || echo '+local changes')

Machine: $(uname -srm); $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')); \
$(free -g | awk '/Mem:/ {print $2}') GB RAM; load average at start $(cut -d' ' -f1-3 /proc/loadavg); \
$(java -version 2>&1 | head -n 1); $(command -v hyperfine >/dev/null && hyperfine --version || echo 'plain loop').
Times in ms: median (p10–p90), n runs.

| (a) clone-jail creation, interleaved | median | p10–p90 | n |
|---|---|---|---|
| CLI (one JVM start each): \`create -r busybox\` | $cb_med | $cb_p10–$cb_p90 | $cb_n |
| CLI: \`create -r $release\` ($release_size, $release_files files) | $cg_med | $cg_p10–$cg_p90 | $cg_n |
| **ratio CLI** (goal ≤ 1.2: $(verdict "$create_ratio" 1.2)) | **$create_ratio** | | |
| warm, in one JVM: \`create -r busybox\` | $wb_med | $wb_p10–$wb_p90 | $wb_n |
| warm: \`create -r $release\` | $wg_med | $wg_p10–$wg_p90 | $wg_n |
| **ratio warm** (goal ≤ 1.2: $(verdict "$warm_create_ratio" 1.2)) | **$warm_create_ratio** | | |

Disk used by the new jail's directory: ${jail_busybox} KiB from busybox, ${jail_big} KiB from $release (nothing copied).

| (b) start+stop | median | p10–p90 | n |
|---|---|---|---|
| bare \`unshare --mount --uts --ipc --pid --net --fork --root=ROOT /bin/true\` | $un_med | $un_p10–$un_p90 | $un_n |
| jailsh warm, in one JVM: \`start web\` + \`stop web\` | $wm_med | $wm_p10–$wm_p90 | $wm_n |
| — of which \`start\` / \`stop\` | $ws_med / $wt_med | $ws_p10–$ws_p90 / $wt_p10–$wt_p90 | |
| jailsh CLI: two JVM starts, \`start\` then \`stop\` | $cl_med | $cl_p10–$cl_p90 | $cl_n |
| **ratio warm / unshare** (goal ≤ 10: $(verdict "$warm_ratio" 10)) | **$warm_ratio** | | |
| ratio CLI / unshare | $cli_ratio | | |
EOF
)
echo "$section"
if [ -z "${NO_RESULTS:-}" ]; then
    printf '%s\n' "$section" >>"$here/RESULTS.md"
    echo "appended to $here/RESULTS.md"
fi
