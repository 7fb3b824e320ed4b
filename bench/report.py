#!/usr/bin/env python3
"""bench/run.sh's bookkeeping: collects figures (JMH JSON, driver output) into one JSON file per figure, and writes the
RESULTS.md section: each goal's two figures (median, min-max, n), their ratio, the goal and whether it was met.

  report.py jmh FILE.json RESULTS NAME        JMH SampleTime results -> RESULTS/NAME-PARAMS-METHOD.json (ms)
  report.py driver FILE.out RESULTS NAME      "RESULT key v1 v2 ..." lines -> RESULTS/NAME-key.json
  report.py section RESULTS OUT.md MODE REPO BIG_MB
  report.py splice SECTION.md RESULTS.md      replaces the text between the bench/run.sh markers (or appends it)
"""
import datetime
import glob
import json
import os
import statistics
import subprocess
import sys

BEGIN = "<!-- bench/run.sh: begin (generated; edit bench/report.py instead) -->"
END = "<!-- bench/run.sh: end -->"


def save(results, name, values, unit):
    with open(os.path.join(results, name + ".json"), "w") as f:
        json.dump({"unit": unit, "values": values}, f)


def from_jmh(path, results, name):
    for run in json.load(open(path)):
        method = run["benchmark"].rsplit(".", 1)[1]
        params = "-".join(run.get("params", {}).values())
        values = []
        for fork in run["primaryMetric"]["rawDataHistogram"]:
            for iteration in fork:
                for value, count in iteration:
                    values.extend([value] * int(count))
        save(results, "-".join(p for p in (name, params, method) if p), values, "ms")


def from_driver(path, results, name):
    for line in open(path):
        words = line.split()
        if words and words[0] == "RESULT":
            key = words[1]
            unit = "bytes" if key.startswith("repl-heap") or key.startswith("repl-metaspace") \
                or key.startswith("repl-total") else "count" if key in ("n",) or key.startswith("repl-classes") \
                else "ms"
            save(results, name + "-" + key, [float(w) for w in words[2:]], unit)


class Figures:
    def __init__(self, results):
        self.data = {}
        for path in glob.glob(os.path.join(results, "*.json")):
            self.data[os.path.basename(path)[:-5]] = json.load(open(path))

    def values(self, name):
        """Values of a figure; repl runs (repl1-…, repl2-…) are pooled under repl-…"""
        if name.startswith("repl-"):
            pooled = [v for k, d in self.data.items() if k.startswith("repl") and k.endswith("-" + name)
                      for v in d.get("values", [])]
            return pooled or None
        d = self.data.get(name)
        return d.get("values") if d and "values" in d else None

    def why_missing(self, name):
        d = self.data.get(name)
        if d and "skipped" in d:
            return d["skipped"]
        if name.startswith("repl-"):
            skipped = [d["skipped"] for k, d in self.data.items() if k.startswith("repl") and "skipped" in d]
            if skipped:
                return skipped[0]
        for key, d in self.data.items():      # a driver that failed is recorded under its own name (recipe, …)
            if "skipped" in d and name.startswith(key + "-"):
                return d["skipped"]
        return "not measured (see the run's log)"


def fmt(v, unit="ms"):
    if unit == "bytes":
        return "%.1f MB" % (v / 1e6)
    if unit == "us":
        return "%.1f µs" % v
    return "%.1f ms" % v if v >= 10 else "%.2f ms" % v


def stat(values, unit="ms", scale=1.0):
    vs = sorted(v * scale for v in values)
    return "%s (%s–%s, n=%d)" % (fmt(statistics.median(vs), unit), fmt(vs[0], unit), fmt(vs[-1], unit), len(vs))


def median(values, scale=1.0):
    return statistics.median(values) * scale


