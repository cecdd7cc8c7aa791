using System.Globalization;

namespace Papers.Testing;

/// <summary>
/// Asserts numbers equal within a stated tolerance, |actual − expected| ≤ abs + rel·|expected| (see
/// <see cref="Tolerance"/>), naming the index of the first value outside it.
/// </summary>
public static class AssertClose
{
    public static void Equal(double expected, double actual, double abs, double rel = 0)
    {
        var tolerance = new Tolerance(abs, rel);
        if (!tolerance.Accepts(expected, actual))
            Assert.Fail($"expected {Show(expected)}, actual {Show(actual)}: |difference| {Show(Math.Abs(actual - expected))} is outside {tolerance}");
    }

    public static void Equal(double[] expected, double[] actual, double abs, double rel = 0)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Length != actual.Length) Assert.Fail($"expected {expected.Length} values, actual {actual.Length}");
        var tolerance = new Tolerance(abs, rel);
        var outside = Enumerable.Range(0, expected.Length).Where(i => !tolerance.Accepts(expected[i], actual[i])).ToList();
        if (outside.Count == 0) return;
        var i = outside[0];
        Assert.Fail($"{outside.Count} of {expected.Length} values outside {tolerance}; first at index {i}: " +
                    $"expected {Show(expected[i])}, actual {Show(actual[i])}, |difference| {Show(Math.Abs(actual[i] - expected[i]))}");
    }

    public static void Equal(float[] expected, float[] actual, double abs, double rel = 0)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Equal(Array.ConvertAll(expected, v => (double)v), Array.ConvertAll(actual, v => (double)v), abs, rel);
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
