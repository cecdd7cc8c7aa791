// ProdLDA's decoder output and reconstruction term (Srivastava & Sutton 2017; papers/prodlda, Avitm.forward and
// Elbo.Reconstruction) as two fused kernels over a [B, V] batch (B documents or samples of one, V words), forward and
// backward:
//   batch_norm_softmax: x̂ = softmax over each row of (y − mean₀ y) / √(var₀ y + ε) + shift, the authors'
//     tf.contrib.layers.batch_norm (batch statistics, the biased variance, a shift and no scale) then the softmax;
//   count_nll: r = −Σᵥ xᵥ log(x̂ᵥ + floor) per row of x̂, with the counts x (one row of x may serve every row).
// As libtorch ops they are about twenty-five passes over [B, V] in a training step, forward and backward; here six.
//
// Like metalstm.cpp, and unlike the shim's stand-ins for single libtorch kernels, they agree with the ops (the
// composites in Avitm and Elbo) to float rounding, not bit for bit: the mean comes from the Welford reduction of the
// variance (libtorch sums in float in its own order), exp and log come from vecmath.h rather than Sleef, and the sums
// over rows and columns run in this file's order. The variance is libtorch's to the bit (variance.cpp's loop), and
// count_nll's gradient is the composite's, element for element. Their numbers depend on neither the thread count nor
// the machine: a row's and a column's sums run in a fixed order whichever thread takes them.
#include "common.h"
#include "vecmath.h"
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>
#include <algorithm>
#include <limits>

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

constexpr int64_t kColumns = 64;   // columns per unit of work in the column passes: B × 64 floats stay in cache

__attribute__((target("avx2,fma"))) float hmax8(__m256 v) {
    float lanes[8];
    _mm256_storeu_ps(lanes, v);
    return std::max(std::max(std::max(lanes[0], lanes[1]), std::max(lanes[2], lanes[3])),
                    std::max(std::max(lanes[4], lanes[5]), std::max(lanes[6], lanes[7])));
}

// Per column of y [B, V]: the mean and the scale √(var + ε), var the biased batch variance. Both as the composite
// rounds them: the variance to float, then + ε and the square root in float.
void column_statistics(const float* y, int64_t B, int64_t V, float eps, float* mean, float* scale) {
    each_chunk(V, kColumns, [&](int64_t, int64_t first, int64_t last) {
        double m[kColumns] = {0}, m2[kColumns] = {0};
        welford_avx2(y + first, B, V, 0, last - first, m, m2);
        for (int64_t c = 0; c < last - first; c++) {
            mean[first + c] = (float)m[c];
            scale[first + c] = std::sqrt((float)(m2[c] / (double)B) + eps);
        }
    });
}

// One row: out = softmax((y − mean) / scale + shift). A row holding NaN comes out all NaN, as the composite's does.
__attribute__((target("avx2,fma"))) void softmax_row(const float* y, const float* mean, const float* scale, const float* shift,
                                                     int64_t V, float* out) {
    __m256 top = _mm256_set1_ps(-std::numeric_limits<float>::infinity()), nan = _mm256_setzero_ps();
    int64_t j = 0;
    for (; j + 8 <= V; j += 8) {
        const __m256 t = _mm256_add_ps(_mm256_div_ps(_mm256_sub_ps(_mm256_loadu_ps(y + j), _mm256_loadu_ps(mean + j)),
                                                     _mm256_loadu_ps(scale + j)), _mm256_loadu_ps(shift + j));
        _mm256_storeu_ps(out + j, t);
        top = _mm256_max_ps(top, t);
        nan = _mm256_or_ps(nan, _mm256_cmp_ps(t, t, _CMP_UNORD_Q));
    }
    float m = hmax8(top);
    bool any_nan = _mm256_movemask_ps(nan) != 0;
    for (; j < V; j++) {
        const float t = (y[j] - mean[j]) / scale[j] + shift[j];
        out[j] = t;
        m = std::max(m, t);
        any_nan = any_nan || std::isnan(t);
    }
    if (any_nan) {
        std::fill(out, out + V, std::numeric_limits<float>::quiet_NaN());
        return;
    }
    const __m256 mv = _mm256_set1_ps(m);
    __m256 sum = _mm256_setzero_ps();
    for (j = 0; j + 8 <= V; j += 8) {
        const __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(out + j), mv));
        _mm256_storeu_ps(out + j, e);
        sum = _mm256_add_ps(sum, e);
    }
    float s = hsum8(sum);
    for (; j < V; j++) {
        out[j] = lane0(exp8, out[j] - m);
        s += out[j];
    }
    const float inverse = 1.0f / s;
    const __m256 iv = _mm256_set1_ps(inverse);
    for (j = 0; j + 8 <= V; j += 8) _mm256_storeu_ps(out + j, _mm256_mul_ps(_mm256_loadu_ps(out + j), iv));
    for (; j < V; j++) out[j] = out[j] * inverse;
}

