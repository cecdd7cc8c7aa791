"""mlp: MLP 784-256-10 on a batch of 64, cross-entropy, one Adam step at lr 1e-3 (Workloads/Mlp.cs)."""
import torch
import torch.nn.functional as F

from inputs import load


def build(folder):
    t = load(folder)
    l1, l2 = torch.nn.Linear(784, 256), torch.nn.Linear(256, 10)
    with torch.no_grad():
        for name, layer in (("l1", l1), ("l2", l2)):
            layer.weight.copy_(t[f"{name}.weight"])
            layer.bias.copy_(t[f"{name}.bias"])
    x, y = t["x"], t["y"]
    optimizer = torch.optim.Adam([*l1.parameters(), *l2.parameters()], lr=1e-3)

    def step():
        optimizer.zero_grad(set_to_none=True)  # as Papers.Torch's zero_grad does
        loss = F.cross_entropy(l2(F.relu(l1(x))), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    return step
