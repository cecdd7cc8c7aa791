using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

// B images in a batch, C channels (1 for grey digits, 3 for photos), H×W pixels; ngf / ndf filters of the first layer.

/// <summary>
/// The authors' ResnetGenerator (models/networks.py; Johnson et al.'s network, paper §4 and Appendix 7.2):
/// c7s1-ngf, d(2·ngf), d(4·ngf), R(4·ngf) × blocks, u(2·ngf), u(ngf), c7s1-C. Reflection padding, instance norm
/// without affine parameters (so convolutions carry biases), ReLU, tanh output in [−1, 1]. Always two
/// down-samplings, as the authors' code; the paper uses 9 blocks at 256×256 and 6 at 128×128.
/// </summary>
public sealed class ResnetGenerator : nn.Module<Tensor, Tensor>
{
    /// <summary>Down-samplings (stride-2 convolutions) and as many up-samplings: H and W must divide by 2² = 4.</summary>
    public const int Downsamplings = 2;

    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly long _channels;

    public ResnetGenerator(long channels, long ngf, int blocks) : base(nameof(ResnetGenerator))
    {
        if (channels < 1 || ngf < 1 || blocks < 0) throw new ArgumentException($"ResnetGenerator needs channels ≥ 1, ngf ≥ 1, blocks ≥ 0, not {channels}, {ngf}, {blocks}");
        _channels = channels;
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            nn.ReflectionPad2d(3), nn.Conv2d(channels, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(),   // c7s1-ngf
        };
        for (var i = 0; i < Downsamplings; i++)                                   // d128, d256 at ngf = 64
        {
            var mult = 1L << i;
            layers.AddRange([nn.Conv2d(ngf * mult, ngf * mult * 2, 3, stride: 2, padding: 1), nn.InstanceNorm2d(ngf * mult * 2), nn.ReLU()]);
        }
        var width = ngf << Downsamplings;
        for (var i = 0; i < blocks; i++) layers.Add(new ResnetBlock(width));      // R256 × blocks
        for (var i = 0; i < Downsamplings; i++)                                   // u128, u64
        {
            var mult = 1L << (Downsamplings - i);
            layers.AddRange([nn.ConvTranspose2d(ngf * mult, ngf * mult / 2, 3, stride: 2, padding: 1, output_padding: 1),
                nn.InstanceNorm2d(ngf * mult / 2), nn.ReLU()]);
        }
        layers.AddRange([nn.ReflectionPad2d(3), nn.Conv2d(ngf, channels, 7), nn.Tanh()]);   // c7s1-C
        _model = nn.Sequential(layers.ToArray());
        RegisterComponents();
        Init.Normal(this);
    }

    public override Tensor forward(Tensor x)                                       // x: [B, C, H, W] in [−1, 1]
    {
        if (x.dim() != 4 || x.shape[1] != _channels || x.shape[2] % 4 != 0 || x.shape[3] % 4 != 0)
            throw new ArgumentException($"ResnetGenerator reads [B, {_channels}, H, W] with H and W multiples of 4, not [{string.Join(", ", x.shape)}]");
        return _model.call(x);                                                     // [B, C, H, W] in [−1, 1]
    }
}

/// <summary>The authors' ResnetBlock: x + (pad₁ conv3 IN ReLU pad₁ conv3 IN)(x), reflection padding, no dropout.</summary>
public sealed class ResnetBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _block;

    public ResnetBlock(long width) : base(nameof(ResnetBlock))
    {
        _block = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(width, width, 3), nn.InstanceNorm2d(width), nn.ReLU(),
            nn.ReflectionPad2d(1), nn.Conv2d(width, width, 3), nn.InstanceNorm2d(width));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => x + _block.call(x);               // [B, width, h, w]
}

/// <summary>The authors' init_weights(init_type='normal', init_gain=0.02): convolution weights N(0, 0.02), biases 0.</summary>
public static class Init
{
    public const double Gain = 0.02;

    public static void Normal(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (name.EndsWith(".weight", StringComparison.Ordinal)) nn.init.normal_(parameter, 0, Gain);
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) nn.init.zeros_(parameter);
        }
    }
}
