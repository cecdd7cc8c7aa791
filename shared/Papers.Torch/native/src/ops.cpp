// Elementwise math, comparisons, reductions and linear algebra.
#include "common.h"

// Unary functions and reductions check the policy at any size: libtorch's vectorised math (exp, log, sqrt, tanh...)
// splits loops from 2,048 elements and its reductions over a dimension below 32,768.
#define UNARY(name) PT_API Tensor pt_##name(Tensor a) { PT_SMALL_TENSOR(0, pt_work(a), at::name(*a)) }
#define UNARY_(name) PT_API int pt_##name##_(Tensor a) { PT_SMALL_VOID(0, pt_work(a), a->name##_()) }
#define BINARY(name) PT_API Tensor pt_##name(Tensor a, Tensor b) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, b), at::name(*a, *b)) }
#define BINARY_S(name) PT_API Tensor pt_##name##_s(Tensor a, double v, int isint) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::name(*a, scalar(v, isint))) }
#define BINARY_(name) PT_API int pt_##name##_(Tensor a, Tensor b) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a, b), a->name##_(*b)) }
#define BINARY_S_(name) PT_API int pt_##name##_s_(Tensor a, double v, int isint) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a), a->name##_(scalar(v, isint))) }

UNARY(neg) UNARY(abs) UNARY(exp) UNARY(log) UNARY(log1p) UNARY(expm1) UNARY(log2) UNARY(log10)
UNARY(sqrt) UNARY(rsqrt) UNARY(sin) UNARY(cos) UNARY(tan) UNARY(tanh) UNARY(sinh) UNARY(cosh)
UNARY(asin) UNARY(acos) UNARY(atan) UNARY(asinh) UNARY(acosh) UNARY(atanh) UNARY(sigmoid) UNARY(relu)
UNARY(sign) UNARY(floor) UNARY(ceil) UNARY(round) UNARY(trunc) UNARY(reciprocal) UNARY(square) UNARY(erf)
UNARY(lgamma) UNARY(digamma) UNARY(logical_not) UNARY(isnan) UNARY(isinf) UNARY(isfinite) UNARY(frac)
UNARY_(neg) UNARY_(abs) UNARY_(exp) UNARY_(log) UNARY_(sqrt) UNARY_(tanh) UNARY_(sigmoid) UNARY_(relu)
UNARY_(zero) UNARY_(floor) UNARY_(round) UNARY_(reciprocal)

BINARY(mul) BINARY(div) BINARY(pow) BINARY(remainder) BINARY(fmod) BINARY(maximum) BINARY(minimum)
BINARY(atan2) BINARY(eq) BINARY(ne) BINARY(lt) BINARY(le) BINARY(gt) BINARY(ge)
BINARY(logical_and) BINARY(logical_or) BINARY(logical_xor) BINARY(bitwise_and) BINARY(bitwise_or) BINARY(bitwise_xor)
BINARY_S(mul) BINARY_S(div) BINARY_S(pow) BINARY_S(remainder) BINARY_S(fmod)
BINARY_S(eq) BINARY_S(ne) BINARY_S(lt) BINARY_S(le) BINARY_S(gt) BINARY_S(ge)
BINARY_(mul) BINARY_(div) BINARY_(pow)
BINARY_S_(mul) BINARY_S_(div) BINARY_S_(pow) BINARY_S_(fill)

PT_API Tensor pt_add(Tensor a, Tensor b, double alpha) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, b), at::add(*a, *b, alpha_scalar(alpha))) }
PT_API Tensor pt_sub(Tensor a, Tensor b, double alpha) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, b), at::sub(*a, *b, alpha_scalar(alpha))) }
PT_API Tensor pt_add_s(Tensor a, double v, int isint) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::add(*a, scalar(v, isint))) }
PT_API Tensor pt_sub_s(Tensor a, double v, int isint) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::sub(*a, scalar(v, isint))) }
PT_API Tensor pt_rsub_s(Tensor a, double v, int isint) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::rsub(*a, scalar(v, isint))) }
PT_API Tensor pt_rdiv_s(Tensor a, double v, int isint) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::mul(at::reciprocal(*a), scalar(v, isint))) }
PT_API Tensor pt_rpow_s(double v, int isint, Tensor a) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::pow(scalar(v, isint), *a)) }
PT_API int pt_add_(Tensor a, Tensor b, double alpha) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a, b), a->add_(*b, alpha_scalar(alpha))) }
PT_API int pt_sub_(Tensor a, Tensor b, double alpha) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a, b), a->sub_(*b, alpha_scalar(alpha))) }
PT_API int pt_add_s_(Tensor a, double v, int isint) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a), a->add_(scalar(v, isint))) }
PT_API int pt_sub_s_(Tensor a, double v, int isint) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a), a->sub_(scalar(v, isint))) }
PT_API int pt_addcmul_(Tensor a, Tensor b, Tensor c, double value) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a, b, c), a->addcmul_(*b, *c, value)) }
PT_API int pt_addcdiv_(Tensor a, Tensor b, Tensor c, double value) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a, b, c), a->addcdiv_(*b, *c, value)) }
PT_API int pt_lerp_(Tensor a, Tensor end, double weight) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a, end), a->lerp_(*end, weight)) }
PT_API Tensor pt_lerp(Tensor a, Tensor end, Tensor weight) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, end, weight), at::lerp(*a, *end, *weight)) }
PT_API Tensor pt_addcmul(Tensor a, Tensor b, Tensor c, double value) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, b, c), at::addcmul(*a, *b, *c, value)) }
PT_API Tensor pt_addcdiv(Tensor a, Tensor b, Tensor c, double value) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, b, c), at::addcdiv(*a, *b, *c, value)) }

