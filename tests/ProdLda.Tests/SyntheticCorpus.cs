using Papers.Shared.Data;
using static Papers.Torch.torch;

namespace Papers.ProdLda.Tests;

/// <summary>
/// A corpus drawn from known topics: topic k puts Zipf weights 1/(r+1) on its own block of V/K words (ranks r in
/// id order), documents mix the topics by θ = softmax(2 g), g ~ N(0, I), and each document has 50 tokens.
/// </summary>
internal static class SyntheticCorpus
{
    public const int Topics = 5;
    public const int Vocabulary = 100;
    public const int Documents = 2000;
    public const int Length = 50;

    public static int BlockOf(int word) => word / (Vocabulary / Topics);

    public static Corpus Draw(ulong seed)
    {
        using var generator = new Generator(seed);
        var block = Vocabulary / Topics;
        var phi = new float[Topics * Vocabulary];
        for (var k = 0; k < Topics; k++)
        {
            var norm = Enumerable.Range(0, block).Sum(r => 1.0 / (r + 1));
            for (var r = 0; r < block; r++) phi[k * Vocabulary + k * block + r] = (float)(1.0 / (r + 1) / norm);
        }
        using var topics = tensor(phi, [Topics, Vocabulary]);                                    // [K, V]
        using var theta = (randn([Documents, Topics], generator: generator) * 2).softmax(1);     // [D, K]
        using var words = theta.matmul(topics).multinomial(Length, replacement: true, generator: generator); // [D, Length]
        var ids = words.data<long>();
        var documents = new List<BagOfWordsDocument>();
        for (var d = 0; d < Documents; d++)
        {
            var counts = ids.Skip(d * Length).Take(Length).GroupBy(w => (int)w).OrderBy(g => g.Key).ToList();
            documents.Add(new BagOfWordsDocument(1, counts.Select(g => g.Key).ToArray(), counts.Select(g => g.Count()).ToArray()));
        }
        return new Corpus("synthetic", Enumerable.Range(0, Vocabulary).Select(w => $"w{w}").ToArray(), documents);
    }
}