// One row of the softmax's backward: d = x̂ (g − Σ g x̂).
__attribute__((target("avx2,fma"))) void softmax_backward_row(const float* g, const float* xhat, int64_t V, float* d) {
    __m256 dot = _mm256_setzero_ps();
    int64_t j = 0;
    for (; j + 8 <= V; j += 8) dot = _mm256_fmadd_ps(_mm256_loadu_ps(g + j), _mm256_loadu_ps(xhat + j), dot);
    float s = hsum8(dot);
    for (; j < V; j++) s = std::fma(g[j], xhat[j], s);
    const __m256 sv = _mm256_set1_ps(s);
    for (j = 0; j + 8 <= V; j += 8)
        _mm256_storeu_ps(d + j, _mm256_mul_ps(_mm256_loadu_ps(xhat + j), _mm256_sub_ps(_mm256_loadu_ps(g + j), sv)));
    for (; j < V; j++) d[j] = xhat[j] * (g[j] - s);
}

// Columns [first, last) of the batch norm's backward, in place: d holds ∂L/∂ŷ [B, V] on entry and ∂L/∂y on return;
// with n̂ = (y − mean) / scale, ∂L/∂y = (d − mean₀ d − n̂ · mean₀(d n̂)) / scale, and ∂L/∂shift = Σ₀ d. The column sums
// run over the rows in order, in double.
__attribute__((target("avx2,fma"))) void batch_norm_backward_columns(const float* y, const float* mean, const float* scale, int64_t B,
                                                                     int64_t V, int64_t first, int64_t last, float* d, float* dshift) {
    const int64_t n = last - first, n4 = n / 4 * 4;
    __m256d a[kColumns / 4], b[kColumns / 4];
    double at[4] = {0}, bt[4] = {0};
    for (int64_t k = 0; k < n4 / 4; k++) a[k] = b[k] = _mm256_setzero_pd();
    for (int64_t r = 0; r < B; r++) {
        const float* yr = y + r * V + first;
        const float* dr = d + r * V + first;
        for (int64_t c = 0; c < n4; c += 4) {
            const __m128 nh = _mm_div_ps(_mm_sub_ps(_mm_loadu_ps(yr + c), _mm_loadu_ps(mean + first + c)), _mm_loadu_ps(scale + first + c));
            const __m256d dv = _mm256_cvtps_pd(_mm_loadu_ps(dr + c));
            a[c / 4] = _mm256_add_pd(a[c / 4], dv);
            b[c / 4] = _mm256_fmadd_pd(dv, _mm256_cvtps_pd(nh), b[c / 4]);
        }
        for (int64_t c = n4; c < n; c++) {
            const float nh = (yr[c] - mean[first + c]) / scale[first + c];
            at[c - n4] += dr[c];
            bt[c - n4] = std::fma((double)dr[c], (double)nh, bt[c - n4]);
        }
    }
    double sa[kColumns], sb[kColumns];
    for (int64_t c = 0; c < n4; c += 4) {
        _mm256_storeu_pd(sa + c, a[c / 4]);
        _mm256_storeu_pd(sb + c, b[c / 4]);
    }
    std::copy(at, at + (n - n4), sa + n4);
    std::copy(bt, bt + (n - n4), sb + n4);
    float ma[kColumns], mb[kColumns];
    for (int64_t c = 0; c < n; c++) {
        dshift[first + c] = (float)sa[c];
        ma[c] = (float)(sa[c] / (double)B);
        mb[c] = (float)(sb[c] / (double)B);
    }
    for (int64_t r = 0; r < B; r++) {
        const float* yr = y + r * V + first;
        float* dr = d + r * V + first;
        int64_t c = 0;
        for (; c + 8 <= n; c += 8) {
            const __m256 s = _mm256_loadu_ps(scale + first + c);
            const __m256 nh = _mm256_div_ps(_mm256_sub_ps(_mm256_loadu_ps(yr + c), _mm256_loadu_ps(mean + first + c)), s);
            const __m256 t = _mm256_sub_ps(_mm256_sub_ps(_mm256_loadu_ps(dr + c), _mm256_loadu_ps(ma + c)), _mm256_mul_ps(nh, _mm256_loadu_ps(mb + c)));
            _mm256_storeu_ps(dr + c, _mm256_div_ps(t, s));
        }
        for (; c < n; c++) {
            const float s = scale[first + c], nh = (yr[c] - mean[first + c]) / s;
            dr[c] = ((dr[c] - ma[c]) - nh * mb[c]) / s;
        }
    }
}

