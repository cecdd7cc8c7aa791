"""tiny-op: 1000 additions of two one-element float tensors, each result freed (Workloads/TinyOp.cs)."""
from inputs import load


def build(folder):
    t = load(folder)
    a, b = t["a"], t["b"]

    def step():
        for _ in range(999):
            a.add(b)
        return a.add(b).item()

    return step
