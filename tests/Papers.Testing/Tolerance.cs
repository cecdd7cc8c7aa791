using System.Globalization;

namespace Papers.Testing;

/// <summary>
/// How far a number may move: |actual − expected| ≤ <see cref="Absolute"/> + <see cref="Relative"/>·|expected|,
/// numpy's <c>isclose</c> rule. NaN matches only NaN and an infinity only itself.
/// </summary>
public readonly record struct Tolerance(double Absolute, double Relative)
{
    public static Tolerance Exact => new(0, 0);

    public static Tolerance Abs(double absolute) => new(absolute, 0);

    public static Tolerance Rel(double relative) => new(0, relative);

    public bool Accepts(double expected, double actual)
    {
        if (Absolute < 0 || Relative < 0) throw new ArgumentOutOfRangeException(nameof(Absolute), "tolerances are non-negative");
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected.Equals(actual);
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"abs {Absolute:G6}, rel {Relative:G6}");
}

/// <summary>
/// Per-column tolerances of a CSV snapshot: <c>new CsvTolerances { ["ours_mean"] = Tolerance.Abs(1e-6) }</c>.
/// Numeric fields of listed columns compare within their tolerance, every other field as exact text, unless
/// <see cref="Numbers"/> gives a tolerance for the numbers of unlisted columns.
/// </summary>
public sealed class CsvTolerances : Dictionary<string, Tolerance>
{
    public CsvTolerances() : base(StringComparer.Ordinal) { }

    /// <summary>The tolerance of numeric fields in columns not listed; null compares them as text.</summary>
    public Tolerance? Numbers { get; init; }

    internal Tolerance? For(string column) => TryGetValue(column, out var tolerance) ? tolerance : Numbers;
}
