using static Papers.Torch.torch;

namespace Papers.CycleGan.Tests;

public class DigitDomainsTests
{
    [DataFact("usps/zip.train.gz", "usps/zip.test.gz")]
    public void UspsIsGrey32By32InMinusOneToOneWithItsOfficialSplit()
    {
        var (train, test) = DigitDomains.LoadUsps();
        using (train)
        using (test)
        {
            Assert.Equal(7291, train.Count);
            Assert.Equal(2007, test.Count);
            Assert.Equal([7291L, 1, 32, 32], train.Images.shape);
            Assert.True(train.Images.min().ToDouble() >= -1 && train.Images.max().ToDouble() <= 1);
            Assert.Equal(-1.0, train.Images.min().ToDouble(), 6);                   // USPS's background is −1 in the file
            Assert.Equal((0L, 9L), (train.Labels.min().ToInt64(), train.Labels.max().ToInt64()));
        }
    }

    [Fact]
    public void MnistAndUspsFilesAreCheckedBeforeTheFirstStep() =>
        Assert.Equal(
            ["mnist/train-images-idx3-ubyte.gz", "mnist/train-labels-idx1-ubyte.gz", "mnist/t10k-images-idx3-ubyte.gz",
                "mnist/t10k-labels-idx1-ubyte.gz", "usps/zip.train.gz", "usps/zip.test.gz"],
            DigitDomains.Prerequisites().Select(p => p.Name));

    [Fact]
    public void WithoutPlotlyOrChromiumTheQuickRunStopsBeforeItsFirstStepAndWritesNothing() =>
        PaperRun.AssertTheQuickRunNeedsPlotlyAndChromiumBeforeItsFirstStep(typeof(CycleGanConfig).Assembly);

    [Fact]
    public void TakeSharesTheFirstRowsAndZeroTakesAll()
    {
        using var set = new DigitSet("toy", arange(0, 4 * 4, dtype: Papers.Torch.ScalarType.Float32).reshape(4, 1, 2, 2), arange(0, 4, dtype: Papers.Torch.ScalarType.Int64));
        using var two = set.Take(2);
        Assert.Equal(2, two.Count);
        Assert.Equal(new long[] { 0, 1 }, two.Labels.data<long>());
        using var all = set.Take(0);
        Assert.Equal(4, all.Count);
    }
}
