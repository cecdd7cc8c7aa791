using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan.Tests;

public class ImagePoolTests
{
    // Image i is a [1, 2, 2] block filled with i, so a returned image names itself.
    private static Tensor Image(int i) => full([1, 1, 2, 2], (double)i);

    private static int Name(Tensor image) => (int)image.mean().ToDouble();

    [Fact]
    public void FillsFirstThenReturnsTheQueryOrSwapsAStoredImageAsTheAuthorsQueryDoes()
    {
        const int size = 3, queries = 40;
        using var random = new Generator(7);
        using var twin = new Generator(7);
        using var pool = new ImagePool(size, [1, 2, 2], random);
        var stored = new List<int>();
        var swaps = 0;
        for (var i = 0; i < queries; i++)
        {
            using var returned = pool.Query(Image(i));
            int expected;
            if (stored.Count < size)
            {
                stored.Add(i);
                expected = i;
            }
            else if (rand([1], generator: twin).ToDouble() > ImagePool.SwapProbability)
            {
                var index = (int)randint(0, size, [1], generator: twin).ToInt64();
                expected = stored[index];
                stored[index] = i;
                swaps++;
            }
            else expected = i;
            Assert.Equal(expected, Name(returned));
            Assert.Equal(Math.Min(i + 1, size), pool.Count);
        }
        Assert.InRange(swaps, 5, queries - size - 5);                              // both branches taken
    }

    [Fact]
    public void ABatchIsQueriedImageByImage()
    {
        using var random = new Generator(3);
        using var pool = new ImagePool(2, [1, 2, 2], random);
        using var batch = cat([Image(5), Image(6), Image(7)], 0);                 // [3, 1, 2, 2]
        using var returned = pool.Query(batch);
        Assert.Equal([3L, 1, 2, 2], returned.shape);
        Assert.Equal(5, Name(returned[0]));                                       // the first two fill the pool
        Assert.Equal(6, Name(returned[1]));
        Assert.Contains(Name(returned[2]), new[] { 5, 6, 7 });
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void AnEmptyPoolReturnsItsInputDetached()
    {
        using var random = new Generator(1);
        using var pool = new ImagePool(0, [1, 2, 2], random);
        using var image = Image(4).requires_grad_();
        using var returned = pool.Query(image);
        Assert.Equal(4, Name(returned));
        Assert.False(returned.requires_grad);
    }

    [Fact]
    public void ReturnedImagesAreCopiesThatLaterSwapsDoNotChange()
    {
        using var random = new Generator(11);
        using var pool = new ImagePool(1, [1, 2, 2], random);
        using var first = pool.Query(Image(1));
        for (var i = 2; i < 30; i++) pool.Query(Image(i)).Dispose();
        Assert.Equal(1, Name(first));
    }

    [Fact]
    public void QueriesOfTheWrongShapeFailLoudly()
    {
        using var random = new Generator(1);
        using var pool = new ImagePool(2, [1, 2, 2], random);
        Assert.Throws<ArgumentException>(() => pool.Query(zeros([1, 1, 3, 3])));
    }
}
