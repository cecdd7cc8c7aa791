"""dirt-t-iteration: one VADA training iteration of DIRT-T's small network, 64 source + 64 target images 32×32×3
(Workloads/DirtTIteration.cs, which runs papers/dirt-t's Session.Step with the config's defaults).

As the C# side (Model.cs, Losses.cs, Ema.cs, Train.cs): the discriminator's Adam step on L_d over a fresh pair of
batches encoded without gradients, then the classifier's loss L_y + λ_d L_d (label-flipped) + λ_s VAT(source) +
λ_t (L_c + VAT(target)), one Adam step (lr 1e-3, β₁ 0.5) and the EMA update (decay 0.998). Batches are drawn with a
generator seeded 0 (randperm, the first 64); dropout, the Gaussian noise layers and VAT's random directions draw from
the default generator, which both sides seed alike and use in the same order, so the losses match exactly. The
weights are loaded from the inputs; the batch-norm running statistics are tracked on the target passes, as there.
"""
import torch
import torch.nn.functional as F

from inputs import load

BATCH, TRIM, LAYERS, CHANNELS = 64, 5, 18, 64
LEAKY, DROPOUT, NOISE, BN_EPS, BN_MOMENTUM = 0.1, 0.5, 1.0, 1e-3, 0.99
RADIUS, XI, DOMAIN_WEIGHT, SOURCE_WEIGHT, TARGET_WEIGHT = 3.5, 1e-6, 1e-2, 1.0, 1e-2
LR, BETA1, EMA_DECAY = 1e-3, 0.5, 0.998
TRAIN, TRACK = (True, False), (True, True)   # Phase: (training, track statistics)


class SmallNetwork:
    """small.py without instance norm: layers 0 … 17, the first LAYERS − TRIM the encoder."""

    def __init__(self, parameters):
        self.p = parameters
        self.stats = {name[:-len(".gamma")]: (torch.zeros(p.shape[0]), torch.ones(p.shape[0]))
                      for name, p in parameters.items() if name.endswith(".gamma")}
        conv = lambda i: lambda x, phase: F.leaky_relu(self.bn(f"l{i}_bn", F.conv2d(x, self.p[f"l{i}_conv.weight"], self.p[f"l{i}_conv.bias"], 1, 1), phase), LEAKY)
        pool = lambda x, phase: F.max_pool2d(x, [2])
        dropout = lambda x, phase: F.dropout(x, DROPOUT, phase[0])
        noise = lambda x, phase: x + torch.randn_like(x) * NOISE if phase[0] else x
        dense = lambda x, phase: self.bn("l17_bn", F.linear(x, self.p["l17_dense.weight"], self.p["l17_dense.bias"]), phase)
        self.layers = [lambda x, phase: x, conv(1), conv(2), conv(3), pool, dropout, noise, conv(7), conv(8), conv(9), pool,
                       dropout, noise, conv(13), conv(14), conv(15), lambda x, phase: x.mean([2, 3]), dense]

    def bn(self, name, x, phase):
        gamma, beta = self.p[f"{name}.gamma"], self.p[f"{name}.beta"]
        if phase[1]:
            with torch.no_grad():
                dims = [d for d in range(x.dim()) if d != 1]
                mean, variance = self.stats[name]
                mean.mul_(BN_MOMENTUM).add_(x.mean(dims), alpha=1 - BN_MOMENTUM)
                variance.mul_(BN_MOMENTUM).add_(x.var(dims, unbiased=False), alpha=1 - BN_MOMENTUM)
        return F.batch_norm(x, None, None, gamma, beta, training=True, eps=BN_EPS)

    def run(self, x, phase, start, end):
        for layer in self.layers[start:end]:
            x = layer(x, phase)
        return x

    def encode(self, x, phase):
        return self.run(x, phase, 0, LAYERS - TRIM)

    def classify(self, h, phase):
        return self.run(h, phase, LAYERS - TRIM, LAYERS)


def discriminator(p, h):
    return F.linear(F.relu(F.linear(h.flatten(1), p["hidden.weight"], p["hidden.bias"])), p["output.weight"], p["output.bias"]).squeeze(1)


def bce(logits, label):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, label))


def normalize(d):
    return d * (d * d).sum(list(range(1, d.dim())), keepdim=True).clamp_min(1e-12).rsqrt()


def kl(p, q):
    log_p = p.log_softmax(1)
    return (log_p.exp() * (log_p - q.log_softmax(1))).sum(1)


def vat(classifier, x, logits):
    d = (normalize(torch.randn_like(x)) * XI).detach().requires_grad_(True)
    divergence = kl(logits.detach(), classifier(x + d)).sum()
    gradient = torch.autograd.grad([divergence], [d])[0]
    r = (normalize(gradient) * RADIUS).detach()
    return kl(logits.detach(), classifier((x + r).detach())).mean()


def conditional_entropy(logits):
    return (-(logits.softmax(1) * logits.log_softmax(1)).sum(1)).mean()


def parameters(t, prefix):
    return {name[len(prefix):]: t[name].clone().requires_grad_() for name in t if name.startswith(prefix)}


def build(folder):
    t = load(folder)
    model_p, disc_p = parameters(t, "model."), parameters(t, "discriminator.")
    net = SmallNetwork(model_p)
    shadows = [(p, p.detach().clone()) for p in model_p.values()]
    optimizer = torch.optim.Adam(model_p.values(), lr=LR, betas=(BETA1, 0.999))
    disc_optimizer = torch.optim.Adam(disc_p.values(), lr=LR, betas=(BETA1, 0.999))
    order = torch.Generator().manual_seed(0)   # the session's batch order
    domains = {name: (t[f"{name}.images"], t[f"{name}.labels"]) for name in ("source", "target")}

    def sample(name):
        return torch.randperm(domains[name][1].shape[0], generator=order).narrow(0, 0, BATCH)

    def batch(name, rows):
        picked = domains[name][0].index_select(0, rows)
        return ((picked.to(torch.float32) / 255.0) * 2 - 1).expand(-1, 3, -1, -1).contiguous()

    def classifier(x):
        return net.classify(net.encode(x, TRAIN), TRAIN)

    def step():
        with torch.no_grad():
            hs = net.encode(batch("source", sample("source")), TRAIN)
            ht = net.encode(batch("target", sample("target")), TRACK)
        disc_optimizer.zero_grad(set_to_none=True)
        ((bce(discriminator(disc_p, hs), 1.0) + bce(discriminator(disc_p, ht), 0.0)) * 0.5).backward()
        disc_optimizer.step()

        rows = sample("source")
        xs = batch("source", rows)
        ys = domains["source"][1].index_select(0, rows)
        xt = batch("target", sample("target"))
        hs, ht = net.encode(xs, TRAIN), net.encode(xt, TRACK)
        ps, pt = net.classify(hs, TRAIN), net.classify(ht, TRACK)
        loss = F.cross_entropy(ps, ys)
        loss = loss + (bce(discriminator(disc_p, hs), 0.0) + bce(discriminator(disc_p, ht), 1.0)) * 0.5 * DOMAIN_WEIGHT
        loss = loss + vat(classifier, xs, ps) * SOURCE_WEIGHT
        loss = loss + (conditional_entropy(pt) + vat(classifier, xt, pt)) * TARGET_WEIGHT
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for p, shadow in shadows:
                shadow.mul_(EMA_DECAY).add_(p, alpha=1 - EMA_DECAY)
        return loss.item()

    return step