def section(results, out, mode, repo, big_mb):
    f = Figures(results)
    rows = []

    def goal(what, ours, theirs, limit, our_label, their_label, unit="ms", ours_scale=1.0, theirs_scale=1.0):
        a, b = f.values(ours), f.values(theirs)
        if a is None or b is None:
            missing = ours if a is None else theirs
            rows.append("| %s | %s | %s | – | ≤ %s | not measured: %s |" % (
                what, our_label + (": " + stat(a, unit, ours_scale) if a else ""),
                their_label + (": " + stat(b, unit, theirs_scale) if b else ""), limit, f.why_missing(missing)))
            return
        ratio = median(a, ours_scale) / median(b, theirs_scale)
        verdict = "**met**" if ratio <= limit else "**missed**"
        rows.append("| %s | %s: %s | %s: %s | %.2f | ≤ %s | %s |" % (
            what, our_label, stat(a, unit, ours_scale), their_label, stat(b, unit, theirs_scale), ratio, limit,
            verdict))

    goal("start + stop, no network, in-process", "startstop-none-startStop", "lxc-cycle", 1.5,
         "facade `start`+`stop`", "`lxc-start -d` + `lxc-stop -k`")
    goal("start + stop from the one-shot CLI", "cli-cycle", "podman-cycle", 1.0,
         "`./jailsh start` + `./jailsh stop`", "podman (runc) `run -d` + `stop -t 0` + `rm`")
    goal("start + stop, VNET static IP, in-process", "startstop-vnet-startStop", "ip-cycle", 3,
         "facade `start`+`stop`", "`ip netns` + veth on a shared bridge, up and down")
    goal("create a clone jail, in-process", "create-busybox-create", "overlay-cycle", 3,
         "facade `create` (busybox)", "`mkdir` + `mount -t overlay` + `umount` + `rm`")
    goal("create a clone jail: big release vs busybox", "create-big-create", "create-busybox-create", 1.2,
         "from a %s MB archive release" % big_mb, "from busybox (2 MB)")
    goal("`./jailsh list`, cold, %s jails" % ("10" if mode == "smoke" else "100"), "cli-list", "java-hello", 4,
         "`./jailsh list`", "`java` hello-world")
    goal("`list` of %s jails, in-process" % ("100" if mode == "smoke" else "1,000"),
         "list-%s-jailsh" % ("100" if mode == "smoke" else "1000"),
         "list-%s-rawJackson" % ("100" if mode == "smoke" else "1000"), 3,
         "facade `list`", "Jackson reading each config.json")
    if mode != "smoke":
        goal("`list` linear: time per jail, 10,000 vs 100 jails", "list-10000-jailsh", "list-100-jailsh", 1.5,
             "at 10,000", "at 100", "us", 1000 / 10000, 1000 / 100)
    goal("re-run a recipe that changes nothing (template-jail)", "recipe-recipe-rerun", "recipe-recipe-first", 0.10,
         "re-run", "first run")
    n = f.values("hundred-n")
    n = int(n[0]) if n else 100
    one = f.values("hundred-one-jail")
    if one:
        f.data["hundred-n-times-one"] = {"values": [v * n for v in one]}
    goal("%d jails created and started" % n, "hundred-n-jails", "hundred-n-times-one", 1.5,
         "%d in one root" % n, "%d × one jail alone" % n)
    lines = "100" if mode == "smoke" else "1000"
    goal("REPL memory after %s evaluated lines (heap + Metaspace, after GC)" % lines, "repl-total-" + lines,
         "repl-total-10", 1.5, "after %s" % lines, "after 10", "bytes")

    context = []
    for name, label in (("ctx-unshare", "`unshare --mount --uts --ipc --pid --net --fork --root` /bin/true"),
                        ("ctx-bwrap", "`bwrap --unshare-all` /bin/true"),
                        ("ctx-nspawn", "`systemd-nspawn --register=no --keep-unit` /bin/true"),
                        ("java-hello", "`java` hello-world"),
                        ("startstop-vnet-startStop", "jailsh in-process start + stop, VNET"),
                        ("list-100-jailsh", "jailsh in-process `list`, 100 jails"),
                        ("list-1000-jailsh", "jailsh in-process `list`, 1,000 jails"),
                        ("list-10000-jailsh", "jailsh in-process `list`, 10,000 jails"),
                        ("list-100-rawJackson", "raw Jackson, 100 config.json"),
                        ("list-1000-rawJackson", "raw Jackson, 1,000 config.json"),
                        ("list-10000-rawJackson", "raw Jackson, 10,000 config.json")):
        v = f.values(name)
        if v:
            context.append("| %s | %s |" % (label, stat(v)))
        elif name.startswith("ctx-") and mode != "smoke":
            context.append("| %s | not measured: %s |" % (label, f.why_missing(name)))
    for key, label in (("repl-heap", "REPL heap used after GC"), ("repl-metaspace", "REPL Metaspace used"),
                       ("repl-classes", "REPL loaded classes")):
        a, b = f.values(key + "-10"), f.values("%s-%s" % (key, lines))
        if a and b:
            unit = "bytes" if key != "repl-classes" else "count"
            show = (lambda vs: stat(vs, unit)) if unit == "bytes" else (lambda vs: "%d" % statistics.median(vs))
            context.append("| %s: after 10 / after %s lines | %s / %s |" % (label, lines, show(a), show(b)))

    commit = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", repo, "diff", "--quiet", "HEAD", "--", "dsl", "plugins", "shell"]).returncode
    mem = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    text = [BEGIN, "",
            "## Goals, measured side by side (bench/run.sh%s)" % (" --smoke: figures not meaningful" if mode == "smoke"
                                                                  else ""),
            "",
            "Run %s, commit %s%s. Machine: %s; %d CPUs; %.0f GB RAM; load average at the end %s; %s." % (
                datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), commit,
                "+local changes" if dirty else "", " ".join(os.uname()[i] for i in (0, 2, 4)), os.cpu_count(),
                int(mem) / 1024 / 1024, " ".join(open("/proc/loadavg").read().split()[:3]),
                subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]),
            "",
            "Each figure: median (min–max, n). Ratio = jailsh's median / the peer's median; the goal is on the ratio.",
            "",
            "| what | jailsh | measured against, same run | ratio | goal | |",
            "|---|---|---|---|---|---|"] + rows + [
            "", "Context (same run):", "", "| what | figure |", "|---|---|"] + context + ["", END, ""]
    open(out, "w").write("\n".join(text))


def splice(section_path, results_md):
    new = open(section_path).read()
    old = open(results_md).read() if os.path.exists(results_md) else "# Benchmark results\n"
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + new.rstrip("\n") + tail
    else:
        text = old.rstrip("\n") + "\n\n" + new
    open(results_md + ".tmp", "w").write(text)
    os.replace(results_md + ".tmp", results_md)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "jmh":
        from_jmh(*sys.argv[2:5])
    elif mode == "driver":
        from_driver(*sys.argv[2:5])
    elif mode == "section":
        section(*sys.argv[2:7])
    elif mode == "splice":
        splice(*sys.argv[2:4])
    else:
        sys.exit("report.py: unknown mode " + mode)
