namespace Papers.ProdLda.Tests;

public sealed class FiguresTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prodlda-figures-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Collapsed Gibbs LDA run alone (--models lda-gibbs, or a sweep's task of it) has no training curve.</summary>
    [Fact]
    public void WithoutATrainingCurveTheFigureIsTheNpmiPanelAlone()
    {
        var topics = Enumerable.Range(0, 3).Select(t => new TopicRow(TopicSources.Ours, TopicModels.GibbsLda, 3, 0, t, 0.1 * t, 0.05 * t, $"word{t}")).ToList();

        Figures.Write(_folder, topics, [], new Dictionary<int, IReadOnlyList<AuthorsRun>>());

        var figure = File.ReadAllText(Path.Combine(_folder, "figures", "npmi.json"));
        Assert.Contains("topic coherence per topic", figure);
        Assert.DoesNotContain("training curves", figure);
        Assert.True(new FileInfo(Path.Combine(_folder, "figures", "npmi.png")).Length > 0);
    }
}
