// Small matrix products on the calling thread: with more than one intra-op thread, a float32 product of fewer than
// 16 x serial_below multiply-adds (4.2 million by default) runs through OpenBLAS's own one-thread driver instead of
// OpenBLAS's interface, which splits every product above 262,144 multiply-adds between its threads.
//
// OpenBLAS sizes its pool with one number for the whole process (openblas_set_num_threads), so holding it at one
// thread for one call would change it under another thread's product; its interface reads that number on every call.
// Its level-3 drivers (sgemm_nn, sgemm_tn, sgemm_nt, sgemm_tt), which the interface calls itself when a product runs
// on one thread, take the thread count as an argument and are exported by the library. The shim calls them with the
// arguments libtorch's mm and addmm would pass to sgemm_ (the same operand order, transposes and leading dimensions),
// so a small product on 2 threads gives its 1-thread bits; above the threshold, and at one thread, libtorch's own
// kernels run. (Split products can differ in the last bit: OpenBLAS cuts the k dimension differently on 2 threads.)
// GCN's epoch on Cora has four such products, [2708, 16] x [16, 7] and their gradients: waking OpenBLAS's second
// thread for them cost about 40 context switches an epoch, and its 2-thread epoch was slower than its 1-thread one.
//
// The path is taken only where it is known to hold: OpenBLAS 0.3.21 (the layout of its argument block, blas_arg_t in
// common_macro.h, is that release's) with its Haswell kernels, which Papers.Torch pins (CpuKernels); elsewhere (MKL,
// another OpenBLAS, a CUDA libtorch's CPU side) libtorch's kernels run unchanged. The kernels are libtorch's CPU
// kernels of aten::mm and aten::addmm, replaced at load (below autograd, so gradients are recorded as before) by
// ones that defer to libtorch's (at::cpu::mm, at::cpu::addmm) outside the case covered here.
#include "common.h"
#include <ATen/ops/addmm_cpu_dispatch.h>
#include <ATen/ops/mm_cpu_dispatch.h>
#include <torch/library.h>
#include <torch/version.h>
#include <dlfcn.h>
#include <cstring>
#include <memory>

