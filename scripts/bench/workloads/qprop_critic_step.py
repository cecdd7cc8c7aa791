"""qprop-critic-step: 50 Q-Prop critic steps (Workloads/QProp.cs) in PyTorch, as a PyTorch user writes a DDPG-style critic.

Per call: one randint draws the 50 minibatches of 64 rows from the replay pool (the C# side's draws: the same
generator, seeded 0), μ_θ(s') for all of them in one policy call; then per step the TD target
y = r + γ(1 − done) Q_w'(s', μ_θ(s')) (γ = 0.99) under no_grad, the mean squared TD error, torch.optim.Adam (lr 1e-3)
and the Polyak average w' ← w' + τ(w − w') (τ = 1e-3, lerp_). The C# side runs the same maths in its fused managed
kernels (float32 GEMMs summed in another order than libtorch's), so the losses agree to float32 rounding, a
difference that training on the noise of the pool amplifies step by step (about 1e-6 relative by step 250, 1e-3 by
step 1000, against the C# side's libtorch path too).
"""
import copy

import torch

from inputs import load
from workloads.qprop_networks import ACTIONS, OBSERVATIONS, GaussianPolicy, QFunction

STEPS, BATCH = 50, 64
GAMMA, TAU, LR = 0.99, 1e-3, 1e-3


def build(folder):
    t = load(folder)
    policy = GaussianPolicy(t)
    q = QFunction(t["critic"])
    target = copy.deepcopy(q)
    optimizer = torch.optim.Adam(q.parameters(), lr=LR)
    replay = t["replay"]
    generator = torch.Generator().manual_seed(0)
    s, a = OBSERVATIONS, ACTIONS

    def step():
        with torch.no_grad():
            rows = replay.index_select(0, torch.randint(replay.shape[0], (STEPS * BATCH,), generator=generator))
            next_actions = policy(rows[:, s + a + 1:2 * s + a + 1])
        total = 0.0
        for i in range(STEPS):
            batch = rows[i * BATCH:(i + 1) * BATCH]
            observations, actions, rewards = batch[:, :s], batch[:, s:s + a], batch[:, s + a]
            next_observations, terminals = batch[:, s + a + 1:2 * s + a + 1], batch[:, 2 * s + a + 1]
            with torch.no_grad():
                y = rewards * 1.0 + (1 - terminals) * target(next_observations, next_actions[i * BATCH:(i + 1) * BATCH]) * GAMMA
            loss = (y - q(observations, actions)).square().mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                for tp, p in zip(target.parameters(), q.parameters()):
                    tp.lerp_(p, TAU)
            total += loss.item()
        return total / STEPS

    return step
