using System.Diagnostics;

namespace Papers.ProdLda;

/// <summary>
/// LDA by collapsed Gibbs sampling (Griffiths &amp; Steyvers 2004), the baseline of Tables 1 and 2: each token's
/// topic is redrawn from p(zᵢ = k | z₋ᵢ, w) ∝ (n_dk + α)(n_kw + β) / (n_k + Vβ), counts without token i. A tight
/// loop over int arrays; randomness from <see cref="SplitMix64"/>, so a seed gives the same chain on any machine.
/// </summary>
public sealed class GibbsLda
{
    private readonly int _topics;
    private readonly int _vocabulary;
    private readonly double _alpha;
    private readonly double _beta;
    private readonly int[] _wordTopic;     // n_wk: [V, K]
    private readonly int[] _topicTotal;    // n_k: [K]
    private readonly double[] _inverseTotal; // 1 / (n_k + Vβ), kept with n_k: one division per token instead of K

    private GibbsLda(int topics, int vocabulary, double alpha, double beta)
    {
        (_topics, _vocabulary, _alpha, _beta) = (topics, vocabulary, alpha, beta);
        _wordTopic = new int[vocabulary * topics];
        _topicTotal = new int[topics];
        _inverseTotal = Enumerable.Repeat(1 / (vocabulary * beta), topics).ToArray();
    }

    public int Topics => _topics;

    /// <summary>Runs <paramref name="iterations"/> sweeps over the corpus from a uniformly random assignment.</summary>
    public static GibbsLda Fit(Corpus corpus, int topics, double alpha, double beta, int iterations, ulong seed, Action<int, double>? onSweep = null)
    {
        var lda = new GibbsLda(topics, corpus.V, alpha, beta);
        var random = new SplitMix64(seed);
        var tokens = Tokens.Of(corpus);
        var docTopic = new int[corpus.Count * topics];
        var z = lda.Initialize(tokens, docTopic, random, updateTopics: true);
        var clock = Stopwatch.StartNew();
        var p = new double[topics];
        for (var sweep = 1; sweep <= iterations; sweep++)
        {
            lda.Sweep(tokens, z, docTopic, p, random, updateTopics: true);
            onSweep?.Invoke(sweep, clock.Elapsed.TotalSeconds);
        }
        return lda;
    }

    /// <summary>The top words of each topic by n_kw (ties to the lower id).</summary>
    public int[][] TopWords(int count) => Enumerable.Range(0, _topics)
        .Select(k => Enumerable.Range(0, _vocabulary).OrderByDescending(w => _wordTopic[w * _topics + k]).ThenBy(w => w).Take(count).ToArray())
        .ToArray();

    /// <summary>
    /// Per test document, −log p(w_d) under the topics φ_kw = (n_kw + β)/(n_k + Vβ) fixed, with θ_d = (n_dk + α)/(N_d + Kα)
    /// from <paramref name="iterations"/> fold-in sweeps over the document's own tokens. θ sees the words it scores,
    /// so this estimate is optimistic next to the autoencoders' ELBO bound (see the README).
    /// </summary>
    public double[] TestCosts(Corpus test, int iterations, ulong seed)
    {
        var random = new SplitMix64(seed);
        var tokens = Tokens.Of(test);
        var docTopic = new int[test.Count * _topics];
        var z = Initialize(tokens, docTopic, random, updateTopics: false);
        var p = new double[_topics];
        for (var sweep = 0; sweep < iterations; sweep++) Sweep(tokens, z, docTopic, p, random, updateTopics: false);
        var costs = new double[test.Count];
        for (var i = 0; i < z.Length; i++)
        {
            var (d, w) = (tokens.Documents[i], tokens.Words[i]);
            var length = test.Documents[d].Length;
            var probability = 0.0;
            for (var k = 0; k < _topics; k++)
                probability += (docTopic[d * _topics + k] + _alpha) / (length + _topics * _alpha)
                               * (_wordTopic[w * _topics + k] + _beta) / (_topicTotal[k] + _vocabulary * _beta);
            costs[d] -= Math.Log(probability);
        }
        return costs;
    }

    /// <summary>A uniformly random topic for every token, counted in.</summary>
    private int[] Initialize(Tokens tokens, int[] docTopic, SplitMix64 random, bool updateTopics)
    {
        var z = new int[tokens.Words.Length];
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = (int)random.Below((uint)_topics);
            Add(tokens.Words[i], z[i], docTopic, tokens.Documents[i], +1, updateTopics);
        }
        return z;
    }

    private void Sweep(Tokens tokens, int[] z, int[] docTopic, double[] p, SplitMix64 random, bool updateTopics)
    {
        for (var i = 0; i < z.Length; i++)
        {
            var (w, d) = (tokens.Words[i], tokens.Documents[i]);
            Add(w, z[i], docTopic, d, -1, updateTopics);
            var (wordRow, docRow) = (w * _topics, d * _topics);
            var total = 0.0;
            for (var k = 0; k < _topics; k++)
            {
                total += (docTopic[docRow + k] + _alpha) * (_wordTopic[wordRow + k] + _beta) * _inverseTotal[k];
                p[k] = total;
            }
            var u = random.NextDouble() * total;
            var topic = 0;
            while (topic < _topics - 1 && p[topic] <= u) topic++;
            z[i] = topic;
            Add(w, topic, docTopic, d, +1, updateTopics);
        }
    }

    private void Add(int word, int topic, int[] docTopic, int document, int delta, bool updateTopics)
    {
        docTopic[document * _topics + topic] += delta;
        if (!updateTopics) return;
        _wordTopic[word * _topics + topic] += delta;
        _topicTotal[topic] += delta;
        _inverseTotal[topic] = 1 / (_topicTotal[topic] + _vocabulary * _beta);
    }

    /// <summary>The corpus as one token per entry: its word and its document.</summary>
    private sealed record Tokens(int[] Words, int[] Documents)
    {
        public static Tokens Of(Corpus corpus)
        {
            var (words, documents) = (new List<int>(), new List<int>());
            for (var d = 0; d < corpus.Count; d++)
            {
                var doc = corpus.Documents[d];
                for (var k = 0; k < doc.Ids.Length; k++)
                    for (var c = 0; c < doc.Counts[k]; c++)
                    {
                        words.Add(doc.Ids[k]);
                        documents.Add(d);
                    }
            }
            return new Tokens(words.ToArray(), documents.ToArray());
        }
    }
}

/// <summary>Vigna's SplitMix64: a small generator whose whole state is one number, for the Gibbs sampler's draws.</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in 0..n−1 (Lemire's multiply-shift; the bias is below 2⁻³² for the n used here).</summary>
    public uint Below(uint n) => (uint)(((Next() >> 32) * n) >> 32);
}
