using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan.Tests;

[Collection("Serial")]
public class NetworkTests
{
    [Fact]
    public void ReflectionPaddingMirrorsWithoutRepeatingTheEdge()
    {
        // PyTorch's ReflectionPad2d(1) on [[1, 2, 3], [4, 5, 6], [7, 8, 9]]: the first padded row is row 1, mirrored.
        using var x = arange(1, 10, dtype: ScalarType.Float32).reshape(1, 1, 3, 3);
        using var padded = nn.ReflectionPad2d(1).call(x);                         // [1, 1, 5, 5]
        Assert.Equal([1L, 1, 5, 5], padded.shape);
        Assert.Equal(new float[] { 5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 8, 7, 8, 9, 8, 5, 4, 5, 6, 5 }, padded.data<float>());
    }

    [Theory]
    [InlineData(1, 32, 8, 2)]        // grey digits, as the digit experiment
    [InlineData(3, 64, 4, 1)]        // colour photos
    public void GeneratorKeepsTheShapeAndMapsIntoTheTanhRange(int channels, int side, int ngf, int blocks)
    {
        Repro.Seed(0);
        using var g = new ResnetGenerator(channels, ngf, blocks);
        using var x = rand([2, channels, side, side]) * 2 - 1;
        using var y = g.call(x);
        Assert.Equal([2L, channels, side, side], y.shape);
        Assert.True(y.abs().max().ToDouble() < 1, "tanh output lies in (−1, 1)");
        Assert.True(y.std().ToDouble() > 0, "the output varies with the input");
    }

    [Fact]
    public void GeneratorFollowsTheAuthorsLayoutAtNgf64()
    {
        using var g = new ResnetGenerator(3, 64, 9);                              // the paper's 256×256 generator
        var convs = g.named_parameters().Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal)).Select(p => p.parameter.shape).ToList();
        Assert.Equal([64L, 3, 7, 7], convs[0]);                                   // c7s1-64
        Assert.Equal([128L, 64, 3, 3], convs[1]);                                 // d128
        Assert.Equal([256L, 128, 3, 3], convs[2]);                                // d256
        Assert.Equal(2 * 9, convs.Count(s => s.SequenceEqual(new long[] { 256, 256, 3, 3 })));   // R256 × 9
        Assert.Equal([256L, 128, 3, 3], convs[^3]);                               // u128 (ConvTranspose2d weight is [in, out, k, k])
        Assert.Equal([128L, 64, 3, 3], convs[^2]);                                // u64
        Assert.Equal([3L, 64, 7, 7], convs[^1]);                                  // c7s1-3
        Assert.Equal(11_378_179, g.parameters().Sum(p => p.numel()));            // the authors' print_networks: 11.378 M for G_A
    }

    [Fact]
    public void GeneratorRejectsSidesThatDoNotDivideByFour()
    {
        using var g = new ResnetGenerator(1, 4, 1);
        Assert.Throws<ArgumentException>(() => g.call(zeros([1, 1, 30, 30])));
    }

    [Fact]
    public void WeightsAreDrawnFromNormalWithStd002AndBiasesAreZero()
    {
        Repro.Seed(0);
        using var g = new ResnetGenerator(1, 32, 3);
        var weights = cat(g.named_parameters().Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal)).Select(p => p.parameter.detach().flatten()).ToList());
        AssertClose.Equal(0.02, weights.std().ToDouble(), 2e-4);                   // ~3·10⁵ draws: standard error of the std ~3·10⁻⁵
        AssertClose.Equal(0, weights.mean().ToDouble(), 2e-4);
        Assert.All(g.named_parameters().Where(p => p.name.EndsWith(".bias", StringComparison.Ordinal)), p => Assert.Equal(0, p.parameter.abs().sum().ToDouble()));
    }

    [Theory]
    [InlineData(3, 256, 30, 70)]     // the paper's 70×70 PatchGAN on 256×256: a 30×30 grid of scores
    [InlineData(2, 32, 6, 34)]       // the digit experiment's discriminator on 32×32
    public void PatchDiscriminatorScoresAGridOfPatches(int layers, int side, int grid, int field)
    {
        Repro.Seed(0);
        using var d = new PatchDiscriminator(1, 4, layers);
        using var scores = d.call(zeros([2, 1, side, side]));
        Assert.Equal([2L, 1, grid, grid], scores.shape);
        Assert.Equal(field, PatchDiscriminator.ReceptiveField(layers));
    }

    [Fact]
    public void PatchDiscriminatorAtNdf64HasTheAuthorsParameterCount()
    {
        using var d = new PatchDiscriminator(3, 64, 3);
        Assert.Equal(2_764_737, d.parameters().Sum(p => p.numel()));             // the authors' print_networks: 2.765 M for D_A
    }
}
