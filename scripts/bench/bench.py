"""Times each workload from C# (tests/Papers.Torch.Benchmarks) and from PyTorch (scripts/bench/workloads), one
process after the other, taking turns between sides and thread counts (1 and 2) in every repetition; writes
results/benchmarks/benchmarks.csv and the table in results/benchmarks/README.md.

Each process runs the workload's untimed warm-up steps, then its timed steps, and reports their median; a cell is the
median over --repetitions processes of each side, with the lowest and highest beside it. Both sides load the same
inputs (the C# side's 'prepare' writes them), and the losses of their first steps are compared: the largest
relative difference goes into the table, so a reference that does not compute what ours does shows.
"""
import argparse
import csv
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CSHARP = os.path.join(ROOT, "tests/Papers.Torch.Benchmarks/bin/Release/net10.0/Papers.Torch.Benchmarks")
WORKER = os.path.join(ROOT, "scripts/bench/worker.py")
COLUMNS = ["workload", "description", "unit", "threads", "csharp_ms", "csharp_min_ms", "csharp_max_ms", "pytorch_ms",
           "pytorch_min_ms", "pytorch_max_ms", "ratio", "target_ratio", "loss_rel_diff", "repetitions", "warmup", "steps", "commit",
           "kernels", "cpu", "date"]


def run_json(command):
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def commit():
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=ROOT).returncode != 0
    return head + ("-dirty" if dirty else "")