namespace {

// OpenBLAS 0.3.21's argument block for its level-3 drivers (an SMP build: common and nthreads are present).
struct BlasArgs {
    void *a, *b, *c, *d, *alpha, *beta;
    long m, n, k, lda, ldb, ldc, ldd;
    void* common;
    long nthreads;
};
typedef int (*driver_fn)(BlasArgs*, long*, long*, float*, float*, long);
typedef char* (*name_fn)();

struct Drivers {
    driver_fn gemm[4] = {};  // by (transpose of the second operand) * 2 + (transpose of the first)
    bool found = false;
    Drivers() {
        auto config = (name_fn)dlsym(RTLD_DEFAULT, "openblas_get_config");
        auto core = (name_fn)dlsym(RTLD_DEFAULT, "openblas_get_corename");
        if (!config || !core) return;
        if (std::strncmp(config(), "OpenBLAS 0.3.21 ", 16) != 0 || std::strcmp(core(), "Haswell") != 0) return;
        const char* names[4] = {"sgemm_nn", "sgemm_tn", "sgemm_nt", "sgemm_tt"};
        for (int i = 0; i < 4; i++)
            if (!(gemm[i] = (driver_fn)dlsym(RTLD_DEFAULT, names[i]))) return;
        found = true;
    }
};
const Drivers& drivers() {
    static const Drivers d;
    return d;
}

// A product's work, comparable with the policy's threshold in elements: its multiply-adds over 16.
constexpr int64_t kMacsPerElement = 16;
// OpenBLAS's interface runs products of up to this many multiply-adds on one thread already.
constexpr double kBlasSplitsAbove = 65536.0 * 4;

// A [rows, cols] operand as OpenBLAS sees it in libtorch's call: column-major, with a transpose flag and a leading
// dimension; an operand that is neither row- nor column-major is copied to row-major first, as libtorch does.
struct Operand {
    at::Tensor t;
    bool transpose;
    long ld;
};
// libtorch computes a row-major [M, N] result as its column-major transpose: result^T = mat2^T mat1^T, so mat2 is
// BLAS's first operand (N x K) and mat1 its second (K x M). A row-major operand is BLAS's untransposed one.
Operand as_blas(const at::Tensor& t) {
    auto s = t.strides();
    auto n = t.sizes();
    if (s[1] == 1 && s[0] >= n[1]) return {t, false, (long)s[0]};
    if (s[0] == 1 && s[1] >= n[0]) return {t, true, (long)s[1]};
    auto c = t.contiguous();
    return {c, false, (long)c.stride(0)};
}

bool covered(const at::Tensor& mat1, const at::Tensor& mat2) {
    int64_t below = pt_serial_below_active.load(std::memory_order_relaxed);
    if (below <= 0) return false;
    if (mat1.dim() != 2 || mat2.dim() != 2 || mat1.size(1) != mat2.size(0)) return false;
    for (const auto* t : {&mat1, &mat2})
        if (t->scalar_type() != at::kFloat || t->layout() != at::kStrided || !t->device().is_cpu() || t->is_neg() ||
            t->is_conj())
            return false;
    const int64_t m = mat1.size(0), k = mat1.size(1), n = mat2.size(1);
    // Sizes of 1 make libtorch's layout tests ambiguous (and such products are vectors): they stay libtorch's.
    if (m < 2 || k < 2 || n < 2) return false;
    const double macs = (double)m * (double)n * (double)k;
    return macs > kBlasSplitsAbove && macs < (double)below * kMacsPerElement;  // registered only where drivers().found
}

// A packing buffer for the driver: it packs at most [m rounded up to its unroll] x k of the first operand into sa and
// k x [n rounded up] of the second into sb (OpenBLAS's interface hands it slices of one large buffer).
struct Buffer {
    std::unique_ptr<float[], decltype(&std::free)> p{nullptr, &std::free};
    size_t size = 0;
    float* at_least(size_t need) {
        if (need > size) {
            void* q = std::aligned_alloc(4096, (need * sizeof(float) + 4095) / 4096 * 4096);
            if (!q) throw std::bad_alloc();
            p.reset((float*)q);
            size = need;
        }
        return p.get();
    }
};

// c (row-major [M, N], contiguous) = beta * c + mat1 mat2, beta 0 or 1, through OpenBLAS's one-thread driver.
void gemm(const at::Tensor& mat1, const at::Tensor& mat2, at::Tensor& c, float beta) {
    const long m = mat2.size(1), n = mat1.size(0), k = mat1.size(1);  // BLAS's m, n, k
    Operand first = as_blas(mat2), second = as_blas(mat1);
    thread_local Buffer sa, sb;
    constexpr size_t pad = 64;
    float* packed_a = sa.at_least((m + pad) * (k + pad));
    float* packed_b = sb.at_least((k + pad) * (n + pad));
    float one = 1.0f;
    BlasArgs args{};
    args.a = first.t.data_ptr<float>();
    args.b = second.t.data_ptr<float>();
    args.c = c.data_ptr<float>();
    args.alpha = &one;
    args.beta = &beta;
    args.m = m; args.n = n; args.k = k;
    args.lda = first.ld; args.ldb = second.ld; args.ldc = m;
    args.nthreads = 1;
    drivers().gemm[(second.transpose ? 2 : 0) + (first.transpose ? 1 : 0)](&args, nullptr, nullptr, packed_a, packed_b, 0);
}

at::Tensor mm(const at::Tensor& self, const at::Tensor& mat2) {
    if (!covered(self, mat2)) return at::cpu::mm(self, mat2);
    auto c = at::empty({self.size(0), mat2.size(1)}, self.options());
    gemm(self, mat2, c, 0.0f);
    return c;
}

at::Tensor addmm(const at::Tensor& self, const at::Tensor& mat1, const at::Tensor& mat2, const at::Scalar& beta,
                 const at::Scalar& alpha) {
    // nn.Linear's case: the bias added as it is (beta = alpha = 1), broadcast to the result.
    if (!covered(mat1, mat2) || !beta.equal(1) || !alpha.equal(1) || self.scalar_type() != at::kFloat ||
        self.layout() != at::kStrided || self.dim() > 2)
        return at::cpu::addmm(self, mat1, mat2, beta, alpha);
    auto c = at::empty({mat1.size(0), mat2.size(1)}, mat1.options());
    c.copy_(self.expand({mat1.size(0), mat2.size(1)}));
    gemm(mat1, mat2, c, 1.0f);
    return c;
}

// Replacing a kernel makes libtorch warn once on stderr; the replacement is meant, so that warning is not shown.
// (libtorch 2 passes a warning as one object and moved the handler's functions to c10::WarningUtils.)
#if TORCH_VERSION_MAJOR >= 2
struct Quiet : c10::WarningHandler {
    void process(const c10::Warning&) override {}
};
using QuietGuard = c10::WarningUtils::WarningHandlerGuard;
#else
struct Quiet : c10::WarningHandler {
    void process(const c10::SourceLocation&, const std::string&, const bool) override {}
};
using QuietGuard = c10::Warning::WarningHandlerGuard;
#endif

std::unique_ptr<torch::Library> registered() {
    if (!drivers().found) return nullptr;
    static Quiet quiet;
    QuietGuard guard(&quiet);
    auto lib = std::make_unique<torch::Library>(torch::Library::IMPL, "aten", c10::DispatchKey::CPU, __FILE__, __LINE__);
    lib->impl("mm", TORCH_FN(mm));
    lib->impl("addmm", TORCH_FN(addmm));
    return lib;
}
const std::unique_ptr<torch::Library> library = registered();

}  // namespace

// 1 where small products run through OpenBLAS's one-thread driver while more than one thread is set (tests).
PT_API int pt_small_products_available() { return drivers().found ? 1 : 0; }
