"""hnn-gru-step: one training step of the fully hyperbolic GRU of papers/hyperbolic-nn (Workloads/Hnn.cs) in PyTorch.

The same model, loss and update as the C# side, in float64, batched over the 64 pairs with autograd where ours runs
managed kernels with hand-written backward passes one pair at a time: two hyperbolic GRU encoders (Eq. 31-33 with
φ = id) over shared word embeddings on the Poincaré ball (c = 1), the FFNN W₁ ⊗ h₁ ⊕ W₂ ⊗ h₂ ⊕ b ⊕ (d²(h₁, h₂) ⊗ b_d),
the hyperbolic MLR (Theorem 5), mean softmax cross-entropy; then every gradient clipped to norm 1 (TF's
clip_by_norm), TF-style Adam (lr 1e-3) on the Euclidean weights, and RSGD x ← exp_x(−η (1 − c‖x‖²)²/4 ∇) with
η = 0.01 on the biases and MLR points and η = 0.1 on the word rows the batch used. The guards are ours: norms
floored at 1e-15, results projected to norm (1 − 1e-5)/√c, artanh's argument capped at 1 − 1e-15, tanh's at ±15.

Sentences of different lengths share a loop over the longest: a pair's state stops changing after its last word
(torch.where), so its padded steps get no gradient. No random numbers: the inputs hold the initial parameters and
the batch. Sums run in another order than the managed kernels', so the losses agree to rounding, not bit for bit.
"""
import torch
import torch.nn.functional as F

from inputs import load

C = 1.0
SQRT_C = C ** 0.5
MAX_NORM = (1 - 1e-5) / SQRT_C
NORM_FLOOR = 1e-15
ATANH_CAP = 1 - 1e-15
MAX_TANH = 15.0
ADAM_LR, BETA1, BETA2, ADAM_EPS = 1e-3, 0.9, 0.999, 1e-8
WORD_LR, HYPERBOLIC_LR = 0.1, 0.01
CLIP_NORM = 1.0


def norm(x):
    return x.norm(dim=-1, keepdim=True).clamp_min(NORM_FLOOR)


def dot(x, y):
    return (x * y).sum(-1, keepdim=True)


def atanh(x):
    return x.clamp_max(ATANH_CAP).atanh()


def tanh(x):
    return x.clamp(-MAX_TANH, MAX_TANH).tanh()


def project(x):
    return x * (MAX_NORM / norm(x)).clamp_max(1.0)


def lambda_x(x):
    return 2 / (1 - C * dot(x, x))


def mobius_add(u, v):
    uv, uu, vv = dot(u, v), dot(u, u), dot(v, v)
    return project(((1 + 2 * C * uv + C * vv) * u + (1 - C * uu) * v) / (1 + 2 * C * uv + C * C * uu * vv))


def mobius_linear(x, mx):
    """Eq. 27 given x and its Euclidean image mx (M x, or u ⊙ x)."""
    xn, mn = norm(x), norm(mx)
    return project(tanh(mn / xn * atanh(SQRT_C * xn)) / (SQRT_C * mn) * mx)


def mobius_matvec(m, x):
    return mobius_linear(x, x @ m.t())


def mobius_pointwise(u, x):
    return mobius_linear(x, u * x)


def mobius_scalar(r, x):
    n = norm(x)
    return project(tanh(r * atanh(SQRT_C * n)) / (SQRT_C * n) * x)


def log_zero(y):
    n = norm(y)
    return atanh(SQRT_C * n) / (SQRT_C * n) * y


def exp_map(x, v):
    n = norm(v)
    return mobius_add(x, tanh(SQRT_C * lambda_x(x) * n / 2) / (SQRT_C * n) * v)


def distance_squared(x, y):
    d = 2 / SQRT_C * atanh(SQRT_C * norm(mobius_add(-x, y)))
    return d * d