struct BatchNormSoftmax : public torch::autograd::Function<BatchNormSoftmax> {
    // y [B, V] and shift [V], contiguous; returns x̂ [B, V].
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& y, const at::Tensor& shift, double eps) {
        const int64_t B = y.size(0), V = y.size(1);
        auto mean = at::empty({V}, y.options()), scale = at::empty({V}, y.options()), out = at::empty({B, V}, y.options());
        column_statistics(ptr(y), B, V, (float)eps, ptr(mean), ptr(scale));
        each_chunk(B, 1, [&](int64_t i, int64_t, int64_t) { softmax_row(ptr(y) + i * V, ptr(mean), ptr(scale), ptr(shift), V, ptr(out) + i * V); });
        ctx->save_for_backward({y, out});
        ctx->saved_data["mean"] = mean;
        ctx->saved_data["scale"] = scale;
        return out;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        auto saved = ctx->get_saved_variables();
        const auto &y = saved[0], &out = saved[1];
        auto mean = ctx->saved_data["mean"].toTensor(), scale = ctx->saved_data["scale"].toTensor();
        auto g = grads[0].contiguous();
        const int64_t B = y.size(0), V = y.size(1);
        auto dy = at::empty({B, V}, y.options()), dshift = at::empty({V}, y.options());
        each_chunk(B, 1, [&](int64_t i, int64_t, int64_t) { softmax_backward_row(ptr(g) + i * V, ptr(out) + i * V, V, ptr(dy) + i * V); });
        each_chunk(V, kColumns, [&](int64_t, int64_t first, int64_t last) {
            batch_norm_backward_columns(ptr(y), ptr(mean), ptr(scale), B, V, first, last, ptr(dy), ptr(dshift));
        });
        return {dy, dshift, at::Tensor()};
    }
};

// One row: −Σ x log(p + floor), the terms summed in double.
__attribute__((target("avx2,fma"))) float count_nll_row(const float* x, const float* p, float floor, int64_t V) {
    const __m256 fv = _mm256_set1_ps(floor);
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    int64_t j = 0;
    for (; j + 8 <= V; j += 8) {
        const __m256 term = _mm256_mul_ps(_mm256_loadu_ps(x + j), log8(_mm256_add_ps(_mm256_loadu_ps(p + j), fv)));
        lo = _mm256_add_pd(lo, _mm256_cvtps_pd(_mm256_castps256_ps128(term)));
        hi = _mm256_add_pd(hi, _mm256_cvtps_pd(_mm256_extractf128_ps(term, 1)));
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, _mm256_add_pd(lo, hi));
    double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    for (; j < V; j++) s += (double)(x[j] * lane0(log8, p[j] + floor));
    return (float)-s;
}

