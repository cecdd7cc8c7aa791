"""meta-lstm-episode: one meta-training episode of the LSTM meta-learner at Mini-ImageNet's sizes, 5-way 1-shot
(Workloads/MetaLstmEpisode.cs, which runs papers/meta-lstm's MetaTraining.Episode).

As the C# side: an episode drawn from the synthetic image set with a generator seeded 1 (EpisodeSampler: randperm of
the classes, then of each class's images, the first shot of each the support set, shuffled by one more randperm);
12 inner steps of batch 5, each the learner's loss and gradient at θ_{t−1} (a detached leaf, no second derivatives)
fed preprocessed into the coordinate-wise LSTM (Learner.cs, MetaLearner.cs); the query loss at θ_T, its backward,
the meta-gradient clipped to norm 0.25 and one Adam step at lr 1e-3. The meta-learner's parameters, c_0 among them,
are loaded from the inputs. Every random draw comes from that explicit generator, so the losses match exactly.
"""
import math

import torch
import torch.nn.functional as F

from inputs import load

CLASSES, IMAGES_PER_CLASS, WAYS, SHOTS, QUERIES = 10, 20, 5, 1, 15
CHANNELS, SIDE, FILTERS, BLOCKS, BN_EPS = 3, 84, 32, 4, 1e-3
PASSES, BATCH, HIDDEN, P = 12, 5, 20, 10.0
LR, MAX_GRAD_NORM = 1e-3, 0.25
PARAMETERS = ["wIh", "wHh", "b", "wF", "wI", "bF", "bI", "c0"]   # MetaLearner's registration order


def layout():
    """The learner's pieces of θ in order (Learner.cs)."""
    pieces, inputs, size = [], CHANNELS, SIDE
    for b in range(BLOCKS):
        pieces += [(f"conv{b}.weight", (FILTERS, inputs, 3, 3)), (f"conv{b}.bias", (FILTERS,)),
                   (f"bn{b}.weight", (FILTERS,)), (f"bn{b}.bias", (FILTERS,))]
        inputs, size = FILTERS, size // 2
    features = FILTERS * size * size
    return pieces + [("linear.weight", (WAYS, features)), ("linear.bias", (WAYS,))]


LAYOUT = layout()


def unflatten(theta):
    w, offset = {}, 0
    for name, shape in LAYOUT:
        n = math.prod(shape)
        w[name] = theta.narrow(0, offset, n).view(shape)
        offset += n
    return w


def forward(theta, x):
    w, h = unflatten(theta), x
    for b in range(BLOCKS):
        h = F.conv2d(h, w[f"conv{b}.weight"], w[f"conv{b}.bias"], padding=[1, 1])
        h = F.batch_norm(h, None, None, w[f"bn{b}.weight"], w[f"bn{b}.bias"], training=True, eps=BN_EPS)
        h = F.max_pool2d(h.relu(), [2, 2])
    return F.linear(h.flatten(1), w["linear.weight"], w["linear.bias"])


def loss_and_gradient(theta, x, y):
    with torch.enable_grad():
        leaf = theta.detach().requires_grad_()
        loss = F.cross_entropy(forward(leaf, x), y)
        gradient = torch.autograd.grad([loss], [leaf])[0]
    return loss.detach(), gradient


def preprocess(x):
    magnitude = x.abs()
    large = magnitude.gt(math.exp(-P))
    first = torch.where(large, magnitude.clamp_min(math.exp(-P)).log() / P, torch.full_like(x, -1.0))
    second = torch.where(large, x.sign(), x * math.exp(P))
    return torch.stack([first, second], 1)


def meta_step(m, state, loss, gradient):
    h, c, forget_gate, input_gate, theta = state
    p = theta.shape[0]
    x = torch.cat([preprocess(loss.reshape([1])).expand([p, 2]), preprocess(gradient)], 1)
    h, c = torch.lstm_cell(x, (h, c), m["wIh"], m["wHh"], m["b"], None)
    column = theta.unsqueeze(1)
    f = torch.cat([h, column, forget_gate], 1).matmul(m["wF"]) + m["bF"]
    i = torch.cat([h, column, input_gate], 1).matmul(m["wI"]) + m["bI"]
    forget, inp = f.sigmoid(), i.sigmoid()
    following = forget * column - inp * gradient.unsqueeze(1)
    return h, c, f, i, following.squeeze(1)


def draw(n, k, generator):
    return torch.randperm(n, generator=generator)[:k].tolist()


def episode(pixels, generator):
    classes = draw(CLASSES, WAYS, generator)
    support, query, support_labels, query_labels = [], [], [], []
    for label, c in enumerate(classes):
        picked = [c * IMAGES_PER_CLASS + i for i in draw(IMAGES_PER_CLASS, SHOTS + QUERIES, generator)]
        support += picked[:SHOTS]
        support_labels += [label] * SHOTS
        query += picked[SHOTS:]
        query_labels += [label] * QUERIES
    order = draw(len(support), len(support), generator)
    images = lambda rows: pixels[torch.tensor(rows)].to(torch.float32) / 255.0
    return (images([support[i] for i in order]), torch.tensor([support_labels[i] for i in order]),
            images(query), torch.tensor(query_labels))


def build(folder):
    t = load(folder)
    m = {name: t[f"meta.{name}"].clone().requires_grad_() for name in PARAMETERS}
    params = [m[name] for name in PARAMETERS]
    pixels = t["pixels"]
    optimizer = torch.optim.Adam(params, lr=LR)
    order = torch.Generator().manual_seed(1)   # MetaTraining's _order: seed + 1

    def step():
        support, support_labels, query, query_labels = episode(pixels, order)
        p = m["c0"].shape[0]
        state = (torch.zeros([p, HIDDEN]), torch.zeros([p, HIDDEN]), torch.zeros([p, 1]), torch.zeros([p, 1]), m["c0"])
        n = support.shape[0]
        for _ in range(PASSES):
            for first in range(0, n, BATCH):
                size = min(BATCH, n - first)
                x, y = support.narrow(0, first, size), support_labels.narrow(0, first, size)
                loss, gradient = loss_and_gradient(state[4], x, y)
                state = meta_step(m, state, loss, gradient / size)
        loss = F.cross_entropy(forward(state[4], query), query_labels)
        optimizer.zero_grad(set_to_none=True)   # as Papers.Torch's zero_grad
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, MAX_GRAD_NORM)
        optimizer.step()
        return loss.item()

    return step
