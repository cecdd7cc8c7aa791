"""qprop-policy-step: one TR-c-Q-Prop policy update (Workloads/QProp.cs) in PyTorch, op for op as the C# side.

On the fixed batch: μ_θ(s), ∇ₐQ_w(s, a) at a = μ_θ(s) by autograd, the control variate Ā = ∇ₐQ·(a − μ), the
conservative η = 1 where Â·Ā > 0, the signal Â − ηĀ centred to (x − mean)/(std + 1e-8) in float64; then TRPO's step
on the surrogate −mean(ratio·signal) − mean(η·Q_w(s, μ_θ(s))): the gradient, conjugate gradient (10 iterations,
residual tolerance 1e-10) on Fisher-vector products by double backward through the mean KL with 1e-5 damping, the
step √(2δ / xᵀHx)·x with δ = 0.01, and backtracking by 0.8 up to 15 times until the loss falls and KL ≤ δ. Returns
the surrogate after the step. No random numbers. Only the float64 mean and std of the centring sum in another order
than the C# side's, which can move a float32 signal by an ulp.
"""
import math

import torch

from inputs import load
from workloads.qprop_networks import GaussianPolicy, QFunction

MAX_KL = 0.01
CG_ITERATIONS, CG_TOLERANCE, DAMPING = 10, 1e-10, 1e-5
BACKTRACK_RATIO, MAX_BACKTRACKS = 0.8, 15


def log_likelihood(actions, mean, log_std):
    z = (actions - mean) / log_std.exp()
    return (z.square().sum(1) * -0.5) - log_std.sum() - 0.5 * actions.shape[1] * math.log(2 * math.pi)


def kl(old_mean, old_log_std, new_mean, new_log_std):
    old_std, new_std = old_log_std.exp(), new_log_std.exp()
    numerator = (old_mean - new_mean).square() + old_std.square() - new_std.square()
    denominator = new_std.square() * 2 + 1e-8
    return (numerator / denominator + new_log_std - old_log_std).sum(1)


def flat(tensors):
    return torch.cat([t.reshape(-1) for t in tensors])


def set_flat(params, vector):
    offset = 0
    with torch.no_grad():
        for p in params:
            p.copy_(vector[offset:offset + p.numel()].view(p.shape))
            offset += p.numel()


def conjugate_gradient(product, b):
    p, r, x = b.clone(), b.clone(), torch.zeros_like(b)
    rr = r.dot(r).item()
    for _ in range(CG_ITERATIONS):
        z = product(p)
        alpha = rr / p.dot(z).item()
        x.add_(p, alpha=alpha)
        r.sub_(z, alpha=alpha)
        rr_new = r.dot(r).item()
        p.mul_(rr_new / rr).add_(r)
        rr = rr_new
        if rr < CG_TOLERANCE:
            break
    return x


def trust_region_step(params, loss_fn, kl_fn):
    loss_before = loss_fn()
    g = flat(torch.autograd.grad(loss_before, params))
    kl_grad = flat(torch.autograd.grad(kl_fn(), params, create_graph=True))

    def hvp(v):
        return flat(torch.autograd.grad(kl_grad.dot(v), params, retain_graph=True)).add_(v, alpha=DAMPING)

    direction = conjugate_gradient(hvp, g)
    ratio = 2 * MAX_KL / (direction.dot(hvp(direction)).item() + 1e-8)
    initial = math.sqrt(ratio) if ratio >= 0 else 1.0                             # NaN or negative curvature: 1
    previous = flat([p.detach() for p in params])
    before = loss_before.item()
    loss_after = kl_after = math.nan
    with torch.no_grad():
        for n in range(MAX_BACKTRACKS):
            set_flat(params, previous - direction * (initial * BACKTRACK_RATIO ** n))
            loss_after, kl_after = loss_fn().item(), kl_fn().item()
            if loss_after < before and kl_after <= MAX_KL:
                break
        if math.isnan(loss_after) or math.isnan(kl_after) or loss_after >= before or kl_after >= MAX_KL:
            set_flat(params, previous)
            loss_after, kl_after = before, 0.0
    return loss_after, kl_after


def build(folder):
    t = load(folder)
    policy = GaussianPolicy(t)
    q = QFunction(t["critic"])
    observations, actions, advantages = t["observations"], t["actions"], t["advantages"]
    params = list(policy.parameters())                                           # log σ first, then the layers, as the C# side

    def step():
        with torch.no_grad():
            mean = policy(observations)
        at_mean = mean.detach().requires_grad_()
        gradient = torch.autograd.grad(q(observations, at_mean).sum(), at_mean)[0]
        control_variate = ((actions - mean) * gradient).sum(1).double()
        eta = (advantages * control_variate > 0).double()
        signal = advantages - eta * control_variate
        centre = signal.mean()
        signal = (signal - centre) / (((signal - centre) * (signal - centre)).mean().sqrt() + 1e-8)
        signal, eta = signal.float(), eta.float()

        with torch.no_grad():
            old_mean = policy(observations)
            old_log_std = policy.log_std.detach().clone()
            old_log_likelihood = log_likelihood(actions, old_mean, old_log_std)

        def loss():
            mean = policy(observations)
            ratio = (log_likelihood(actions, mean, policy.log_std) - old_log_likelihood).exp()
            return -(ratio * signal).mean() - (q(observations, mean) * eta).mean()

        def mean_kl():
            return kl(old_mean, old_log_std, policy(observations), policy.log_std).mean()

        return trust_region_step(params, loss, mean_kl)[0]

    return step