def rel_diff(a, b):
    return max((abs(x - y) / max(abs(x), abs(y), 1e-12) for x, y in zip(a, b)), default=float("nan"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default="/usr/bin/python3", help="the interpreter with torch (Debian's python3-torch)")
    parser.add_argument("--workloads", help="comma-separated names (default: all; 'list' prints them)")
    parser.add_argument("--threads", default="1,2", help="thread counts (default 1,2)")
    parser.add_argument("--repetitions", type=int, default=5, help="processes per side and thread count (default 5)")
    parser.add_argument("--steps-scale", type=float, default=1.0, help="scale every workload's timed steps (a quick look: 0.1)")
    parser.add_argument("--out", default=os.path.join(ROOT, "results/benchmarks"), help="where benchmarks.csv and README.md go")
    parser.add_argument("--inputs", default=os.path.join(ROOT, "artifacts/bench"), help="where the prepared inputs go")
    args = parser.parse_args()

    listed = [json.loads(line) for line in subprocess.run([CSHARP, "list"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()]
    workloads = {w["name"]: w for w in listed}
    if args.workloads == "list":
        for w in listed:
            print(f"{w['name']:<16} {w['description']} (per {w['unit']})")
        return
    names = args.workloads.split(",") if args.workloads else list(workloads)
    unknown = [n for n in names if n not in workloads]
    if unknown:
        raise SystemExit(f"unknown workloads {unknown}; there are: {', '.join(workloads)}")
    missing = [n for n in names if not os.path.exists(os.path.join(ROOT, "scripts/bench/workloads", n.replace("-", "_") + ".py"))]
    if missing:
        raise SystemExit(f"workloads without a PyTorch twin in scripts/bench/workloads: {missing}")

    rows, head, cpu = [], commit(), cpu_model()
    for name in names:
        w = workloads[name]
        folder = os.path.join(args.inputs, name)
        subprocess.run([CSHARP, "prepare", name, folder], cwd=ROOT, check=True, capture_output=True)
        steps = max(3, round(w["steps"] * args.steps_scale))
        counts = [int(t) for t in args.threads.split(",")]
        medians = {(t, side): [] for t in counts for side in ("C#", "PyTorch")}
        losses, kernels = {}, ""
        # Thread counts and sides take turns in every repetition (each starting the round in turn), so a drift in the
        # machine's speed reaches 1 and 2 threads, ours and PyTorch's, alike.
        for rep in range(args.repetitions):
            for threads in counts[rep % len(counts):] + counts[:rep % len(counts)]:
                flags = ["--threads", str(threads), "--warmup", str(w["warmup"]), "--steps", str(steps)]
                sides = {"C#": [CSHARP, "run", name, folder, *flags], "PyTorch": [args.python, WORKER, name, folder, *flags]}
                for side in (("C#", "PyTorch") if rep % 2 == 0 else ("PyTorch", "C#")):
                    result = run_json(sides[side])
                    medians[threads, side].append(statistics.median(result["ms"]))
                    losses[threads, side] = result["losses"]
                    if side == "C#":
                        kernels = result["kernels"]
        for threads in counts:
            ours, theirs = medians[threads, "C#"], medians[threads, "PyTorch"]
            cs, py = statistics.median(ours), statistics.median(theirs)
            row = {"workload": name, "description": w["description"], "unit": w["unit"], "threads": threads,
                   "csharp_ms": f"{cs:.4g}", "csharp_min_ms": f"{min(ours):.4g}", "csharp_max_ms": f"{max(ours):.4g}",
                   "pytorch_ms": f"{py:.4g}", "pytorch_min_ms": f"{min(theirs):.4g}", "pytorch_max_ms": f"{max(theirs):.4g}",
                   "ratio": f"{cs / py:.3f}", "target_ratio": "" if w["target_ratio"] is None else w["target_ratio"],
                   "loss_rel_diff": f"{rel_diff(losses[threads, 'C#'], losses[threads, 'PyTorch']):.2g}",
                   "repetitions": args.repetitions, "warmup": w["warmup"], "steps": steps, "commit": head, "kernels": kernels,
                   "cpu": cpu, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
            rows.append(row)
            print(f"{name:<16} {threads} thread{'s' if threads > 1 else ' '}  C# {row['csharp_ms']:>8} ms  PyTorch {row['pytorch_ms']:>8} ms"
                  f"  ratio {row['ratio']}  loss difference {row['loss_rel_diff']}", flush=True)
    write(args.out, rows)


def write(out, rows):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "benchmarks.csv")
    kept = []
    if os.path.exists(path):  # rows of workloads or thread counts this run did not measure stay
        measured = {(r["workload"], str(r["threads"])) for r in rows}
        with open(path, newline="") as f:
            kept = [r for r in csv.DictReader(f) if (r["workload"], r["threads"]) not in measured]
    merged = sorted(kept + rows, key=lambda r: (r["workload"], int(r["threads"])))
    def fill_csv(f):
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(merged)

    atomic_write(path, fill_csv)
    readme = os.path.join(out, "README.md")
    atomic_write(readme, lambda f: f.write(table(merged)))
    print(f"wrote {path} and {readme}")


def table(rows):
    """results/benchmarks/README.md: the table of benchmarks.csv, with where each run came from."""
    lines = ["# Benchmarks: ours beside PyTorch 1.13 on the same libtorch", "",
             "Written by `scripts/bench/run` from `benchmarks.csv`; do not edit. Milliseconds per unit: the median over",
             "the processes of each side of each process's median step (lowest and highest process in brackets). The",
             "ratio is ours over PyTorch's; the target is the ratio to reach. The loss difference is the largest relative",
             "difference of the two sides' first losses from the same inputs and seed.", "",
             "| workload | unit | threads | ours (ms) | PyTorch (ms) | ratio | target | loss difference |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        target = r.get("target_ratio") or ""
        met = "" if target in ("", None) else (" ✓" if float(r["ratio"]) <= float(target) else " ✗")
        lines.append(f"| {r['workload']} ({r['description']}) | {r['unit']} | {r['threads']} | {r['csharp_ms']} "
                     f"[{r['csharp_min_ms']}–{r['csharp_max_ms']}] | {r['pytorch_ms']} [{r['pytorch_min_ms']}–{r['pytorch_max_ms']}] | "
                     f"{r['ratio']} | {target}{met} | {r['loss_rel_diff']} |")
    runs = sorted({(r["commit"], r["cpu"], r["kernels"], r["repetitions"]) for r in rows})
    lines += ["", "Runs: " + "; ".join(f"commit {c}, {cpu}, kernels {k}, {n} processes per side" for c, cpu, k, n in runs) + ".", ""]
    return "\n".join(lines)


def atomic_write(path, fill):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        fill(f)
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
