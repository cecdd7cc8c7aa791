"""gcn-epoch: one epoch of GCN on Cora as papers/gcn's training loop runs it (Workloads/Gcn.cs, which calls
Train.TrainEpoch then Train.Evaluate on the validation nodes), op for op: sparse dropout on the stored entries of the
row-normalised features, the sparse products with Â, dropout, cross-entropy on the training nodes plus the L2 term
on the first layer's weight, zero_grad(set_to_none=True), one Adam step; then the no-grad validation pass with its
loss, cross-entropy and accuracy read back. Every draw comes from the default generator in the C# side's order:
the Glorot initialisations of the two weights (then overwritten with the prepared ones), the sparse-dropout uniforms,
the dense dropout mask.
"""
import torch
import torch.nn.functional as F

from inputs import load

HIDDEN, DROPOUT, WEIGHT_DECAY, LEARNING_RATE = 16, 0.5, 5e-4, 0.01  # GcnConfig's §5.2 defaults


def sparse(t, name):
    return torch.sparse_coo_tensor(t[f"{name}.indices"], t[f"{name}.values"], t[f"{name}.shape"].tolist()).coalesce()


def build(folder):
    t = load(folder)
    features, adjacency = sparse(t, "features"), sparse(t, "adjacency")        # [N, F], [N, N]
    labels, train, validation = t["labels"], t["train"], t["validation"]
    classes = t["layer2.weight_0"].shape[1]
    weights = []
    for name, shape in (("layer1.weight_0", (features.shape[1], HIDDEN)), ("layer2.weight_0", (HIDDEN, classes))):
        w = torch.nn.Parameter(torch.empty(shape))
        torch.nn.init.xavier_uniform_(w)                                         # the draws the C# model makes
        with torch.no_grad():
            w.copy_(t[name])
        weights.append(w)
    w1, w2 = weights
    optimizer = torch.optim.Adam(weights, lr=LEARNING_RATE)
    keep = 1 - DROPOUT

    def layer(h, w):
        y = (torch.sparse.mm(h, w) if h.is_sparse else h.matmul(w)).split(w.shape[1], 1)
        return torch.sparse.mm(adjacency, y[0])

    def forward(training):
        x = features
        if training:
            values = x._values()
            mask = (torch.rand_like(values) + keep).floor()
            x = torch.sparse_coo_tensor(x._indices(), values * mask / keep, x.shape)._coalesced_(True)
        h = layer(x, w1).relu()
        h = F.dropout(h, DROPOUT, training)
        return layer(h, w2)

    def cross_entropy(logits, nodes):
        return F.cross_entropy(logits.index_select(0, nodes), labels.index_select(0, nodes))

    def l2():
        return w1.square().sum() * (WEIGHT_DECAY / 2)

    def accuracy(logits, nodes):
        predicted = logits.index_select(0, nodes).argmax(1)
        return predicted.eq(labels.index_select(0, nodes)).to(torch.float64).mean().item()

    def step():
        optimizer.zero_grad(set_to_none=True)
        logits = forward(True)
        loss = cross_entropy(logits, train) + l2()
        loss.backward()
        optimizer.step()
        result = loss.item()
        accuracy(logits, train)
        with torch.no_grad():
            logits = forward(False)
            ce = cross_entropy(logits, validation)
            (ce + l2()).item(), ce.item(), accuracy(logits, validation)
        return result

    return step
