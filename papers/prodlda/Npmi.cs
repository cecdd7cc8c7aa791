using System.Numerics;

namespace Papers.ProdLda;

/// <summary>
/// Topic coherence (Table 1, after Lau et al. 2014): the normalised pointwise mutual information of every pair of a
/// topic's top words, NPMI(wᵢ, wⱼ) = log(P(wᵢ, wⱼ) / (P(wᵢ) P(wⱼ))) / −log P(wᵢ, wⱼ), averaged over the pairs, then
/// over the topics. Probabilities are document frequencies in a reference corpus: P(w) is the share of documents
/// containing w, P(wᵢ, wⱼ) the share containing both. A pair that never co-occurs scores −1 (the limit); no smoothing.
/// </summary>
public sealed class Npmi
{
    private readonly ulong[][] _documentsOf;   // per word, a bit per document that contains it
    private readonly int[] _frequency;
    private readonly int _documents;

    public Npmi(Corpus reference)
    {
        _documents = reference.Count;
        var words = (_documents + 63) / 64;
        _documentsOf = new ulong[reference.V][];
        for (var w = 0; w < reference.V; w++) _documentsOf[w] = new ulong[words];
        for (var d = 0; d < _documents; d++)
            foreach (var id in reference.Documents[d].Ids)
                _documentsOf[id][d >> 6] |= 1UL << (d & 63);
        _frequency = _documentsOf.Select(bits => bits.Sum(b => BitOperations.PopCount(b))).ToArray();
    }

    /// <summary>NPMI of one pair of word ids.</summary>
    public double Pair(int wi, int wj)
    {
        var (a, b) = (_documentsOf[wi], _documentsOf[wj]);
        var both = 0;
        for (var k = 0; k < a.Length; k++) both += BitOperations.PopCount(a[k] & b[k]);
        if (both == 0) return -1;
        var pij = (double)both / _documents;
        if (pij == 1) return 1;                                                      // both words in every document
        var pi = (double)_frequency[wi] / _documents;
        var pj = (double)_frequency[wj] / _documents;
        return Math.Log(pij / (pi * pj)) / -Math.Log(pij);
    }

    /// <summary>A topic's coherence: the mean NPMI over the pairs of its words (ids, at least two, no repeats).</summary>
    public double Topic(IReadOnlyList<int> words)
    {
        if (words.Count < 2) throw new ArgumentException($"a topic needs at least 2 words to score, not {words.Count}");
        if (words.Distinct().Count() != words.Count) throw new ArgumentException("a topic's top words repeat a word");
        var (sum, pairs) = (0.0, 0);
        for (var i = 0; i < words.Count; i++)
            for (var j = i + 1; j < words.Count; j++)
            {
                sum += Pair(words[i], words[j]);
                pairs++;
            }
        return sum / pairs;
    }
}
