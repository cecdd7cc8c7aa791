namespace Papers.Hnn;

/// <summary>Small dense vector and matrix helpers over spans: dimension 5 makes every product a handful of multiplies.</summary>
public static class Vec
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y = M x for M stored row-major as [rows = y.Length, cols = x.Length].</summary>
    public static void MatVec(ReadOnlySpan<double> m, ReadOnlySpan<double> x, Span<double> y)
    {
        var cols = x.Length;
        for (var r = 0; r < y.Length; r++) y[r] = Dot(m.Slice(r * cols, cols), x);
    }

    /// <summary>The vector-Jacobian product of y = M x: gM += gy xᵀ, gx += Mᵀ gy (either may be empty to skip it).</summary>
    public static void MatVecBackward(ReadOnlySpan<double> m, ReadOnlySpan<double> x, ReadOnlySpan<double> gy, Span<double> gm, Span<double> gx)
    {
        var cols = x.Length;
        for (var r = 0; r < gy.Length; r++)
        {
            var g = gy[r];
            if (!gm.IsEmpty) for (var c = 0; c < cols; c++) gm[r * cols + c] += g * x[c];
            if (!gx.IsEmpty) for (var c = 0; c < cols; c++) gx[c] += g * m[r * cols + c];
        }
    }

    /// <summary>y += a x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
