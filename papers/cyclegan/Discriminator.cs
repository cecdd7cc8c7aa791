using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>
/// The authors' NLayerDiscriminator, the PatchGAN (paper §4, Appendix 7.2): C(ndf) without norm, then C(2·ndf) …
/// stride 2, one stride-1 layer, and a 1-channel stride-1 output; 4×4 kernels, padding 1, instance norm, leaky
/// ReLU 0.2, no sigmoid (the LSGAN loss reads raw scores). Three layers give the 70×70 receptive field of the
/// paper; on 32×32 digits two layers give 34×34, one patch per image position near the whole digit.
/// </summary>
public sealed class PatchDiscriminator : nn.Module<Tensor, Tensor>
{
    private const double Slope = 0.2;
    private readonly nn.Module<Tensor, Tensor> _model;

    public PatchDiscriminator(long channels, long ndf, int layers) : base(nameof(PatchDiscriminator))
    {
        if (channels < 1 || ndf < 1 || layers < 1) throw new ArgumentException($"PatchDiscriminator needs channels, ndf and layers ≥ 1, not {channels}, {ndf}, {layers}");
        var sequence = new List<nn.Module<Tensor, Tensor>> { nn.Conv2d(channels, ndf, 4, stride: 2, padding: 1), nn.LeakyReLU(Slope) };   // C64
        var mult = 1L;
        for (var n = 1; n < layers; n++)                                           // C128, C256 (stride 2)
        {
            var previous = mult;
            mult = Math.Min(1L << n, 8);
            sequence.AddRange([nn.Conv2d(ndf * previous, ndf * mult, 4, stride: 2, padding: 1), nn.InstanceNorm2d(ndf * mult), nn.LeakyReLU(Slope)]);
        }
        var last = mult;
        mult = Math.Min(1L << layers, 8);
        sequence.AddRange([nn.Conv2d(ndf * last, ndf * mult, 4, stride: 1, padding: 1), nn.InstanceNorm2d(ndf * mult), nn.LeakyReLU(Slope)]);   // C512, stride 1
        sequence.Add(nn.Conv2d(ndf * mult, 1, 4, stride: 1, padding: 1));          // one score per patch
        _model = nn.Sequential(sequence.ToArray());
        RegisterComponents();
        Init.Normal(this);
    }

    /// <summary>Receptive field of one output score, in input pixels: 70 for three layers (the paper's 70×70).</summary>
    public static int ReceptiveField(int layers)
    {
        var field = 1;
        for (var i = 0; i < 2; i++) field += 3;                                    // the two stride-1 4×4 layers
        for (var i = 0; i < layers; i++) field = field * 2 + 2;                    // each stride-2 4×4 layer, from the top down
        return field;
    }

    public override Tensor forward(Tensor x) => _model.call(x);                   // [B, C, H, W] → [B, 1, h, w]
}
