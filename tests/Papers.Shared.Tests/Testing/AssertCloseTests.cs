using Papers.Testing;
using Xunit.Sdk;

namespace Papers.Shared.Tests;

public class AssertCloseTests
{
    [Theory]
    [InlineData(1.0, 1.0 + 1e-7, 1e-6, 0)]       // |Δ| = 1e-7 ≤ 1e-6
    [InlineData(1000.0, 1000.5, 0, 1e-3)]        // |Δ| = 0.5 ≤ 1e-3 · 1000 = 1
    [InlineData(100.0, 100.3, 0.1, 2e-3)]        // |Δ| = 0.3 ≤ 0.1 + 2e-3 · 100 = 0.3
    [InlineData(double.NaN, double.NaN, 0, 0)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, 0, 0)]
    public void ValuesWithinAbsPlusRelTimesExpectedPass(double expected, double actual, double abs, double rel) =>
        AssertClose.Equal(expected, actual, abs, rel);

    [Theory]
    [InlineData(1.0, 1.00001, 1e-6, 0)]
    [InlineData(100.0, 100.31, 0.1, 2e-3)]
    [InlineData(0.0, double.NaN, 1, 1)]
    [InlineData(double.PositiveInfinity, double.NegativeInfinity, 1, 1)]
    public void ValuesOutsideFail(double expected, double actual, double abs, double rel)
    {
        var e = Assert.Throws<FailException>(() => AssertClose.Equal(expected, actual, abs, rel));
        Assert.Contains("expected ", e.Message);
    }

    [Fact]
    public void ArraysNameTheFirstIndexOutsideAndCountThem()
    {
        AssertClose.Equal([1.0, 2.0, 3.0], [1.0, 2.0000001, 3.0], abs: 1e-6);
        var e = Assert.Throws<FailException>(() => AssertClose.Equal([1.0, 2.0, 3.0, 4.0], [1.0, 2.5, 3.0, 5.0], abs: 0.1));
        Assert.Equal("2 of 4 values outside abs 0.1, rel 0; first at index 1: expected 2, actual 2.5, |difference| 0.5", e.Message);
    }

    [Fact]
    public void FloatArraysAndLengthMismatches()
    {
        AssertClose.Equal([0.1f, 0.2f], [0.1f, 0.2f + 1e-8f], abs: 1e-7);
        var e = Assert.Throws<FailException>(() => AssertClose.Equal([1f, 2f], [1f], abs: 1));
        Assert.Equal("expected 2 values, actual 1", e.Message);
    }
}
