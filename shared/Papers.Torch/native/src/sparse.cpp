// sparse × dense products for a sparse matrix whose values need no gradient (a fixed propagation matrix, dropped-out
// features): the same numbers as at::_sparse_mm, bit for bit, without its per-non-zero dispatched call.
//
// libtorch 1.13's CPU kernel (s_addmm_out_sparse_dense_worker) zeroes the result, then for each stored entry (i, j, v),
// in storage order, calls cpublas::axpy<scalar_t>(k, v, dense row j, result row i); the template form goes to ATen's
// own axpy kernel (axpy_stub, y += a·x element by element), not to BLAS. Its gradient with respect to the dense input
// is the same kernel on the transposed matrix. Each result element so sees one update y += v·x per non-zero of its
// row, in ascending column order (ascending original row for the transpose), and its value depends only on that
// sequence and on how one update rounds. ATen's AVX2 kernels, the ones CpuKernels pins, are compiled with FMA, and
// the compiler fuses the update into one rounding. The loops below do the same; where another ATen kernel set is in
// force, or the inputs are not the plain case, they defer to libtorch.
#include "common.h"
#include <torch/csrc/autograd/custom_function.h>

namespace {

// y[0, k) = fma(a, x, y): one rounding per element, vectorised for AVX2.
template <typename T>
__attribute__((target("avx2,fma"), optimize("tree-vectorize"))) void fused(int64_t k, T a, const T* __restrict x, T* __restrict y) {
    for (int64_t i = 0; i < k; i++) y[i] = std::fma(a, x[i], y[i]);
}

// result [rows, k] = S · dense (S [rows, cols] coalesced), or Sᵀ · dense when transposed (result [cols, k]).
template <typename T>
void product(const at::Tensor& indices, const at::Tensor& values, const at::Tensor& dense, bool transposed, at::Tensor& result) {
    auto nnz = values.size(0);
    auto k = dense.size(1);
    auto idx = indices.accessor<int64_t, 2>();
    auto v = values.data_ptr<T>();
    auto d = dense.data_ptr<T>();
    auto r = result.data_ptr<T>();
    auto dStride = dense.stride(0);
    auto source = transposed ? 0 : 1, target = transposed ? 1 : 0;
    for (int64_t e = 0; e < nnz; e++) fused<T>(k, v[e], d + idx[source][e] * dStride, r + idx[target][e] * k);
}

// True where the loops above give libtorch's numbers: ATen's AVX2 kernels, a coalesced 2-D float matrix on the CPU,
// and a dense operand whose rows are contiguous.
bool fast(const at::Tensor& sparse, const at::Tensor& dense) {
    return aten_avx2() && sparse.is_sparse() && sparse.device().is_cpu() && dense.device().is_cpu() &&
           sparse.sparse_dim() == 2 && sparse.dense_dim() == 0 && sparse.is_coalesced() && dense.dim() == 2 &&
           dense.layout() == at::kStrided && sparse.scalar_type() == dense.scalar_type() &&
           (dense.scalar_type() == at::kFloat || dense.scalar_type() == at::kDouble) &&
           (dense.stride(1) == 1 || dense.size(1) <= 1) && !sparse.requires_grad();
}

at::Tensor multiply(const at::Tensor& sparse, const at::Tensor& dense, bool transposed) {
    if (!fast(sparse, dense)) return transposed ? sparse.t().mm(dense) : at::_sparse_mm(sparse, dense);
    auto rows = sparse.size(transposed ? 1 : 0), inner = sparse.size(transposed ? 0 : 1);
    TORCH_CHECK(dense.size(0) == inner, "sparse.spmm: the sparse matrix is ", sparse.size(0), "×", sparse.size(1),
                (transposed ? " (transposed)" : ""), ", the dense one has ", dense.size(0), " rows");
    auto result = at::zeros({rows, dense.size(1)}, dense.options());
    auto indices = sparse._indices();
    auto values = sparse._values().contiguous();
    if (dense.scalar_type() == at::kFloat) product<float>(indices, values, dense, transposed, result);
    else product<double>(indices, values, dense, transposed, result);
    return result;
}

// d(S·D)/dD applied to G is Sᵀ·G; the backward is itself this function, so gradients of gradients follow.
struct SparseProduct : public torch::autograd::Function<SparseProduct> {
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& dense, const at::Tensor& sparse, bool transposed) {
        ctx->saved_data["sparse"] = sparse;
        ctx->saved_data["transposed"] = transposed;
        return multiply(sparse, dense, transposed);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
        auto sparse = ctx->saved_data["sparse"].toTensor();
        auto transposed = ctx->saved_data["transposed"].toBool();
        return {SparseProduct::apply(grads[0], sparse, !transposed), at::Tensor(), at::Tensor()};
    }
};

}  // namespace

// A sparse matrix whose values need a gradient takes libtorch's product, which gives them one.
PT_API Tensor pt_sparse_spmm(Tensor s, Tensor d) {
    PT_SMALL_TENSOR(PT_LOOP_GRAIN, s->dim() == 2 && d->dim() == 2 ? s->size(0) * d->size(1) : 0, s->requires_grad() ? at::_sparse_mm(*s, *d) : SparseProduct::apply(*d, *s, false))
}