PT_API Tensor pt_clamp(Tensor a, double lo, int has_lo, double hi, int has_hi) {
    PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::clamp(*a, has_lo ? c10::optional<at::Scalar>(lo) : c10::nullopt, has_hi ? c10::optional<at::Scalar>(hi) : c10::nullopt))
}
PT_API int pt_clamp_(Tensor a, double lo, int has_lo, double hi, int has_hi) {
    PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a), a->clamp_(has_lo ? c10::optional<at::Scalar>(lo) : c10::nullopt, has_hi ? c10::optional<at::Scalar>(hi) : c10::nullopt))
}
PT_API Tensor pt_clamp_t(Tensor a, Tensor lo, Tensor hi) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, lo, hi), at::clamp(*a, opt_tensor(lo), opt_tensor(hi))) }
PT_API Tensor pt_where(Tensor cond, Tensor a, Tensor b) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(cond, a, b), at::where(*cond, *a, *b)) }
PT_API Tensor pt_where_s(Tensor cond, Tensor a, double v, int isint) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(cond, a), at::where(*cond, *a, scalar(v, isint))) }
PT_API Tensor pt_masked_fill(Tensor a, Tensor mask, double v, int isint) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a, mask), at::masked_fill(*a, *mask, scalar(v, isint))) }
PT_API int pt_masked_fill_(Tensor a, Tensor mask, double v, int isint) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(a, mask), a->masked_fill_(*mask, scalar(v, isint))) }
PT_API Tensor pt_masked_select(Tensor a, Tensor mask) { PT_TENSOR(at::masked_select(*a, *mask)) }
PT_API Tensor pt_nonzero(Tensor a) { PT_TENSOR(at::nonzero(*a)) }

// ---- activations with parameters ----
PT_API Tensor pt_softplus(Tensor a, double beta, double threshold) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::softplus(*a, beta, threshold)) }
PT_API Tensor pt_leaky_relu(Tensor a, double slope) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::leaky_relu(*a, slope)) }
PT_API Tensor pt_elu(Tensor a, double alpha) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::elu(*a, alpha)) }
PT_API Tensor pt_gelu(Tensor a, int tanh_approx) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::gelu(*a, tanh_approx ? "tanh" : "none")) }
PT_API Tensor pt_hardtanh(Tensor a, double lo, double hi) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(a), at::hardtanh(*a, lo, hi)) }
PT_API Tensor pt_softmax(Tensor a, int64_t dim) { PT_SMALL_TENSOR(0, pt_work(a), at::softmax(*a, dim)) }
PT_API Tensor pt_log_softmax(Tensor a, int64_t dim) { PT_SMALL_TENSOR(0, pt_work(a), at::log_softmax(*a, dim)) }

