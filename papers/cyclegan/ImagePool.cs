using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>
/// The history of generated images the discriminators train on (paper §4, after Shrivastava et al.; the authors'
/// util/image_pool.py): until the pool holds <c>size</c> images each query image is stored and returned; after
/// that, with probability ½ the image is returned as is, and otherwise it replaces a uniformly chosen stored image,
/// which is returned instead. A pool of size 0 returns its input. The stored images are buffers, so a checkpoint
/// holds them; the coin and the index come from an explicit generator, saved beside them.
/// </summary>
public sealed class ImagePool : nn.Module
{
    /// <summary>The swap probability of the authors' query (p &gt; 0.5 swaps).</summary>
    public const double SwapProbability = 0.5;

    private readonly Tensor _images;
    private readonly Tensor _count;
    private readonly Generator _random;

    /// <param name="size">images kept (the paper's 50)</param>
    /// <param name="image">the shape of one image, [C, H, W]</param>
    /// <param name="random">draws the coin and the index</param>
    public ImagePool(int size, long[] image, Generator random) : base(nameof(ImagePool))
    {
        if (size < 0) throw new ArgumentException($"an image pool holds 0 or more images, not {size}");
        if (image.Length != 3) throw new ArgumentException($"an image is [C, H, W], not [{string.Join(", ", image)}]");
        Size = size;
        _images = zeros([size, .. image]);                                         // [size, C, H, W]
        _count = zeros([1], ScalarType.Int64);
        _random = random;
        RegisterComponents();
    }

    public int Size { get; }

    /// <summary>Images stored so far (at most <see cref="Size"/>).</summary>
    public int Count => (int)_count.ToInt64();

    /// <summary>One image per query image, detached: [B, C, H, W] → [B, C, H, W].</summary>
    public Tensor Query(Tensor images)
    {
        if (images.dim() != 4 || !images.shape[1..].SequenceEqual(_images.shape[1..]))
            throw new ArgumentException($"the pool holds [C, H, W] = [{string.Join(", ", _images.shape[1..])}], not a batch [{string.Join(", ", images.shape)}]");
        using var noGrad = no_grad();
        if (Size == 0) return images.detach();
        var returned = new List<Tensor>();
        for (long i = 0; i < images.shape[0]; i++)
        {
            var image = images[i].detach().to(_images.device);                      // [C, H, W]
            var count = Count;
            if (count < Size)
            {
                _images[count].copy_(image);
                _count.add_(1);
                returned.Add(image.clone());
            }
            else if (rand([1], generator: _random).ToDouble() > SwapProbability)
            {
                var index = randint(0, Size, [1], generator: _random).ToInt64();
                returned.Add(_images[index].clone());
                _images[index].copy_(image);
            }
            else returned.Add(image.clone());
        }
        return stack(returned, 0).to(images.device);                               // [B, C, H, W]
    }
}
