namespace Papers.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private Tensor Wrap(IntPtr handle) => new(handle);

        private Tensor InPlace(int status)
        {
            Native.Check(status);
            return this;
        }

        // ---- elementwise, one argument ----
        public Tensor neg() => Wrap(Native.pt_neg(Handle));
        public Tensor abs() => Wrap(Native.pt_abs(Handle));
        public Tensor exp() => Wrap(Native.pt_exp(Handle));
        public Tensor log() => Wrap(Native.pt_log(Handle));
        public Tensor log1p() => Wrap(Native.pt_log1p(Handle));
        public Tensor expm1() => Wrap(Native.pt_expm1(Handle));
        public Tensor log2() => Wrap(Native.pt_log2(Handle));
        public Tensor log10() => Wrap(Native.pt_log10(Handle));
        public Tensor sqrt() => Wrap(Native.pt_sqrt(Handle));
        public Tensor rsqrt() => Wrap(Native.pt_rsqrt(Handle));
        public Tensor sin() => Wrap(Native.pt_sin(Handle));
        public Tensor cos() => Wrap(Native.pt_cos(Handle));
        public Tensor tan() => Wrap(Native.pt_tan(Handle));
        public Tensor tanh() => Wrap(Native.pt_tanh(Handle));
        public Tensor sinh() => Wrap(Native.pt_sinh(Handle));
        public Tensor cosh() => Wrap(Native.pt_cosh(Handle));
        public Tensor asin() => Wrap(Native.pt_asin(Handle));
        public Tensor acos() => Wrap(Native.pt_acos(Handle));
        public Tensor atan() => Wrap(Native.pt_atan(Handle));
        public Tensor asinh() => Wrap(Native.pt_asinh(Handle));
        public Tensor acosh() => Wrap(Native.pt_acosh(Handle));
        public Tensor atanh() => Wrap(Native.pt_atanh(Handle));
        public Tensor sigmoid() => Wrap(Native.pt_sigmoid(Handle));
        public Tensor relu() => Wrap(Native.pt_relu(Handle));
        public Tensor sign() => Wrap(Native.pt_sign(Handle));
        public Tensor floor() => Wrap(Native.pt_floor(Handle));
        public Tensor ceil() => Wrap(Native.pt_ceil(Handle));
        public Tensor round() => Wrap(Native.pt_round(Handle));
        public Tensor trunc() => Wrap(Native.pt_trunc(Handle));
        public Tensor frac() => Wrap(Native.pt_frac(Handle));
        public Tensor reciprocal() => Wrap(Native.pt_reciprocal(Handle));
        public Tensor square() => Wrap(Native.pt_square(Handle));
        public Tensor erf() => Wrap(Native.pt_erf(Handle));
        public Tensor lgamma() => Wrap(Native.pt_lgamma(Handle));
        public Tensor digamma() => Wrap(Native.pt_digamma(Handle));
        public Tensor logical_not() => Wrap(Native.pt_logical_not(Handle));
        public Tensor isnan() => Wrap(Native.pt_isnan(Handle));
        public Tensor isinf() => Wrap(Native.pt_isinf(Handle));
        public Tensor isfinite() => Wrap(Native.pt_isfinite(Handle));

        public Tensor neg_() => InPlace(Native.pt_neg_(Handle));
        public Tensor abs_() => InPlace(Native.pt_abs_(Handle));
        public Tensor exp_() => InPlace(Native.pt_exp_(Handle));
        public Tensor log_() => InPlace(Native.pt_log_(Handle));
        public Tensor sqrt_() => InPlace(Native.pt_sqrt_(Handle));
        public Tensor tanh_() => InPlace(Native.pt_tanh_(Handle));
        public Tensor sigmoid_() => InPlace(Native.pt_sigmoid_(Handle));
        public Tensor relu_() => InPlace(Native.pt_relu_(Handle));
        public Tensor zero_() => InPlace(Native.pt_zero_(Handle));
        public Tensor floor_() => InPlace(Native.pt_floor_(Handle));
        public Tensor round_() => InPlace(Native.pt_round_(Handle));
        public Tensor reciprocal_() => InPlace(Native.pt_reciprocal_(Handle));
        public Tensor fill_(Scalar value) => InPlace(Native.pt_fill_s_(Handle, value.Value, value.Flag));

        // ---- parameterised activations ----
        public Tensor softplus(double beta = 1, double threshold = 20) => Wrap(Native.pt_softplus(Handle, beta, threshold));
        public Tensor leaky_relu(double negative_slope = 0.01) => Wrap(Native.pt_leaky_relu(Handle, negative_slope));
        public Tensor elu(double alpha = 1) => Wrap(Native.pt_elu(Handle, alpha));
        public Tensor gelu(string approximate = "none") => approximate switch
        {
            "none" => Wrap(Native.pt_gelu(Handle, 0)),
            "tanh" => Wrap(Native.pt_gelu(Handle, 1)),
            _ => throw new ArgumentException($"approximate must be \"none\" or \"tanh\", not \"{approximate}\""),
        };
        public Tensor hardtanh(double min_val = -1, double max_val = 1) => Wrap(Native.pt_hardtanh(Handle, min_val, max_val));
        public Tensor softmax(long dim) => Wrap(Native.pt_softmax(Handle, dim));
        public Tensor log_softmax(long dim) => Wrap(Native.pt_log_softmax(Handle, dim));

        // ---- elementwise, two arguments ----
        public Tensor add(Tensor other, Scalar? alpha = null) => Wrap(Native.pt_add(Handle, other.Handle, alpha?.Value ?? 1));
        public Tensor add(Scalar other) => Wrap(Native.pt_add_s(Handle, other.Value, other.Flag));
        public Tensor sub(Tensor other, Scalar? alpha = null) => Wrap(Native.pt_sub(Handle, other.Handle, alpha?.Value ?? 1));
        public Tensor sub(Scalar other) => Wrap(Native.pt_sub_s(Handle, other.Value, other.Flag));
        public Tensor mul(Tensor other) => Wrap(Native.pt_mul(Handle, other.Handle));
        public Tensor mul(Scalar other) => Wrap(Native.pt_mul_s(Handle, other.Value, other.Flag));
        public Tensor div(Tensor other) => Wrap(Native.pt_div(Handle, other.Handle));
        public Tensor div(Scalar other) => Wrap(Native.pt_div_s(Handle, other.Value, other.Flag));
        public Tensor pow(Tensor exponent) => Wrap(Native.pt_pow(Handle, exponent.Handle));
        public Tensor pow(Scalar exponent) => Wrap(Native.pt_pow_s(Handle, exponent.Value, exponent.Flag));
        public Tensor remainder(Tensor other) => Wrap(Native.pt_remainder(Handle, other.Handle));
        public Tensor remainder(Scalar other) => Wrap(Native.pt_remainder_s(Handle, other.Value, other.Flag));
        public Tensor fmod(Tensor other) => Wrap(Native.pt_fmod(Handle, other.Handle));
        public Tensor fmod(Scalar other) => Wrap(Native.pt_fmod_s(Handle, other.Value, other.Flag));
        public Tensor maximum(Tensor other) => Wrap(Native.pt_maximum(Handle, other.Handle));
        public Tensor minimum(Tensor other) => Wrap(Native.pt_minimum(Handle, other.Handle));
        public Tensor atan2(Tensor other) => Wrap(Native.pt_atan2(Handle, other.Handle));
        public Tensor lerp(Tensor end, Tensor weight) => Wrap(Native.pt_lerp(Handle, end.Handle, weight.Handle));
        public Tensor addcmul(Tensor t1, Tensor t2, double value = 1) => Wrap(Native.pt_addcmul(Handle, t1.Handle, t2.Handle, value));
        public Tensor addcdiv(Tensor t1, Tensor t2, double value = 1) => Wrap(Native.pt_addcdiv(Handle, t1.Handle, t2.Handle, value));

        public Tensor add_(Tensor other, Scalar? alpha = null) => InPlace(Native.pt_add_(Handle, other.Handle, alpha?.Value ?? 1));
        public Tensor add_(Scalar other) => InPlace(Native.pt_add_s_(Handle, other.Value, other.Flag));
        public Tensor sub_(Tensor other, Scalar? alpha = null) => InPlace(Native.pt_sub_(Handle, other.Handle, alpha?.Value ?? 1));
        public Tensor sub_(Scalar other) => InPlace(Native.pt_sub_s_(Handle, other.Value, other.Flag));
        public Tensor mul_(Tensor other) => InPlace(Native.pt_mul_(Handle, other.Handle));
        public Tensor mul_(Scalar other) => InPlace(Native.pt_mul_s_(Handle, other.Value, other.Flag));
        public Tensor div_(Tensor other) => InPlace(Native.pt_div_(Handle, other.Handle));
        public Tensor div_(Scalar other) => InPlace(Native.pt_div_s_(Handle, other.Value, other.Flag));
        public Tensor pow_(Tensor exponent) => InPlace(Native.pt_pow_(Handle, exponent.Handle));
        public Tensor pow_(Scalar exponent) => InPlace(Native.pt_pow_s_(Handle, exponent.Value, exponent.Flag));
        public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) => InPlace(Native.pt_addcmul_(Handle, t1.Handle, t2.Handle, value));
        public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) => InPlace(Native.pt_addcdiv_(Handle, t1.Handle, t2.Handle, value));
        public Tensor lerp_(Tensor end, double weight) => InPlace(Native.pt_lerp_(Handle, end.Handle, weight));

        public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
            Wrap(Native.pt_clamp(Handle, min?.Value ?? 0, min is null ? 0 : 1, max?.Value ?? 0, max is null ? 0 : 1));
        public Tensor clamp(Tensor? min, Tensor? max) => Wrap(Native.pt_clamp_t(Handle, min?.Handle ?? IntPtr.Zero, max?.Handle ?? IntPtr.Zero));
        public Tensor clamp_(Scalar? min = null, Scalar? max = null) =>
            InPlace(Native.pt_clamp_(Handle, min?.Value ?? 0, min is null ? 0 : 1, max?.Value ?? 0, max is null ? 0 : 1));
        public Tensor clamp_min(Scalar min) => clamp(min, null);
        public Tensor clamp_max(Scalar max) => clamp(null, max);

        // ---- comparisons and logic ----
        public Tensor eq(Tensor other) => Wrap(Native.pt_eq(Handle, other.Handle));
        public Tensor eq(Scalar other) => Wrap(Native.pt_eq_s(Handle, other.Value, other.Flag));
        public Tensor ne(Tensor other) => Wrap(Native.pt_ne(Handle, other.Handle));
        public Tensor ne(Scalar other) => Wrap(Native.pt_ne_s(Handle, other.Value, other.Flag));
        public Tensor lt(Tensor other) => Wrap(Native.pt_lt(Handle, other.Handle));
        public Tensor lt(Scalar other) => Wrap(Native.pt_lt_s(Handle, other.Value, other.Flag));
        public Tensor le(Tensor other) => Wrap(Native.pt_le(Handle, other.Handle));
        public Tensor le(Scalar other) => Wrap(Native.pt_le_s(Handle, other.Value, other.Flag));
        public Tensor gt(Tensor other) => Wrap(Native.pt_gt(Handle, other.Handle));
        public Tensor gt(Scalar other) => Wrap(Native.pt_gt_s(Handle, other.Value, other.Flag));
        public Tensor ge(Tensor other) => Wrap(Native.pt_ge(Handle, other.Handle));
        public Tensor ge(Scalar other) => Wrap(Native.pt_ge_s(Handle, other.Value, other.Flag));
        public Tensor logical_and(Tensor other) => Wrap(Native.pt_logical_and(Handle, other.Handle));
        public Tensor logical_or(Tensor other) => Wrap(Native.pt_logical_or(Handle, other.Handle));
        public Tensor logical_xor(Tensor other) => Wrap(Native.pt_logical_xor(Handle, other.Handle));
        public Tensor bitwise_and(Tensor other) => Wrap(Native.pt_bitwise_and(Handle, other.Handle));
        public Tensor bitwise_or(Tensor other) => Wrap(Native.pt_bitwise_or(Handle, other.Handle));
        public Tensor bitwise_xor(Tensor other) => Wrap(Native.pt_bitwise_xor(Handle, other.Handle));

        public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
        {
            var r = Native.pt_allclose(Handle, other.Handle, rtol, atol);
            Native.Check(r);
            return r != 0;
        }

        /// <summary>Same shape and the same values.</summary>
        public bool equal(Tensor other)
        {
            var r = Native.pt_equal(Handle, other.Handle);
            Native.Check(r);
            return r != 0;
        }

        public Tensor masked_fill(Tensor mask, Scalar value) => Wrap(Native.pt_masked_fill(Handle, mask.Handle, value.Value, value.Flag));
        public Tensor masked_fill_(Tensor mask, Scalar value) => InPlace(Native.pt_masked_fill_(Handle, mask.Handle, value.Value, value.Flag));
        public Tensor masked_select(Tensor mask) => Wrap(Native.pt_masked_select(Handle, mask.Handle));
        public Tensor nonzero() => Wrap(Native.pt_nonzero(Handle));

        // ---- linear algebra ----
        public Tensor matmul(Tensor other) => Wrap(Native.pt_matmul(Handle, other.Handle));
        public Tensor mm(Tensor other) => Wrap(Native.pt_mm(Handle, other.Handle));
        public Tensor bmm(Tensor other) => Wrap(Native.pt_bmm(Handle, other.Handle));
        public Tensor mv(Tensor other) => Wrap(Native.pt_mv(Handle, other.Handle));
        public Tensor dot(Tensor other) => Wrap(Native.pt_dot(Handle, other.Handle));
        public Tensor outer(Tensor other) => Wrap(Native.pt_outer(Handle, other.Handle));
        public Tensor addmm(Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) =>
            Wrap(Native.pt_addmm(Handle, mat1.Handle, mat2.Handle, beta, alpha));

        // ---- operators ----
        public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
        public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
        public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
        public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
        public static Tensor operator -(Tensor a, Scalar b) => a.sub(b);
        public static Tensor operator -(Scalar a, Tensor b) => b.Wrap(Native.pt_rsub_s(b.Handle, a.Value, a.Flag));
        public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
        public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
        public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
        public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
        public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
        public static Tensor operator /(Scalar a, Tensor b) => b.Wrap(Native.pt_rdiv_s(b.Handle, a.Value, a.Flag));
        public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
        public static Tensor operator %(Tensor a, Scalar b) => a.remainder(b);
        public static Tensor operator -(Tensor a) => a.neg();
        public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
        public static Tensor operator <(Tensor a, Scalar b) => a.lt(b);
        public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
        public static Tensor operator >(Tensor a, Scalar b) => a.gt(b);
        public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
        public static Tensor operator <=(Tensor a, Scalar b) => a.le(b);
        public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
        public static Tensor operator >=(Tensor a, Scalar b) => a.ge(b);
        public static Tensor operator &(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_and(b) : a.bitwise_and(b);
        public static Tensor operator |(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_or(b) : a.bitwise_or(b);
        public static Tensor operator ^(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_xor(b) : a.bitwise_xor(b);
        public static Tensor operator !(Tensor a) => a.logical_not();
    }

    /// <summary>Elementwise base ** exponent with a scalar base.</summary>
    public static Tensor pow(Scalar @base, Tensor exponent) => new(Native.pt_rpow_s(@base.Value, @base.Flag, exponent.Handle));
    public static Tensor pow(Tensor @base, Tensor exponent) => @base.pow(exponent);
    public static Tensor pow(Tensor @base, Scalar exponent) => @base.pow(exponent);
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => new(Native.pt_where(condition.Handle, x.Handle, y.Handle));
    public static Tensor where(Tensor condition, Tensor x, Scalar y) => new(Native.pt_where_s(condition.Handle, x.Handle, y.Value, y.Flag));
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor outer(Tensor a, Tensor b) => a.outer(b);
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) => input.addmm(mat1, mat2, beta, alpha);
    public static Tensor exp(Tensor x) => x.exp();
    public static Tensor log(Tensor x) => x.log();
    public static Tensor sqrt(Tensor x) => x.sqrt();
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor atanh(Tensor x) => x.atanh();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor abs(Tensor x) => x.abs();
    public static Tensor clamp(Tensor x, Scalar? min = null, Scalar? max = null) => x.clamp(min, max);
    public static Tensor lgamma(Tensor x) => x.lgamma();
    public static Tensor softmax(Tensor x, long dim) => x.softmax(dim);
    public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax(dim);
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);

    /// <summary>Einstein summation, e.g. <c>torch.einsum("ij,jk->ik", a, b)</c>.</summary>
    public static unsafe Tensor einsum(string equation, params Tensor[] operands)
    {
        var handles = operands.Select(t => t.Handle).ToArray();
        fixed (IntPtr* p = handles) return new Tensor(Native.pt_einsum(equation, p, handles.Length));
    }

    public static class linalg
    {
        /// <summary>Eigenvalues of a symmetric (Hermitian) matrix, ascending, from the lower or upper triangle.</summary>
        public static Tensor eigvalsh(Tensor a, string UPLO = "L") =>
            UPLO is "L" or "U" ? new(Native.pt_linalg_eigvalsh(a.Handle, UPLO == "U" ? 1 : 0)) : throw new ArgumentException($"UPLO must be \"L\" or \"U\", not \"{UPLO}\"");

        public static Tensor inv(Tensor a) => new(Native.pt_linalg_inv(a.Handle));
    }

    public static class sparse
    {
        /// <summary>sparse × dense with gradients for both (at::_sparse_mm).</summary>
        public static Tensor mm(Tensor sparseMatrix, Tensor dense) => new(Native.pt_sparse_mm(sparseMatrix.Handle, dense.Handle));

        /// <summary>
        /// sparse × dense with a gradient for the dense matrix only: <see cref="mm"/>'s numbers, bit for bit, in a fraction
        /// of its time when the sparse matrix is coalesced (a fixed propagation matrix, or new values on a coalesced
        /// pattern as in sparse dropout). The shim accumulates each row of the result over the row's non-zeros in
        /// libtorch's order and rounds each update as ATen's pinned AVX2 kernel does (native/src/sparse.cpp); where that
        /// kernel is not in force, or the sparse matrix needs a gradient, it is libtorch's product.
        /// </summary>
        public static Tensor spmm(Tensor sparseMatrix, Tensor dense) => new(Native.pt_sparse_spmm(sparseMatrix.Handle, dense.Handle));
    }
}
