using Papers.Torch;
using static Papers.Torch.torch;
using Modules = Papers.Torch.Modules;

namespace Papers.MetaLstm;

// N ways, S = N·K support examples, Q query examples, D embedding size (the learner's features: 800 on 84×84, 32 on 28×28).

/// <summary>
/// Matching Networks (Vinyals et al., NeurIPS 2016, arXiv 1606.04080), two rows of Table 1, as Ravi &amp; Larochelle run
/// them (model/baselines/matching-net.lua, simple-embedding.lua, FCE-embedding.lua): the support set S and a query x̂ are
/// embedded, and the label distribution of x̂ is an attention over the support labels (Eq. 1),
///   ŷ = Σᵢ a(x̂, xᵢ) yᵢ,  a(x̂, xᵢ) = softmax over i of c(f(x̂), g(xᵢ)), c the cosine similarity (Eq. 2).
/// f' = g' is the learner's embedding (4 × [conv 3×3 32, batch norm, ReLU, max-pool 2], flattened), one set of
/// parameters for both as in simple-embedding.lua (params.f = params.g). Without FCE, f = f' and g = g'; with it,
/// g and f read the whole support set (<see cref="FullContextEmbedding"/>).
/// </summary>
public sealed class MatchingNetwork : nn.Module
{
    private readonly nn.Parameter _theta;              // f' = g': the learner's feature coordinates
    private readonly FullContextEmbedding? _fce;

    /// <param name="learner">The learner whose embedding f' = g' is (its first <see cref="Learner.FeatureParameters"/> coordinates).</param>
    /// <param name="init">Draws the embedding's initial parameters (Torch's defaults, <see cref="Learner.Initial"/>).</param>
    /// <param name="steps">K, the attention LSTM's processing steps: with a value the network has the fully conditional embeddings.</param>
    /// <param name="dropout">Dropout after each embedding block while meta-training (matching-net-classifier.lua).</param>
    public MatchingNetwork(Learner learner, Generator init, int? steps, double dropout) : base(nameof(MatchingNetwork))
    {
        Learner = learner;
        Dropout = dropout;
        using (no_grad())
        {
            using var theta0 = learner.Initial(init);
            _theta = new nn.Parameter(theta0.narrow(0, 0, learner.FeatureParameters).clone());   // [features P]
        }
        _fce = steps is { } k ? new FullContextEmbedding(learner.Features, k) : null;
        RegisterComponents();
    }

    public Learner Learner { get; }

    public double Dropout { get; }

    public Tensor Theta => _theta;

    /// <summary>The fully conditional embeddings (Vinyals et al., §2.1.2 and Appendix A), or null for the plain network.</summary>
    public FullContextEmbedding? Fce => _fce;

    /// <summary>f'(x) = g'(x); with a <paramref name="dropout"/> generator (meta-training), dropout after each block.</summary>
    public Tensor Embed(Tensor x, Generator? dropout) => Learner.Embed(_theta, x, dropout is null ? 0 : Dropout, dropout);   // [B, D]

    /// <summary>
    /// P(ŷ | x̂, S) for each query (Eq. 1): the attention-weighted support labels, [Q, N]. The support and the query images
    /// are embedded as two batches (each with its own batch-norm statistics, as matching-net.lua's g and f modules are).
    /// </summary>
    public Tensor Predict(Tensor support, Tensor supportLabels, Tensor query, int ways, Generator? dropout = null)
    {
        var gPrime = Embed(support, dropout);                                  // [S, D]
        var fPrime = Embed(query, dropout);                                    // [Q, D]
        var g = _fce?.G(gPrime) ?? gPrime;                                     // [S, D]
        var f = _fce?.F(fPrime, g) ?? fPrime;                                  // [Q, D]
        return Attention(f, g, supportLabels, ways);                           // [Q, N]
    }

    /// <summary>Eqs. 1–2: ŷ = Σᵢ a(x̂, xᵢ) yᵢ with a = softmaxᵢ c(f(x̂), g(xᵢ)), c the cosine similarity; yᵢ one-hot.</summary>
    public static Tensor Attention(Tensor f, Tensor g, Tensor supportLabels, int ways)          // f: [Q, D], g: [S, D], labels: [S]
    {
        var a = Cosine.Similarities(f, g).softmax(1);                                           // [Q, S], Eq. 2
        return a.matmul(one_hot(supportLabels, ways).to(a.dtype));                             // [Q, N], Eq. 1
    }

    /// <summary>
    /// The training criterion (§2.2): −log P(y | x̂, S) averaged over the queries. Every ŷ entry is at least
    /// e^−2 / S (cosines lie in [−1, 1]), so its log is finite.
    /// </summary>
    public static Tensor Loss(Tensor yHat, Tensor labels) => nn.functional.nll_loss(yHat.log(), labels);    // yHat: [Q, N], labels: [Q]
}

