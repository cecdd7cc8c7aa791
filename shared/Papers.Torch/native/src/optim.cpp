// One Adam update of a float parameter in a single pass over its elements, instead of eight libtorch calls that each
// pass over all of them: the same numbers, bit for bit.
//
// PyTorch 1.13's adam.py (single-tensor path), as Adam.cs runs it, makes eight elementwise calls:
//   m.mul_(β₁).add_(g, α = 1 − β₁);  v.mul_(β₂).addcmul_(g, g, 1 − β₂);
//   d = (v.sqrt() / √(1 − β₂ᵗ)).add_(ε);  θ.addcdiv_(m, d, −γ / (1 − β₁ᵗ)).
// Each scalar becomes a float, and ATen's AVX2 kernels compute, per element: m·β₁; fma(g, α, m) (add's vectorised form
// is a fused multiply-add); v·β₂; fma((1 − β₂)·g, g, v) (the compiler fuses addcmul's self + s·t₁·t₂); √v / c; + ε;
// θ + (s·m) / d. The loop below performs exactly those operations, eight elements at a time, with fp-contract off so
// that no other product is fused; the elements after the last full vector take the same operations one by one.
#include "common.h"
#include <ATen/Parallel.h>
#include <immintrin.h>
#include <cmath>

namespace {

struct AdamScalars {
    float beta1, alpha1, beta2, alpha2, correction2, eps, step;  // β₁, 1 − β₁, β₂, 1 − β₂, √(1 − β₂ᵗ), ε, −γ / (1 − β₁ᵗ)
};

__attribute__((target("avx2,fma"), optimize("fp-contract=off")))
void adam_avx2(int64_t n, const AdamScalars& s, const float* __restrict g, float* __restrict p, float* __restrict m, float* __restrict v) {
    const auto beta1 = _mm256_set1_ps(s.beta1), alpha1 = _mm256_set1_ps(s.alpha1), beta2 = _mm256_set1_ps(s.beta2),
               alpha2 = _mm256_set1_ps(s.alpha2), correction2 = _mm256_set1_ps(s.correction2), eps = _mm256_set1_ps(s.eps),
               step = _mm256_set1_ps(s.step);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        auto gi = _mm256_loadu_ps(g + i);
        auto mi = _mm256_fmadd_ps(gi, alpha1, _mm256_mul_ps(_mm256_loadu_ps(m + i), beta1));
        auto vi = _mm256_fmadd_ps(_mm256_mul_ps(alpha2, gi), gi, _mm256_mul_ps(_mm256_loadu_ps(v + i), beta2));
        auto d = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(vi), correction2), eps);
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(p + i, _mm256_add_ps(_mm256_loadu_ps(p + i), _mm256_div_ps(_mm256_mul_ps(step, mi), d)));
    }
    for (; i < n; i++) {
        auto mi = std::fma(g[i], s.alpha1, m[i] * s.beta1);
        auto vi = std::fma(s.alpha2 * g[i], g[i], v[i] * s.beta2);
        auto d = std::sqrt(vi) / s.correction2 + s.eps;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] + (s.step * mi) / d;
    }
}

}  // namespace

// Returns 1 after updating p, m and v in place; 0, touching nothing, where the loop does not cover the case (libtorch's
// kernels other than AVX2, a tensor that is not a contiguous float tensor on the CPU, sizes that differ), so that the
// caller makes libtorch's eight calls; −1 on error.
PT_API int pt_adam_update(Tensor param, Tensor grad, Tensor exp_avg, Tensor exp_avg_sq, double beta1, double beta2,
                          double bias_correction2_sqrt, double eps, double step_size) {
    try {
        const at::Tensor* all[] = {param, grad, exp_avg, exp_avg_sq};
        if (!aten_avx2()) return 0;
        for (auto t : all)
            if (!cpu_float(*t) || !t->is_contiguous() || t->numel() != param->numel()) return 0;
        // Scalar → float as ATen converts a Scalar for a float kernel (static_cast, round to nearest).
        AdamScalars s{(float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)bias_correction2_sqrt,
                      (float)eps, (float)(-step_size)};
        auto g = grad->data_ptr<float>();
        auto p = param->data_ptr<float>(), m = exp_avg->data_ptr<float>(), v = exp_avg_sq->data_ptr<float>();
        // Elements are independent: any split between threads gives the same numbers.
        at::parallel_for(0, (param->numel() + 7) / 8, at::internal::GRAIN_SIZE / 8, [&](int64_t begin, int64_t end) {
            auto first = begin * 8, last = std::min(end * 8, param->numel());
            adam_avx2(last - first, s, g + first, p + first, m + first, v + first);
        });
        // As libtorch's in-place calls do, so that autograd still notices a tensor saved for a backward changing.
        for (auto t : {param, exp_avg, exp_avg_sq}) t->unsafeGetTensorImpl()->bump_version();
        return 1;
    } PT_CATCH(-1)
}
