using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

public class Mat5Tests
{
    // X: uint8 [2, 3] whose column-major bytes 1 2 5 6 9 10 are the C-order rows (1, 5, 9) and (2, 6, 10);
    // y: double [3, 1] stored as bytes, as MATLAB stores small integers.
    private static byte[] File(bool compressed) => new MatBytes()
        .Variable("X", MatBytes.MxUInt8, [2, 3], MatBytes.MiUInt8, [1, 2, 5, 6, 9, 10], compressed)
        .Variable("y", MatBytes.MxDouble, [3, 1], MatBytes.MiUInt8, [10, 1, 7], compressed)
        .ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsVariablesInCOrderAndInTheirClass(bool compressed)
    {
        var variables = Mat5.Read(File(compressed), "test.mat");
        Assert.Equal(["X", "y"], variables.Keys.Order());
        Assert.Equal("uint8", variables["X"].DType);
        Assert.Equal(new long[] { 2, 3 }, variables["X"].Shape);
        Assert.Equal(new byte[] { 1, 5, 9, 2, 6, 10 }, variables["X"].As<byte>());
        Assert.Equal("float64", variables["y"].DType);                            // a double stored as bytes reads as double
        Assert.Equal(new[] { 10.0, 1.0, 7.0 }, variables["y"].As<double>());
    }

    [Fact]
    public void RefusesOtherFormatsNamingTheFix()
    {
        var v73 = File(false);
        v73[126] = 0;
        Assert.Contains("7.3", Assert.Throws<InvalidDataException>(() => Mat5.Read(v73, "v73.mat")).Message);
        var bigEndian = File(false);
        (bigEndian[126], bigEndian[127]) = ((byte)'M', (byte)'I');
        Assert.Contains("big-endian", Assert.Throws<InvalidDataException>(() => Mat5.Read(bigEndian, "be.mat")).Message);
        Assert.Contains("not a Level 5", Assert.Throws<InvalidDataException>(() => Mat5.Read(new byte[200], "zeros.mat")).Message);
    }
}
