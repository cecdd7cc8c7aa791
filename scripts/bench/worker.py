"""The PyTorch side of one benchmark process: loads a workload's inputs, runs --warmup untimed steps and --steps timed
ones, and prints one JSON line with the milliseconds of each timed step and the first losses, as the C# side
(tests/Papers.Torch.Benchmarks, 'run') does.

Usage: /usr/bin/python3 scripts/bench/worker.py <workload> <inputs folder> --threads N --warmup W --steps S [--seed K]

Like Papers.Torch, it caps OpenBLAS's own thread pool at --threads (torch.set_num_threads does not reach it) and,
on a CPU with AVX2 and FMA, pins OpenBLAS, ATen and oneDNN to their AVX2 kernels before torch loads
(shared/Papers.Torch/CpuKernels.cs), so both sides run the same kernels.
"""
import argparse
import importlib
import json
import os
import sys
import time

PINS = {"OPENBLAS_CORETYPE": "Haswell", "ATEN_CPU_CAPABILITY": "avx2", "DNNL_MAX_CPU_ISA": "AVX2"}


def cpu_flags():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    return set()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload")
    parser.add_argument("inputs")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    if {"avx2", "fma"} <= cpu_flags():
        for name, value in PINS.items():
            os.environ.setdefault(name, value)
    import torch  # after the environment: OpenBLAS and oneDNN read it when they load

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    step = importlib.import_module("workloads." + args.workload.replace("-", "_")).build(args.inputs)
    losses = [step() for _ in range(args.warmup)]
    ms = []
    for _ in range(args.steps):
        start = time.perf_counter()
        losses.append(step())
        ms.append((time.perf_counter() - start) * 1e3)
    kernels = f"ATen {os.environ.get('ATEN_CPU_CAPABILITY', 'widest')}, oneDNN {os.environ.get('DNNL_MAX_CPU_ISA', 'widest')}"
    print(json.dumps({"workload": args.workload, "side": "PyTorch", "threads": args.threads, "warmup": args.warmup,
                      "steps": args.steps, "ms": ms, "losses": losses[:5], "torch": torch.__version__, "kernels": kernels}))


if __name__ == "__main__":
    main()
