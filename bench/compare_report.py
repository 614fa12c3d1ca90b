#!/usr/bin/env python3
"""Turns the work files of bench/compare.sh into a Markdown section appended to the report file.

argv: work_dir out_file label command_line query_count query...
"""
import json, math, os, platform, subprocess, sys, datetime

work, out, label, command_line, count = sys.argv[1:6]
queries = sys.argv[6:6 + int(count)]

systems = {}
for line in open(os.path.join(work, "summary")):
    name, rest = line.split(" ", 1)
    fields = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
    systems[name] = fields
order = list(systems)

def metric(s):
    f = systems[s]
    samples = float(f["samples"]); series = float(f["series"])
    return {
        "ingestion samples/s": float(f["samples_per_second"]),
        "peak RSS (MiB)": float(f["peak_kb"]) / 1024,
        "CPU seconds": float(f["cpu_s"]),
        "CPU seconds per million samples": float(f["cpu_s"]) / samples * 1e6,
        "on-disk bytes/sample": float(f["disk_bytes"]) / samples,
        "memory per active series (bytes)": max(0.0, float(f["rss_after_kb"]) - float(f["rss_before_kb"])) * 1024 / series,
        "restart to ready query API (s)": float(f["restart_s"]),
        # Not a result: how busy the machine was right after the push (1-minute load average), to read the rest by.
        "load average after the push": float(f.get("load", "nan")),
    }

rows = {s: metric(s) for s in order}
for i, q in enumerate(queries):
    for s in order:
        rows[s][f"median latency `{q}` (ms)"] = float(open(os.path.join(work, f"{s}.q{i}.median")).read()) * 1000

def result_map(s, i):
    doc = json.load(open(os.path.join(work, f"{s}.q{i}.json")))
    m = {}
    for r in doc["data"]["result"]:
        key = tuple(sorted((k, v) for k, v in r["metric"].items()))
        m[key] = {int(float(t)): float(v) for t, v in r["values"]}
    return m

def close(a, b):
    if math.isnan(a) and math.isnan(b):
        return True
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))

differences = []
base = order[0]
for i, q in enumerate(queries):
    ref = result_map(base, i)
    for s in order[1:]:
        other = result_map(s, i)
        only_ref = set(ref) - set(other); only_other = set(other) - set(ref)
        if only_ref or only_other:
            differences.append(f"`{q}`: {base} has {len(only_ref)} series {s} lacks, {s} has {len(only_other)} series {base} lacks")
        bad = 0; example = None
        for key in set(ref) & set(other):
            a, b = ref[key], other[key]
            for t in set(a) | set(b):
                if t not in a or t not in b or not close(a[t], b[t]):
                    bad += 1
                    example = example or (dict(key), t, a.get(t), b.get(t))
        if bad:
            differences.append(f"`{q}`: {bad} points differ between {base} and {s}, e.g. {example}")

def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()

mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
first = systems[base]
lines = [f"\n## {label}: {int(first['series'])} series x {int(first['samples']) // int(first['series'])} samples ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC)\n",
         f"Command: `{command_line}`\n",
         f"Machine: {cpu_model()}, {os.cpu_count()} cores, {int(mem) // 1024} MiB RAM, {platform.platform()}; "
         f"{subprocess.run(['dotnet', '--version'], capture_output=True, text=True).stdout.strip() and 'dotnet ' + subprocess.run(['dotnet', '--version'], capture_output=True, text=True).stdout.strip()}\n"]
header = "| measure | " + " | ".join(order) + " | " + " | ".join(f"{base}/{s}" for s in order[1:]) + " |"
lines.append(header)
lines.append("|" + "---|" * (1 + len(order) + len(order) - 1))
for m in rows[base]:
    vals = [rows[s][m] for s in order]
    ratios = [(vals[0] / v if v else float("nan")) for v in vals[1:]]
    lines.append(f"| {m} | " + " | ".join(f"{v:,.2f}" for v in vals) + " | " + " | ".join(f"{r:.2f}" for r in ratios) + " |")
lines.append("")
lines.append("Query results: " + ("identical series and values (1e-9 relative) on all systems." if not differences else "DIFFERENCES:"))
lines += [f"- {d}" for d in differences]
with open(out, "a") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