// One row of the gradient, the composite's operations: ∂r/∂p = (−g) · x / (p + floor).
__attribute__((target("avx2,fma"))) void count_nll_backward_row(const float* x, const float* p, float floor, float g, int64_t V, float* d) {
    const __m256 fv = _mm256_set1_ps(floor), ng = _mm256_set1_ps(-g);
    int64_t j = 0;
    for (; j + 8 <= V; j += 8)
        _mm256_storeu_ps(d + j, _mm256_div_ps(_mm256_mul_ps(ng, _mm256_loadu_ps(x + j)), _mm256_add_ps(_mm256_loadu_ps(p + j), fv)));
    for (; j < V; j++) d[j] = (-g * x[j]) / (p[j] + floor);
}

struct CountNll : public torch::autograd::Function<CountNll> {
    // x [1 or S, V] (no gradient), p [S, V], contiguous; returns r [S].
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& p, double floor) {
        const int64_t S = p.size(0), V = p.size(1), step = x.size(0) == 1 ? 0 : V;
        auto r = at::empty({S}, p.options());
        each_chunk(S, 1, [&](int64_t s, int64_t, int64_t) { ptr(r)[s] = count_nll_row(ptr(x) + s * step, ptr(p) + s * V, (float)floor, V); });
        ctx->save_for_backward({x, p});
        ctx->saved_data["floor"] = floor;
        return r;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        auto saved = ctx->get_saved_variables();
        const auto &x = saved[0], &p = saved[1];
        const float floor = (float)ctx->saved_data["floor"].toDouble();
        auto g = grads[0].contiguous();
        const int64_t S = p.size(0), V = p.size(1), step = x.size(0) == 1 ? 0 : V;
        auto dp = at::empty({S, V}, p.options());
        each_chunk(S, 1, [&](int64_t s, int64_t, int64_t) { count_nll_backward_row(ptr(x) + s * step, ptr(p) + s * V, floor, ptr(g)[s], V, ptr(dp) + s * V); });
        return {at::Tensor(), dp, at::Tensor()};
    }
};

}  // namespace

// x̂ = softmax((y − mean₀ y) / √(var₀ y + eps) + shift, dim 1) for y [B, V] and shift [V]. Returns 1 with x̂ in *out
// where the kernel covers the case (AVX2 kernels, float CPU tensors); 0 where it does not (the caller runs the
// composite); −1 on an error.
PT_API int pt_batch_norm_softmax(Tensor y, Tensor shift, double eps, Tensor* out) {
    try {
        TORCH_CHECK(y->dim() == 2, "batch_norm_softmax: the input must be [B, V], not ", y->sizes());
        TORCH_CHECK(shift->dim() == 1 && shift->size(0) == y->size(1), "batch_norm_softmax: the shift must be [", y->size(1), "], not ", shift->sizes());
        TORCH_CHECK(y->size(0) >= 1 && y->size(1) >= 1, "batch_norm_softmax: an empty input ", y->sizes());
        if (!aten_avx2() || !cpu_float(*y) || !cpu_float(*shift)) return 0;
        *out = new at::Tensor(BatchNormSoftmax::apply(y->contiguous(), shift->contiguous(), eps));
        return 1;
    } PT_CATCH(-1)
}

// r = −Σᵥ x log(p + floor) per row of p [S, V], with x [S, V] or [1, V] (counts, no gradient). Returns 1 with r [S]
// in *out where the kernel covers the case (AVX2 kernels, float CPU tensors, x not requiring a gradient); 0 where it
// does not (the caller runs the composite); −1 on an error.
PT_API int pt_count_nll(Tensor x, Tensor p, double floor, Tensor* out) {
    try {
        TORCH_CHECK(p->dim() == 2 && x->dim() == 2, "count_nll: counts and probabilities must be [S, V] or [1, V] and [S, V], not ",
                    x->sizes(), " and ", p->sizes());
        TORCH_CHECK(x->size(1) == p->size(1) && (x->size(0) == 1 || x->size(0) == p->size(0)),
                    "count_nll: counts ", x->sizes(), " do not match probabilities ", p->sizes());
        if (!aten_avx2() || !cpu_float(*x) || !cpu_float(*p) || x->requires_grad() || p->numel() == 0) return 0;
        *out = new at::Tensor(CountNll::apply(x->contiguous(), p->contiguous(), floor));
        return 1;
    } PT_CATCH(-1)
}
