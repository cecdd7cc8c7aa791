using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.ProdLda;

// V vocabulary words, K topics, H hidden units, B documents in a batch (or samples of ε for one document).

/// <summary>
/// The paper's Laplace approximation of Dirichlet(α) in the softmax basis, a logistic normal N(μ₁, Σ₁) with
/// μ₁ₖ = log αₖ − (1/K) Σᵢ log αᵢ and Σ₁ₖₖ = (1/αₖ)(1 − 2/K) + (1/K²) Σᵢ 1/αᵢ.
/// </summary>
public sealed record LaplacePrior(double[] Mean, double[] Variance)
{
    public static LaplacePrior Symmetric(int topics, double alpha)
    {
        var logMean = Math.Log(alpha);
        var sumInverse = topics / alpha;
        var mean = Enumerable.Repeat(Math.Log(alpha) - logMean, topics).ToArray();
        var variance = Enumerable.Repeat(1 / alpha * (1 - 2.0 / topics) + sumInverse / ((double)topics * topics), topics).ToArray();
        return new LaplacePrior(mean, variance);
    }
}

/// <summary>The paper's two decoders: ProdLDA's product of experts and NVLDA's mixture of multinomials.</summary>
public enum Decoder { ProdLda, NvLda }

/// <summary>
/// The autoencoded topic model (AVITM): an inference network q(z | w) = N(μ(w), diag σ²(w)), a sample
/// z = μ + σ ε, θ = softmax(z), and a decoder p(w | θ, β). Batch norm follows the authors' code
/// (<c>tf.contrib.layers.batch_norm</c>: batch statistics, ε = 0.001, a learned shift and no scale) and uses the
/// batch's own statistics at test time too, as their <c>test()</c> does.
/// </summary>
public sealed class Avitm : nn.Module<Tensor, Tensor, AvitmOutput>
{
    /// <summary>tf.contrib.layers.batch_norm's default epsilon.</summary>
    public const double BatchNormEpsilon = 1e-3;

    /// <summary>The authors add 1e-10 to x̂ before the log, so a zero probability costs log(1e-10), not ∞.</summary>
    public const double ReconstructionFloor = 1e-10;

    private readonly nn.Module<Tensor, Tensor> _layer1;
    private readonly nn.Module<Tensor, Tensor> _layer2;
    private readonly nn.Module<Tensor, Tensor> _mean;
    private readonly nn.Module<Tensor, Tensor> _logVariance;
    private readonly nn.Parameter _meanShift;
    private readonly nn.Parameter _logVarianceShift;
    private readonly nn.Parameter _beta;
    private readonly nn.Parameter? _decoderShift;
    private readonly double _dropout;

    public Avitm(Decoder decoder, int vocabulary, int hidden, int topics, double keep) : base(nameof(Avitm))
    {
        Decoder = decoder;
        Topics = topics;
        _dropout = 1 - keep;
        _layer1 = Glorot(vocabulary, hidden);
        _layer2 = Glorot(hidden, hidden);
        _mean = Glorot(hidden, topics);
        _logVariance = Glorot(hidden, topics);
        _meanShift = new nn.Parameter(zeros([topics]));
        _logVarianceShift = new nn.Parameter(zeros([topics]));
        _beta = new nn.Parameter(empty([topics, vocabulary]));                     // [K, V], unnormalised
        nn.init.xavier_uniform_(_beta);
        register_module("layer1", _layer1);
        register_module("layer2", _layer2);
        register_module("mean", _mean);
        register_module("log_variance", _logVariance);
        register_parameter("mean_shift", _meanShift);
        register_parameter("log_variance_shift", _logVarianceShift);
        register_parameter("beta", _beta);
        if (decoder == Decoder.ProdLda)
        {
            _decoderShift = new nn.Parameter(zeros([vocabulary]));
            register_parameter("decoder_shift", _decoderShift);
        }
    }

    public Decoder Decoder { get; }

    public int Topics { get; }

    /// <summary>
    /// Whether ProdLDA's decoder runs as one native pass (<c>torch.nn.functional.batch_norm_softmax</c>, forward and
    /// backward) where it covers the tensors (float32 on the CPU under libtorch's AVX2 kernels), rather than as the
    /// separate ops of <see cref="DecoderComposite"/>. The two agree to float rounding, not bit for bit; the fused pass
    /// is about five times fewer passes over the [B, V] batch.
    /// </summary>
    public bool Fused { get; set; } = true;

    /// <summary>β [K, V]: the topics' word weights, whose largest entries are a topic's top words (the authors' print_top_words).</summary>
    public Tensor Beta => _beta;

