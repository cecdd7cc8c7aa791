using Papers.Shared.Repro;
using Papers.Torch;

namespace Papers.DirtT.Tests;

[Collection("Serial")]
public class SearchTests
{
    /// <summary>
    /// The search keeps the trial with the best accuracy on the labelled validation points, and reads nothing else: with
    /// the validation labels flipped (two classes) every trial scores 100 minus its accuracy, and the worst trial wins.
    /// </summary>
    [Fact]
    public void SearchChoosesTheBestTrialOnTheValidationLabelsAlone()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("dirt-t-search").FullName;
        try
        {
            var config = TwoMoons.Config(folder) with
            {
                Search = 1, SearchDomainWeights = [1e-2], SearchSourceWeights = [0, 1], SearchTargetWeights = [0, 1e-1], SearchIterations = 150,
            };
            using var moons = TwoMoons.Domains();
            using var flipped = new Points(moons.Target.All.alias(), 1 - moons.Target.Labels);
            var (chosen, trials) = Search.Choose(config, 0, 0, () => new MoonsMlp(), moons.Source, moons.Target, moons.Target);
            var (chosenFlipped, trialsFlipped) = Search.Choose(config, 0, 0, () => new MoonsMlp(), moons.Source, moons.Target, flipped);

            Assert.Equal(Search.Grid(config).ToList(), trials.Select(t => (t.DomainWeight, t.SourceWeight, t.TargetWeight)).ToList());
            Assert.All(trials, t => Assert.Equal(150, t.Iterations));
            Assert.True(trials.Select(t => t.ValidationAccuracy).Distinct().Count() > 1, "every trial scored the same: the grid should matter");
            var best = Assert.Single(trials, t => t.Chosen);
            Assert.Equal(trials.Max(t => t.ValidationAccuracy), best.ValidationAccuracy);
            Assert.Equal((best.DomainWeight, best.SourceWeight, best.TargetWeight), (chosen.DomainWeight, chosen.SourceWeight, chosen.TargetWeight));
            Assert.Equal(config with { SourceWeight = best.SourceWeight, TargetWeight = best.TargetWeight }, chosen);

            Assert.Equal(trials.Count, trialsFlipped.Count);
            Assert.All(trials.Zip(trialsFlipped), pair =>
                Assert.True(Tolerance.Abs(1e-9).Accepts(100 - pair.First.ValidationAccuracy, pair.Second.ValidationAccuracy), $"{pair.First} flipped gave {pair.Second}"));
            var worst = trials.MinBy(t => t.ValidationAccuracy)!;
            Assert.Equal((worst.SourceWeight, worst.TargetWeight), (chosenFlipped.SourceWeight, chosenFlipped.TargetWeight));

            var rows = Search.Rows(config, trials, moons.Target.Count).ToList();
            Assert.Equal(trials.Count, rows.Count);
            Assert.Single(rows, r => r.Statistic.EndsWith(", chosen"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<DirtTConfig, string> BadSearches => new()
    {
        { new DirtTConfig { Search = 2 }, "--search takes 0 or 1" },
        { new DirtTConfig { Search = 1, Methods = [Methods.SourceOnly] }, "list vada in --methods" },
        { new DirtTConfig { SearchTargetWeights = [] }, "each need at least one weight" },
        { new DirtTConfig { SearchDomainWeights = [-1e-2] }, "each need at least one weight" },
        { new DirtTConfig { ValidationExamples = 0 }, "--validation-examples must be positive" },
        { new DirtTConfig { SearchIterations = -1 }, "--search-iterations must be 0" },
    };

    [Theory]
    [MemberData(nameof(BadSearches))]
    public void BadSearchFlagsAreRefusedWithTheFlagNamed(DirtTConfig config, string message)
    {
        Assert.Contains(message, Assert.Throws<ArgumentException>(config.Validate).Message);
    }
}
