namespace Papers.Torch;

/// <summary>How a loss reduces its per-element values, numbered as at::Reduction numbers them.</summary>
public enum Reduction
{
    /// <summary>No reduction: one loss per element (per sample for cross entropy and NLL).</summary>
    None = 0,

    /// <summary>The mean over elements (over the weights of the counted targets, for weighted cross entropy and NLL).</summary>
    Mean = 1,

    Sum = 2,

    /// <summary>The sum divided by the batch size (the first dimension): kl_div only, where it gives the true KL divergence per sample.</summary>
    BatchMean = 3,
}

/// <summary>How a convolution pads its input, or how torch.nn.functional.pad fills the border.</summary>
public enum PaddingModes
{
    /// <summary>Zeros around the input (Conv2d's default).</summary>
    Zeros,

    /// <summary>A fixed value around the input (pad's default).</summary>
    Constant,

    /// <summary>The input mirrored at its border, without repeating the edge (ReflectionPad2d).</summary>
    Reflect,
}
