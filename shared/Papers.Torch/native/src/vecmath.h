// What the shim's fused kernels (metalstm.cpp, topicmodel.cpp) share: e^x and log x for 8 floats from Cephes'
// polynomials (as in avx_mathfun), a horizontal sum in a fixed order, and the split of their work into fixed chunks. libtorch takes exp and log from Sleef, so a
// fused kernel built on these agrees with libtorch's ops to float rounding, not bit for bit. Their numbers depend on
// neither the machine (AVX2 and FMA, written as intrinsics) nor the compiler's contraction choices.
#pragma once
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <immintrin.h>
#include <cmath>
#include <cstdint>

inline int64_t round_up(int64_t n, int64_t m) { return (n + m - 1) / m * m; }

// Splits [0, n) into chunks of `size` and runs body(chunk, first, last) on each, in parallel. A chunk is never split
// between threads, so whatever runs in order inside it gives the same numbers at any thread count.
template <class Body> void each_chunk(int64_t n, int64_t size, const Body& body) {
    at::parallel_for(0, (n + size - 1) / size, 1, [&](int64_t begin, int64_t end) {
        for (auto k = begin; k < end; k++) body(k, k * size, std::min(n, (k + 1) * size));
    });
}

inline float* ptr(const at::Tensor& t) { return t.data_ptr<float>(); }

// e^x: Cephes' expf, 2^n · e^r with n = round(x / ln 2), r = x − n ln 2 in two parts, e^r by its degree-6
// polynomial; x clamped to [−87.3, 88.3], where 2^n stays a normal float (within 2 ulp).
__attribute__((target("avx2,fma"))) inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.3f));
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    const __m256i scale = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(scale));
}

// log x for positive normal x: Cephes' logf, x = m · 2^e with m in [√½, √2), log m by its degree-9 polynomial in
// m − 1, e · ln 2 in two parts (within 2 ulp). A lane holding zero, a negative number, a subnormal, ∞ or NaN gets
// std::log's value.
__attribute__((target("avx2,fma"))) inline __m256 log8(__m256 x) {
    const __m256 min_normal = _mm256_set1_ps(1.17549435e-38f), max_finite = _mm256_set1_ps(3.40282347e+38f);
    const __m256 ordinary = _mm256_and_ps(_mm256_cmp_ps(x, min_normal, _CMP_GE_OQ), _mm256_cmp_ps(x, max_finite, _CMP_LE_OQ));
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256i bits = _mm256_castps_si256(x);
    __m256 e = _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(126)));
    __m256 m = _mm256_or_ps(_mm256_and_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(~0x7f800000))), _mm256_set1_ps(0.5f));
    const __m256 small = _mm256_cmp_ps(m, _mm256_set1_ps(0.707106781186547524f), _CMP_LT_OQ);   // m in [½, √½): use 2m, e − 1
    e = _mm256_sub_ps(e, _mm256_and_ps(one, small));
    m = _mm256_add_ps(_mm256_sub_ps(m, one), _mm256_and_ps(m, small));
    const __m256 z = _mm256_mul_ps(m, m);
    __m256 y = _mm256_set1_ps(7.0376836292e-2f);
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(-1.1514610310e-1f));
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(1.1676998740e-1f));
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(-1.2420140846e-1f));
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(1.4249322787e-1f));
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(-1.6668057665e-1f));
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(2.0000714765e-1f));
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(-2.4999993993e-1f));
    y = _mm256_fmadd_ps(y, m, _mm256_set1_ps(3.3333331174e-1f));
    y = _mm256_mul_ps(_mm256_mul_ps(y, m), z);
    y = _mm256_fmadd_ps(e, _mm256_set1_ps(-2.12194440e-4f), y);
    y = _mm256_fnmadd_ps(z, _mm256_set1_ps(0.5f), y);
    __m256 result = _mm256_fmadd_ps(e, _mm256_set1_ps(0.693359375f), _mm256_add_ps(m, y));
    if (_mm256_movemask_ps(ordinary) != 0xff) {
        float lanes[8], inputs[8];
        _mm256_storeu_ps(lanes, result);
        _mm256_storeu_ps(inputs, x);
        const int mask = _mm256_movemask_ps(ordinary);
        for (int k = 0; k < 8; k++)
            if (!(mask & (1 << k))) lanes[k] = std::log(inputs[k]);
        result = _mm256_loadu_ps(lanes);
    }
    return result;
}

// The sum of 8 lanes, pairwise in a fixed order.
__attribute__((target("avx2,fma"))) inline float hsum8(__m256 v) {
    float lanes[8];
    _mm256_storeu_ps(lanes, v);
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

// One float through an 8-lane function, for the tails of rows.
template <class F> __attribute__((target("avx2,fma"))) inline float lane0(F f, float x) {
    float lanes[8];
    _mm256_storeu_ps(lanes, f(_mm256_set1_ps(x)));
    return lanes[0];
}
