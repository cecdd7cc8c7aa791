using System.Globalization;

namespace Papers.Torch.Modules;

/// <summary>Values spelled as PyTorch's printouts spell them, so that a printed model reads as it does in Python.</summary>
internal static class Repr
{
    public static string Bool(bool v) => v ? "True" : "False";

    /// <summary>Shortest round-trip digits, with Python's exponent form (1e-05).</summary>
    public static string Float(double v) =>
        v.ToString("R", CultureInfo.InvariantCulture).Replace("E-0", "e-0").Replace("E+0", "e+0").Replace('E', 'e');
}