/// <summary>
/// Fully conditional embeddings (Vinyals et al., §2.1.2; Appendix A.1 for f, A.2 for g; model/baselines/FCE-embedding.lua).
/// g: a bidirectional LSTM over the support embeddings in the episode's order, with a skip connection,
///   h→ᵢ, c→ᵢ = LSTM(g'(xᵢ), h→ᵢ₋₁, c→ᵢ₋₁),  h←ᵢ, c←ᵢ = LSTM(g'(xᵢ), h←ᵢ₊₁, c←ᵢ₊₁),  g(xᵢ, S) = h→ᵢ + h←ᵢ + g'(xᵢ).
/// f: an LSTM of K processing steps attending over g(S), from h₀ = c₀ = 0,
///   ĥₖ, cₖ = LSTM(f'(x̂), [hₖ₋₁, rₖ₋₁], cₖ₋₁),  hₖ = ĥₖ + f'(x̂),  rₖ₋₁ = Σᵢ a(hₖ₋₁, g(xᵢ)) g(xᵢ),  a = softmaxᵢ(hₖ₋₁ᵀ g(xᵢ)),
///   f(x̂, S) = h_K. The cell takes [f'(x̂), rₖ₋₁] as its input and hₖ₋₁ as its hidden state, as FCE-embedding.lua does:
///   its gates are affine in f'(x̂), hₖ₋₁ and rₖ₋₁ either way. With h₀ = 0 the first read r₀ is the mean of g(S), as there.
/// Every LSTM size is D, and every LSTM weight and bias starts at zero (RecurrentLSTMNetwork.lua: W and b zeros), so the
/// network starts as the plain one: g = g', f = f'.
/// </summary>
public sealed class FullContextEmbedding : nn.Module
{
    private readonly Modules.LSTMCell _forward;        // h→: D → D
    private readonly Modules.LSTMCell _backward;       // h←: D → D
    private readonly Modules.LSTMCell _attention;      // attLSTM: [f', r] (2D) → D

    public FullContextEmbedding(long features, int steps) : base(nameof(FullContextEmbedding))
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "K, the processing steps, must be at least 1");
        Steps = steps;
        _forward = nn.LSTMCell(features, features);
        _backward = nn.LSTMCell(features, features);
        _attention = nn.LSTMCell(2 * features, features);
        RegisterComponents();
        using var noGrad = no_grad();
        foreach (var p in parameters()) p.zero_();
    }

    /// <summary>K, the attention LSTM's processing steps.</summary>
    public int Steps { get; }

    /// <summary>attLSTM's parameters, whose gradient FCE-embedding.lua clips by its norm.</summary>
    public IEnumerable<Tensor> AttentionParameters => _attention.parameters();

    /// <summary>The bidirectional LSTM's parameters, both directions, clipped together.</summary>
    public IEnumerable<Tensor> BidirectionalParameters => _forward.parameters().Concat(_backward.parameters());

    /// <summary>g(xᵢ, S) = h→ᵢ + h←ᵢ + g'(xᵢ) for every support example, in order (Appendix A.2).</summary>
    public Tensor G(Tensor gPrime)                                             // gPrime: [S, D]
    {
        var n = gPrime.shape[0];
        var forward = new Tensor[n];
        var backward = new Tensor[n];
        (Tensor h, Tensor c)? state = null;
        for (var i = 0; i < n; i++) forward[i] = (state = _forward.forward(gPrime.narrow(0, i, 1), state)).Value.h;              // h→ᵢ [1, D]
        state = null;
        for (var i = n - 1; i >= 0; i--) backward[i] = (state = _backward.forward(gPrime.narrow(0, i, 1), state)).Value.h;       // h←ᵢ [1, D]
        return gPrime + cat(forward) + cat(backward);                                                                           // [S, D]
    }

    /// <summary>f(x̂, S) = attLSTM(f'(x̂), g(S), K) = h_K for every query (Appendix A.1).</summary>
    public Tensor F(Tensor fPrime, Tensor g)                                   // fPrime: [Q, D], g: [S, D]
    {
        var h = zeros_like(fPrime);                                            // h₀ [Q, D]
        var c = zeros_like(fPrime);                                            // c₀ [Q, D]
        for (var k = 1; k <= Steps; k++)
        {
            var r = h.matmul(g.t()).softmax(1).matmul(g);                      // rₖ₋₁ = Σᵢ softmaxᵢ(hₖ₋₁ᵀ g(xᵢ)) g(xᵢ)  [Q, D]
            var (hHat, cell) = _attention.forward(cat([fPrime, r], 1), (h, c));  // ĥₖ, cₖ [Q, D]
            (h, c) = (hHat + fPrime, cell);                                    // hₖ = ĥₖ + f'(x̂)
        }
        return h;                                                              // [Q, D]
    }
}

/// <summary>The cosine similarity c of Matching Networks (Eq. 2) and of the nearest-neighbour baseline (nn.CosineDistance).</summary>
public static class Cosine
{
    /// <summary>nn.CosineDistance's ε on the squared norms: a zero row has similarity 0 and a finite gradient.</summary>
    public const double Epsilon = 1e-12;

    /// <summary>c(aⱼ, bᵢ) = aⱼ·bᵢ / (‖aⱼ‖ ‖bᵢ‖) for every pair of rows.</summary>
    public static Tensor Similarities(Tensor a, Tensor b) => UnitRows(a).matmul(UnitRows(b).t());   // a: [A, D], b: [B, D] → [A, B]

    private static Tensor UnitRows(Tensor x) => x / (x.pow(2).sum(1, keepdim: true) + Epsilon).sqrt();
}
