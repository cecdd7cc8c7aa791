"""prodlda-epoch: one epoch of ProdLDA on 20 Newsgroups as papers/prodlda's training loop runs it (Workloads/ProdLda.cs,
which calls Train.Epoch), op for op: floor(D / 200) minibatches, each with its rows drawn with replacement and its own
ε ~ N(0, I), the encoder (Linear-softplus twice, dropout, batch-normed μ and log σ² with a learned shift), z = μ + σ ε,
θ = dropout(softmax(z)), the batch-normed product-of-experts decoder, the mean −ELBO against the Laplace prior,
zero_grad(set_to_none=True) and one Adam step (lr 0.002, β₁ 0.99); returns the mean −ELBO of the epoch. Every draw
comes from the default generator in the C# side's order: the initialisation of each layer (nn.Linear's own, then
Glorot; then overwritten with the prepared parameters), then per minibatch the rows, ε and the two dropout masks.
"""
import torch
import torch.nn.functional as F

from inputs import load

HIDDEN, KEEP, BATCH, LEARNING_RATE, BETA1 = 100, 0.4, 200, 0.002, 0.99  # ProdLdaConfig's defaults (run.py)
BATCH_NORM_EPSILON, RECONSTRUCTION_FLOOR = 1e-3, 1e-10                  # Avitm's constants


def glorot(inputs, outputs):
    layer = torch.nn.Linear(inputs, outputs)
    torch.nn.init.xavier_uniform_(layer.weight)
    torch.nn.init.zeros_(layer.bias)
    return layer


def batch_norm(h, shift):
    mean = h.mean(0, keepdim=True)
    variance = h.var(0, unbiased=False, keepdim=True)
    return (h - mean) / (variance + BATCH_NORM_EPSILON).sqrt() + shift


def build(folder):
    t = load(folder)
    documents = torch.sparse_coo_tensor(t["documents.indices"], t["documents.values"], t["documents.shape"].tolist()).to_dense()  # [D, V]
    prior_mean, prior_variance = t["prior.mean"], t["prior.variance"]                                                        # [1, K]
    count, vocabulary = documents.shape
    topics = prior_mean.shape[1]
    dropout = 1 - KEEP

    # Avitm's constructor, in its order of draws.
    layers = {"layer1": glorot(vocabulary, HIDDEN), "layer2": glorot(HIDDEN, HIDDEN),
              "mean": glorot(HIDDEN, topics), "log_variance": glorot(HIDDEN, topics)}
    parameters = {f"{name}.{p}": getattr(layer, p) for name, layer in layers.items() for p in ("weight", "bias")}
    parameters["mean_shift"] = torch.nn.Parameter(torch.zeros(topics))
    parameters["log_variance_shift"] = torch.nn.Parameter(torch.zeros(topics))
    parameters["beta"] = torch.nn.Parameter(torch.empty(topics, vocabulary))
    torch.nn.init.xavier_uniform_(parameters["beta"])
    parameters["decoder_shift"] = torch.nn.Parameter(torch.zeros(vocabulary))
    with torch.no_grad():
        for name, p in parameters.items():
            p.copy_(t[name])
    layer1, layer2, mean, log_variance = layers.values()
    mean_shift, log_variance_shift, beta, decoder_shift = (parameters[n] for n in ("mean_shift", "log_variance_shift", "beta", "decoder_shift"))
    optimizer = torch.optim.Adam(parameters.values(), lr=LEARNING_RATE, betas=(BETA1, 0.999))

    def forward(x, epsilon):
        h = F.softplus(layer1(x))
        h = F.softplus(layer2(h))
        h = F.dropout(h, dropout, True)
        mu = batch_norm(mean(h), mean_shift)
        log_sigma2 = batch_norm(log_variance(h), log_variance_shift)
        z = mu + (log_sigma2.exp().sqrt() * epsilon)
        theta = F.dropout(z.softmax(1), dropout, True)
        x_hat = batch_norm(theta.matmul(beta), decoder_shift).softmax(1)
        return mu, log_sigma2, x_hat

    def kl(mu, log_sigma2):
        diff = prior_mean - mu
        k = mu.shape[1]
        return ((log_sigma2.exp() / prior_variance).sum(1) + (diff * diff / prior_variance).sum(1)
                - k + prior_variance.log().sum() - log_sigma2.sum(1)) * 0.5

    def step():
        batches = count // BATCH
        total = 0.0
        for _ in range(batches):
            rows = torch.randint(count, [BATCH])
            x = documents.index_select(0, rows)
            mu, log_sigma2, x_hat = forward(x, torch.randn([BATCH, topics]))
            cost = (-(x * (x_hat + RECONSTRUCTION_FLOOR).log()).sum(1)).mean() + kl(mu, log_sigma2).mean()
            optimizer.zero_grad(set_to_none=True)
            cost.backward()
            optimizer.step()
            total += cost.item()
        return total / batches

    return step