// ---- reductions; dims == nullptr with n < 0 means over all elements ----
PT_API Tensor pt_sum(Tensor a, const int64_t* d, int n, int keepdim) {
    PT_SMALL_TENSOR(0, pt_work(a), n < 0 ? at::sum(*a) : at::sum(*a, ints(d, n), keepdim != 0))
}
PT_API Tensor pt_mean(Tensor a, const int64_t* d, int n, int keepdim) {
    PT_SMALL_TENSOR(0, pt_work(a), n < 0 ? at::mean(*a) : at::mean(*a, ints(d, n), keepdim != 0))
}
PT_API Tensor pt_prod(Tensor a, int64_t dim, int has_dim, int keepdim) {
    PT_SMALL_TENSOR(0, pt_work(a), has_dim ? at::prod(*a, dim, keepdim != 0) : at::prod(*a))
}
PT_API Tensor pt_max_all(Tensor a) { PT_SMALL_TENSOR(0, pt_work(a), at::max(*a)) }
PT_API Tensor pt_min_all(Tensor a) { PT_SMALL_TENSOR(0, pt_work(a), at::min(*a)) }
PT_API int pt_max_dim(Tensor a, int64_t dim, int keepdim, Tensor* values, Tensor* indices) {
    try { PtSerial pt_serial(pt_work(a), 0); auto r = at::max(*a, dim, keepdim != 0); *values = new at::Tensor(std::get<0>(r)); *indices = new at::Tensor(std::get<1>(r)); return 0; } PT_CATCH(-1)
}
PT_API int pt_min_dim(Tensor a, int64_t dim, int keepdim, Tensor* values, Tensor* indices) {
    try { PtSerial pt_serial(pt_work(a), 0); auto r = at::min(*a, dim, keepdim != 0); *values = new at::Tensor(std::get<0>(r)); *indices = new at::Tensor(std::get<1>(r)); return 0; } PT_CATCH(-1)
}
PT_API int pt_topk(Tensor a, int64_t k, int64_t dim, int largest, int sorted, Tensor* values, Tensor* indices) {
    try { auto r = at::topk(*a, k, dim, largest != 0, sorted != 0); *values = new at::Tensor(std::get<0>(r)); *indices = new at::Tensor(std::get<1>(r)); return 0; } PT_CATCH(-1)
}
PT_API int pt_sort(Tensor a, int64_t dim, int descending, Tensor* values, Tensor* indices) {
    try { auto r = at::sort(*a, dim, descending != 0); *values = new at::Tensor(std::get<0>(r)); *indices = new at::Tensor(std::get<1>(r)); return 0; } PT_CATCH(-1)
}
PT_API Tensor pt_amax(Tensor a, const int64_t* d, int n, int keepdim) { PT_SMALL_TENSOR(0, pt_work(a), at::amax(*a, ints(d, n), keepdim != 0)) }
PT_API Tensor pt_amin(Tensor a, const int64_t* d, int n, int keepdim) { PT_SMALL_TENSOR(0, pt_work(a), at::amin(*a, ints(d, n), keepdim != 0)) }
PT_API Tensor pt_argmax(Tensor a, int64_t dim, int has_dim, int keepdim) {
    PT_SMALL_TENSOR(0, pt_work(a), at::argmax(*a, has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
PT_API Tensor pt_argmin(Tensor a, int64_t dim, int has_dim, int keepdim) {
    PT_SMALL_TENSOR(0, pt_work(a), at::argmin(*a, has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
PT_API Tensor pt_logsumexp(Tensor a, const int64_t* d, int n, int keepdim) { PT_SMALL_TENSOR(0, pt_work(a), at::logsumexp(*a, ints(d, n), keepdim != 0)) }
PT_API Tensor pt_norm(Tensor a, double p, const int64_t* d, int n, int keepdim) {
    PT_SMALL_TENSOR(0, pt_work(a), n < 0 ? at::norm(*a, p) : at::norm(*a, p, ints(d, n), keepdim != 0))
}
// pt_var and pt_var_mean are in variance.cpp.
PT_API Tensor pt_std(Tensor a, const int64_t* d, int n, int unbiased, int keepdim) {
    PT_SMALL_TENSOR(0, pt_work(a), at::std(*a, opt_ints(d, n), unbiased != 0, keepdim != 0))
}
PT_API Tensor pt_cumsum(Tensor a, int64_t dim) { PT_TENSOR(at::cumsum(*a, dim)) }
PT_API Tensor pt_cumprod(Tensor a, int64_t dim) { PT_TENSOR(at::cumprod(*a, dim)) }
PT_API Tensor pt_all(Tensor a) { PT_SMALL_TENSOR(0, pt_work(a), at::all(*a)) }
PT_API Tensor pt_any(Tensor a) { PT_SMALL_TENSOR(0, pt_work(a), at::any(*a)) }
PT_API Tensor pt_all_dim(Tensor a, int64_t dim, int keepdim) { PT_SMALL_TENSOR(0, pt_work(a), at::all(*a, dim, keepdim != 0)) }
PT_API Tensor pt_any_dim(Tensor a, int64_t dim, int keepdim) { PT_SMALL_TENSOR(0, pt_work(a), at::any(*a, dim, keepdim != 0)) }
PT_API int pt_allclose(Tensor a, Tensor b, double rtol, double atol) {
    try { return at::allclose(*a, *b, rtol, atol) ? 1 : 0; } PT_CATCH(-1)
}
PT_API int pt_equal(Tensor a, Tensor b) {
    try { return at::equal(*a, *b) ? 1 : 0; } PT_CATCH(-1)
}

// ---- linear algebra ----
BINARY(matmul) BINARY(mm) BINARY(bmm) BINARY(outer) BINARY(dot) BINARY(mv)
PT_API Tensor pt_addmm(Tensor self, Tensor a, Tensor b, double beta, double alpha) { PT_TENSOR(at::addmm(*self, *a, *b, beta, alpha)) }
// at::mm(sparse, dense) gives no gradient to the sparse values; _sparse_mm does.
PT_API Tensor pt_sparse_mm(Tensor s, Tensor d) { PT_TENSOR(at::_sparse_mm(*s, *d)) }
PT_API Tensor pt_einsum(const char* eq, const Tensor* ts, int n) { PT_TENSOR(at::einsum(eq, tensors(ts, n))) }
PT_API Tensor pt_linalg_eigvalsh(Tensor a, int upper) { PT_TENSOR(at::linalg_eigvalsh(*a, upper ? "U" : "L")) }
PT_API Tensor pt_linalg_inv(Tensor a) { PT_TENSOR(at::linalg_inv(*a)) }
