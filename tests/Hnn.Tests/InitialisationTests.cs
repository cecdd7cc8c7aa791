namespace Papers.Hnn.Tests;

/// <summary>The word embeddings' initial scale, as hyp_rnn.py draws it.</summary>
public class InitialisationTests
{
    /// <summary>
    /// hyp_rnn.py draws each coordinate from U(±m), m = (3 avg²/(2n))^(1/3), "to have average norm equal to
    /// word_init_avg_norm"; with --word_init_avg_norm 1e-3 and n = 5 that is m = 0.0066943 and a mean norm of
    /// m·E‖U(±1)⁵‖ = 0.00845 (1.2624 m), not 1e-3: a square root there would have given about 1e-3.
    /// </summary>
    [Fact]
    public void WordEmbeddingsStartAtTheAuthorsMeanNormOf0Point0085()
    {
        const double maxval = 0.0066943295;
        var norms = Enumerable.Range(0, 20).SelectMany(seed =>
        {
            var model = new PrefixModel(Variant.HyperbolicGru, Prefix.Vocabulary, 5, 1.0, 1e-3, new Random(seed));
            return Enumerable.Range(0, model.Embeddings.Rows).Select(r => Vec.Norm(model.Embeddings.Row(r)));
        }).ToArray();
        Assert.All(norms, n => Assert.InRange(n, 0, Math.Sqrt(5) * maxval));
        Assert.Equal(0.00845, norms.Average(), 0.0002);   // 2,020 rows: the mean's standard error is 0.00004
    }
}