def transform(p, name, h, x):
    """(W ⊗ h ⊕ U ⊗ x) ⊕ b, Eq. 29."""
    return mobius_add(mobius_add(mobius_matvec(p[name + ".W"], h), mobius_matvec(p[name + ".U"], x)), p[name + ".b"])


def gru_step(p, cell, h, x):
    z = torch.sigmoid(log_zero(transform(p, cell + ".z", h, x)))
    r = torch.sigmoid(log_zero(transform(p, cell + ".r", h, x)))
    h_tilde = transform(p, cell + ".h", mobius_pointwise(r, h), x)
    return mobius_add(h, mobius_pointwise(z, mobius_add(-h, h_tilde)))


def encode(p, cell, words, lengths):
    x = F.embedding(words, p["embeddings"])                                      # [B, T, n]
    h = torch.zeros(words.shape[0], x.shape[2], dtype=torch.float64)
    for t in range(words.shape[1]):
        h = torch.where((lengths > t).unsqueeze(1), gru_step(p, cell, h, x[:, t]), h)
    return h


def mlr_logit(p, a, x):
    w = mobius_add(-p, x)
    a_norm = norm(a)
    return (2 / SQRT_C * a_norm * torch.asinh(SQRT_C * dot(w, a) / a_norm * lambda_x(w))).squeeze(1)


def forward(p, batch):
    s1 = encode(p, "rnn1", batch["sentence1"], batch["sentence1.length"])
    s2 = encode(p, "rnn2", batch["sentence2"], batch["sentence2.length"])
    o1 = mobius_add(mobius_matvec(p["W_ff_s1"], s1), mobius_matvec(p["W_ff_s2"], s2))
    o2 = mobius_add(o1, p["b_ff"])
    o = mobius_add(o2, mobius_scalar(distance_squared(s1, s2), p["b_ff_d"]))
    return torch.stack([mlr_logit(p[f"P_mlr{k}"], p[f"A_mlr{k}"], o) for k in range(2)], 1)


def geometry(name):
    if name == "embeddings":
        return "words"
    if name.endswith(".b") or name in ("b_ff", "b_ff_d") or name.startswith("P_mlr"):
        return "hyperbolic"
    return "euclidean"


def rsgd(x, g, lr):
    factor = 1 - C * dot(x, x)
    return exp_map(x, -lr * factor * factor / 4 * g)


class Optimizer:
    """hyp_rnn.py's update: clip each gradient to norm 1, then TF's Adam or RSGD by the parameter's geometry."""

    def __init__(self, params):
        self.params = params
        self.adam = {name: (torch.zeros_like(p), torch.zeros_like(p)) for name, p in params.items() if geometry(name) == "euclidean"}
        self.t = 0

    @torch.no_grad()
    def step(self):
        self.t += 1
        lr_t = ADAM_LR * (1 - BETA2 ** self.t) ** 0.5 / (1 - BETA1 ** self.t)
        for name, p in self.params.items():
            g = p.grad
            n = g.norm().item()
            if n > CLIP_NORM:
                g.mul_(CLIP_NORM / n)
            kind = geometry(name)
            if kind == "euclidean":
                m, v = self.adam[name]
                m.mul_(BETA1).add_(g, alpha=1 - BETA1)
                v.mul_(BETA2).add_(g * g, alpha=1 - BETA2)
                p.sub_(lr_t * m / (v.sqrt() + ADAM_EPS))
            elif kind == "hyperbolic":
                p.copy_(rsgd(p, g, HYPERBOLIC_LR))
            else:
                rows = g.ne(0).any(1)                                            # the words the batch used
                p[rows] = rsgd(p[rows], g[rows], WORD_LR)
            p.grad = None


def build(folder):
    t = load(folder)
    batch = {k: t.pop(k) for k in ("sentence1", "sentence1.length", "sentence2", "sentence2.length", "label")}
    params = {name: value.requires_grad_() for name, value in t.items()}
    optimizer = Optimizer(params)

    def step():
        loss = F.cross_entropy(forward(params, batch), batch["label"])
        loss.backward()
        optimizer.step()
        return loss.item()

    return step