    /// <summary>
    /// x: [B, V] counts; ε: [S, K] standard normal draws, S = B in training. A single document (B = 1) with S draws
    /// gives S samples of it, as the authors' <c>test()</c> does with its fixed-size ε.
    /// </summary>
    public override AvitmOutput forward(Tensor x, Tensor epsilon)
    {
        var h = nn.functional.softplus(_layer1.call(x));                           // [B, H]
        h = nn.functional.softplus(_layer2.call(h));                               // [B, H]
        h = nn.functional.dropout(h, _dropout, training);                          // [B, H]
        var mu = BatchNorm(_mean.call(h), _meanShift);                             // [B, K]
        var logSigma2 = BatchNorm(_logVariance.call(h), _logVarianceShift);        // [B, K]
        var z = mu + (logSigma2.exp().sqrt() * epsilon);                           // [S, K]; z = μ + σ ε
        var theta = nn.functional.dropout(z.softmax(1), _dropout, training);       // [S, K]; θ = σ(z)
        var xHat = Decoder == Decoder.ProdLda
            ? ProdLdaDecoder(theta.matmul(_beta))                                  // [S, V]; ProdLDA: σ(βθ), a product of experts
            : theta.matmul(_beta.softmax(1));                                      // [S, V]; NVLDA: σ(β)θ, a mixture
        return new AvitmOutput(mu, logSigma2, xHat);
    }

    private Tensor ProdLdaDecoder(Tensor logits) =>
        (Fused ? nn.functional.batch_norm_softmax(logits, _decoderShift!, BatchNormEpsilon) : null) ?? DecoderComposite(logits);

    /// <summary>ProdLDA's x̂ from βθ [S, V] as separate ops: the batch norm with the decoder's shift, then the softmax over words.</summary>
    public Tensor DecoderComposite(Tensor logits) => BatchNorm(logits, _decoderShift!).softmax(1);

    /// <summary>(h − mean) / √(var + ε) + shift over the batch, with the biased variance, as TensorFlow's batch_norm.</summary>
    private static Tensor BatchNorm(Tensor h, Tensor shift)
    {
        var mean = h.mean(0, keepdim: true);                                       // [1, n]
        var variance = h.var(0, unbiased: false, keepdim: true);                   // [1, n]
        return (h - mean) / (variance + BatchNormEpsilon).sqrt() + shift;
    }

    // tf.get_variable's default initializer and the authors' xavier_init are both Glorot uniform; biases start at 0.
    private static nn.Module<Tensor, Tensor> Glorot(int inputs, int outputs)
    {
        var layer = nn.Linear(inputs, outputs);
        nn.init.xavier_uniform_(layer.weight);
        nn.init.zeros_(layer.bias!);
        return layer;
    }
}

/// <summary>The posterior's parameters μ, log σ² ([B, K]) and the reconstruction x̂ ([S, V]).</summary>
public sealed record AvitmOutput(Tensor Mu, Tensor LogSigma2, Tensor XHat);

/// <summary>The negative ELBO: reconstruction −Σ w log x̂ plus KL(q(z | w) ‖ Laplace prior).</summary>
public static class Elbo
{
    /// <summary>
    /// Per row: −Σᵥ xᵥ log(x̂ᵥ + 1e-10); x [B, V] broadcasts against x̂ [S, V] when B = 1. With <paramref name="fused"/>
    /// it is one native pass (<c>torch.nn.functional.count_nll</c>) where that covers the tensors, agreeing with the
    /// separate ops of <see cref="ReconstructionComposite"/> to float rounding, with the same gradient.
    /// </summary>
    public static Tensor Reconstruction(Tensor x, Tensor xHat, bool fused = true) =>
        (fused ? nn.functional.count_nll(x, xHat, Avitm.ReconstructionFloor) : null) ?? ReconstructionComposite(x, xHat);

    /// <summary><see cref="Reconstruction"/> as separate ops.</summary>
    public static Tensor ReconstructionComposite(Tensor x, Tensor xHat) =>
        -(x * (xHat + Avitm.ReconstructionFloor).log()).sum(1);                   // [S]

    /// <summary>
    /// KL(N(μ, σ²) ‖ N(μ₁, σ₁²)) per row, diagonal Gaussians:
    /// ½ (Σ σ²/σ₁² + Σ (μ₁ − μ)²/σ₁² − K + Σ log σ₁² − Σ log σ²).
    /// </summary>
    public static Tensor Kl(Tensor mu, Tensor logSigma2, Tensor priorMean, Tensor priorVariance)
    {
        var diff = priorMean - mu;                                                 // [B, K]
        var k = mu.shape[1];
        return ((logSigma2.exp() / priorVariance).sum(1) + (diff * diff / priorVariance).sum(1)
                - k + priorVariance.log().sum() - logSigma2.sum(1)) * 0.5;         // [B]
    }
}
