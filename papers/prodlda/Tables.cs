using Papers.Shared.Results;

namespace Papers.ProdLda;

/// <summary>The paper's numbers, with their places, and our runs summarised beside them.</summary>
public static class Tables
{
    public const string Dataset = "20ng";

    /// <summary>
    /// Table 1 (20 Newsgroups), average NPMI of the top 10 words, K = 50 and K = 200, per model. ProdLDA's values
    /// agree with the authors' published coherence files (best runs 0.2506 and 0.1922); the other rows are Table 1's
    /// values as quoted to us, not checked against the arXiv text (see the README).
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Model, int Topics), double> Table1 = new Dictionary<(string, int), double>
    {
        [(TopicModels.ProdLda, 50)] = 0.24, [(TopicModels.ProdLda, 200)] = 0.19,
        [(TopicModels.NvLda, 50)] = 0.11, [(TopicModels.NvLda, 200)] = 0.11,
        [(TopicModels.GibbsLda, 50)] = 0.17, [(TopicModels.GibbsLda, 200)] = 0.14,
        [(LdaDmfvi, 50)] = 0.11, [(LdaDmfvi, 200)] = 0.06,
        [(Nvdm, 50)] = 0.08, [(Nvdm, 200)] = 0.06,
    };

    /// <summary>Table 1's rows that this repository does not run.</summary>
    public const string LdaDmfvi = "lda-dmfvi";
    public const string Nvdm = "nvdm";

    /// <summary>The RCV1 columns of Tables 1 and 2: its bag-of-words files are not in the data folder.</summary>
    public const string Rcv1Missing = "RCV1-v2 (Lewis et al. 2004, https://www.jmlr.org/papers/volume5/lewis04a/lyrl2004_rcv1v2_README.htm) in the 10,000-word bag-of-words form of NVDM (Miao et al. 2016), which is not in the data folder";

    public static readonly IReadOnlyDictionary<string, string> RowNames = new Dictionary<string, string>
    {
        [TopicModels.ProdLda] = "ProdLDA", [TopicModels.NvLda] = "NVLDA", [TopicModels.GibbsLda] = "LDA collapsed Gibbs",
        [LdaDmfvi] = "LDA DMFVI", [Nvdm] = "NVDM",
    };

    public static string Column(int topics) => $"{Dataset} K={topics}";

    public static TableRow Npmi(string model, int topics, IEnumerable<double> values, string reference, double? paper) =>
        TableRow.Summarize("Table 1", RowNames[model], Column(topics),
            $"NPMI of the top 10 words, document co-occurrence over the {reference}; mean over runs", paper, values);

    /// <summary>The authors' published topics scored by our NPMI, beside the average their script printed for them.</summary>
    public static TableRow AuthorsNpmi(int topics, IReadOnlyList<AuthorsRun> runs, IEnumerable<double> ours, string reference) =>
        TableRow.Summarize("Table 1", "ProdLDA, authors' published topics", Column(topics),
            $"their topics scored by our NPMI (document co-occurrence over the {reference}); paper column: mean of the {runs.Count} averages their script printed",
            runs.Average(r => r.TheirAverage), ours);

    public static TableRow Perplexity(string model, int topics, IEnumerable<double> values, string statistic) =>
        TableRow.Summarize("Table 2", RowNames[model], Column(topics), statistic, null, values);

    /// <summary>A row we do not produce: the paper's number beside none of ours, saying why.</summary>
    public static TableRow NotRun(string table, string row, string column, double? paper, string why) =>
        new(table, row, column, why, paper, double.NaN, double.NaN, 0);
}
