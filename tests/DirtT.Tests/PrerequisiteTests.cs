using Papers.Shared.Data;

namespace Papers.DirtT.Tests;

/// <summary>What a run needs is checked before its first step, so that a run that cannot finish does not start.</summary>
public class PrerequisiteTests
{
    [Fact]
    public void WithoutPlotlyOrChromiumTheQuickRunStopsBeforeItsFirstStepAndWritesNothing() =>
        PaperRun.AssertTheQuickRunNeedsPlotlyAndChromiumBeforeItsFirstStep(typeof(DirtTConfig).Assembly);

    /// <summary>MNIST-M is generated from MNIST and the 200 BSDS500 backgrounds: all of them are required up front.</summary>
    [Fact]
    public void MnistToMnistMRequiresMnistAndEveryBackground()
    {
        var names = Domains.Prerequisites([Domains.Mnist, Domains.MnistM]).Select(p => p.Name).ToList();
        Assert.Equal(
            [
                "mnist/train-images-idx3-ubyte.gz", "mnist/train-labels-idx1-ubyte.gz", "mnist/t10k-images-idx3-ubyte.gz",
                "mnist/t10k-labels-idx1-ubyte.gz", .. MnistM.BackgroundFiles,
            ],
            names.Distinct());
        Assert.Equal(200, MnistM.BackgroundFiles.Count);
    }

    /// <summary>SVHN has no catalogued copy: where it is missing, the problem is one line naming the file and its source.</summary>
    [Fact]
    public void MissingSvhnIsOneLineNamingTheFileAndItsSource()
    {
        var prerequisites = Domains.Prerequisites([Domains.Svhn]).ToList();
        Assert.Equal(["svhn/train_32x32.mat", "svhn/test_32x32.mat"], prerequisites.Select(p => p.Name));
        foreach (var prerequisite in prerequisites)
        {
            var problem = prerequisite.Problem();
            Assert.Equal(DataFiles.Find(prerequisite.Name) is null, problem is not null);
            if (problem is not null)
            {
                Assert.Matches(@"^needs data: svhn/(train|test)_32x32\.mat is in none of the data folders .*housenumbers", problem);
                Assert.DoesNotContain('\n', problem);
            }
        }
    }
}
