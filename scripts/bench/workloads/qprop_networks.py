"""The networks of the Q-Prop workloads (Workloads/QProp.cs) in PyTorch, loaded from the inputs the C# side wrote:
rllab's GaussianMLPPolicy (100-50-25 tanh mean, state-independent log σ) and ContinuousMLPQFunction (100-100 ReLU,
the action joining at the second hidden layer) for HalfCheetah's 17 observations and 6 actions.
"""
import torch
from torch import nn

OBSERVATIONS, ACTIONS = 17, 6
HIDDEN = (100, 50, 25)
CRITIC_HIDDEN = 100


class GaussianPolicy(nn.Module):
    def __init__(self, t):
        super().__init__()
        layers, width = [], OBSERVATIONS
        for h in HIDDEN:
            layers += [nn.Linear(width, h), nn.Tanh()]
            width = h
        self.mean = nn.Sequential(*layers, nn.Linear(width, ACTIONS))
        self.log_std = nn.Parameter(t["policy.log_std"].clone())
        linears = [m for m in self.mean if isinstance(m, nn.Linear)]
        names = [f"linear{i}" for i in range(len(HIDDEN))] + ["output"]
        with torch.no_grad():
            for name, layer in zip(names, linears):
                layer.weight.copy_(t[f"policy.mean.{name}.weight"])
                layer.bias.copy_(t[f"policy.mean.{name}.bias"])

    def forward(self, observations):
        return self.mean(observations)


class QFunction(nn.Module):
    def __init__(self, flat):
        super().__init__()
        self.l0 = nn.Linear(OBSERVATIONS, CRITIC_HIDDEN)
        self.l1 = nn.Linear(CRITIC_HIDDEN + ACTIONS, CRITIC_HIDDEN)
        self.l2 = nn.Linear(CRITIC_HIDDEN, 1)
        offset = 0
        with torch.no_grad():
            for p in (self.l0.weight, self.l0.bias, self.l1.weight, self.l1.bias, self.l2.weight, self.l2.bias):
                p.copy_(flat[offset:offset + p.numel()].view_as(p))               # the C# side's flat layout, layer by layer
                offset += p.numel()

    def forward(self, observations, actions):
        h = torch.relu(self.l0(observations))
        h = torch.relu(self.l1(torch.cat([h, actions], 1)))
        return self.l2(h).squeeze(1)
