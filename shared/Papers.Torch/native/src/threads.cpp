// Small ops on one thread: with more than one intra-op thread, the ops that libtorch would split between threads run
// on the calling thread alone when their largest tensor holds fewer than serial_below elements (2^18 by default,
// 1 MiB of float32; convolutions are measured by their multiply-adds, below).
//
// libtorch 1.13 hands any elementwise loop over 32,768 elements (and some kernels, such as nll_loss's backward and
// batch norm over channels, any loop at all) to its OpenMP threads. On the 2-core machines here, waking a sleeping
// worker for one such loop took 60-90 microseconds (median; the 90th percentile near 500), while a whole addition
// took 7-19 microseconds on one thread at GCN's [2708, 16] and 60-65 at 131,072 elements; the split was not ahead
// below about 2^19 elements. A small model's step is dozens of such loops, which is why GCN's epoch, the MLP's step
// and CycleGAN's 32x32 iteration were slower on 2 threads than on 1. libtorch's grain (at::internal::GRAIN_SIZE) is
// a compile-time constant, so the shim decides per call: below the threshold it sets the calling thread's OpenMP
// thread count to 1 for the call (at::parallel_for and oneDNN then run inline) and restores it after.
//  - Forward: the entry points of the ops that split (common.h's PT_SMALL_TENSOR / PT_SMALL_VOID) measure their
//    tensors; elementwise ops and reductions skip the check below libtorch's grain, so a tiny op pays a comparison.
//  - Backward: pt_backward and pt_autograd_grad include a dispatch key for the pass, under which the ops listed
//    below have a kernel that measures the op's tensors, applies the threshold and hands the op on to libtorch below
//    that key; every other op falls through the key untouched. The autograd engine runs CPU graphs on the calling
//    thread with its thread-local state, so the key reaches every op of the pass. A dispatch costs 100-250 ns more
//    through the key, which is why the forward ops do not take it. The key is TESTING_ONLY_GenericMode: a mode key
//    that no libtorch kernel or fallback uses.
// At one thread the policy is off (pt_serial_below_active is 0) and nothing changes.
//
// Numbers: elementwise ops give the same bits either way; a reduction split between threads sums in a different
// order, so below the threshold a run on 2 threads gives the 1-thread bits.
//
// OpenBLAS splits products between its own threads above 262,144 multiply-adds. Its thread count is one setting for
// the whole process, so holding it at one thread for one call would change it under another thread's product; mm and
// addmm below the threshold (their multiply-adds over 16) call OpenBLAS's one-thread driver instead (products.cpp).
// The products inside libtorch's convolutions keep OpenBLAS's own threshold.
#include "common.h"
#include <ATen/Operators.h>
#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <c10/core/impl/LocalDispatchKeySet.h>
#include <torch/library.h>
#include <atomic>
#include <dlfcn.h>
#include <tuple>

namespace {

constexpr auto kKey = c10::DispatchKey::TESTING_ONLY_GenericMode;
std::atomic<int64_t> serial_below{int64_t(1) << 18};

// The OpenMP runtime that libtorch itself loaded (Debian's libgomp, or the copy a PyTorch wheel bundles), found in
// the shim's own library scope; without one the policy stays off.
typedef int (*omp_get_fn)();
typedef void (*omp_set_fn)(int);
omp_get_fn omp_get_max = (omp_get_fn)dlsym(RTLD_DEFAULT, "omp_get_max_threads");
omp_set_fn omp_set = (omp_set_fn)dlsym(RTLD_DEFAULT, "omp_set_num_threads");
// OpenBLAS's own pool, which pt_set_num_threads sizes too (absent where the BLAS is not OpenBLAS).
typedef void (*blas_set_fn)(int);
blas_set_fn blas_set = (blas_set_fn)dlsym(RTLD_DEFAULT, "openblas_set_num_threads");

}  // namespace

std::atomic<int64_t> pt_serial_below_active{0};
int pt_omp_max_threads() { return omp_get_max ? omp_get_max() : 1; }
void pt_omp_set_threads(int n) { if (omp_set) omp_set(n); }

namespace {

// An op's work: the elements of its largest tensor argument (inputs and out= tensors), a list's summed.
inline int64_t work_of(const at::Tensor& t) { return t.defined() ? t.numel() : 0; }
inline int64_t work_of(const c10::optional<at::Tensor>& t) { return t.has_value() ? work_of(*t) : 0; }
inline int64_t work_of(const at::ITensorListRef& list) {
    int64_t sum = 0;
    for (const auto& t : list) sum += work_of(t);
    return sum;
}
inline int64_t work_of(at::TensorList list) {
    int64_t sum = 0;
    for (const auto& t : list) sum += work_of(t);
    return sum;
}
template <class T> inline int64_t work_of(const T&) { return 0; }
template <class... A> inline int64_t work(const A&... args) {
    int64_t most = 0;
    ((most = std::max(most, work_of(args))), ...);
    return most;
}

// The work of most ops: the elements of their largest tensor.
struct MostElements {
    template <class... A> static int64_t of(const A&... args) { return work(args...); }
};
// A convolution's work: its multiply-adds at stride 1 (input positions times the weight's elements) over 128.
// Strided and grouped convolutions count as if neither (more work than they are), so only their small ones stay on
// one thread. The 128 is measured, not derived: on CycleGAN's 32x32 iteration (batch 1, convolutions of 1.6 to 18.9
// million multiply-adds, oneDNN's and libtorch's transposed one) 2 threads were fastest with every convolution on one
// thread; at 32 (about the elementwise ops' time per element), the largest split and were slower.
template <size_t Input, size_t Weight> struct ConvolutionWork {
    template <class... A> static int64_t of(const A&... args) {
        auto all = std::forward_as_tuple(args...);
        return pt_convolution_work(std::get<Input>(all), std::get<Weight>(all));
    }
};

template <class Op, class Work, class Schema = typename Op::schema> struct Guarded;
template <class Op, class Work, class R, class... A> struct Guarded<Op, Work, R(A...)> {
    static R call(c10::DispatchKeySet keys, A... args) {
        PtSerial guard(Work::of(args...), 0);
        return Op::redispatch(keys & c10::DispatchKeySet(c10::DispatchKeySet::FULL_AFTER, kKey), std::forward<A>(args)...);
    }
};

template <class Op, class Work = MostElements> void guard(torch::Library& m) {
    std::string name = Op::name;  // "aten::add"
    name = name.substr(name.find("::") + 2);
    if (*Op::overload_name) name += std::string(".") + Op::overload_name;
    m.impl(name.c_str(), TORCH_FN((Guarded<Op, Work>::call)));
}

}  // namespace

TORCH_LIBRARY_IMPL(_, TESTING_ONLY_GenericMode, m) { m.fallback(torch::CppFunction::makeFallthrough()); }

// The ops that went parallel in the benchmark workloads' steps (scripts/bench), and their elementwise kin: backward
// formulas call the forward ops too.
#define G(op) guard<at::_ops::op>(m)
TORCH_LIBRARY_IMPL(aten, TESTING_ONLY_GenericMode, m) {
    // arithmetic and comparisons
    G(add_Tensor); G(add__Tensor); G(add_out); G(add_Scalar);
    G(sub_Tensor); G(sub__Tensor); G(sub_out); G(rsub_Tensor); G(rsub_Scalar);
    G(mul_Tensor); G(mul__Tensor); G(mul_out); G(mul_Scalar);
    G(div_Tensor); G(div__Tensor); G(div_out); G(div_Scalar);
    G(addcmul); G(addcdiv); G(lerp_Scalar); G(lerp_Tensor);
    G(pow_Tensor_Scalar); G(pow_Tensor_Tensor); G(reciprocal); G(neg);
    G(gt_Scalar); G(gt_Tensor); G(lt_Scalar); G(lt_Tensor);
    G(ge_Scalar); G(ge_Tensor); G(le_Scalar); G(le_Tensor);
    G(eq_Scalar); G(eq_Tensor); G(ne_Scalar); G(ne_Tensor);
    G(where_self); G(masked_fill_Scalar); G(masked_fill__Scalar);
    // unary functions
    G(exp); G(log); G(log1p); G(expm1); G(sqrt); G(rsqrt);
    G(abs); G(abs_out); G(sign); G(floor);
    G(sigmoid); G(tanh); G(relu); G(softplus);
    G(clamp); G(clamp_min); G(clamp_max);
    // activations' and losses' backward
    G(threshold_backward); G(sigmoid_backward); G(tanh_backward);
    G(leaky_relu); G(leaky_relu_backward); G(softplus_backward);
    G(_softmax); G(_softmax_backward_data); G(_log_softmax); G(_log_softmax_backward_data);
    G(nll_loss_forward); G(nll_loss_backward);
    // filling, copying, gathering
    G(fill__Scalar); G(zero_); G(copy_); G(cat); G(index_select);
    // reductions
    G(sum); G(sum_dim_IntList); G(sum_IntList_out); G(mean); G(mean_dim);
    G(max); G(min); G(max_dim); G(min_dim); G(amax); G(any);
    // normalisation, padding, pooling
    G(native_batch_norm); G(native_batch_norm_backward);
    G(reflection_pad2d); G(reflection_pad2d_backward);
    G(max_pool2d_with_indices); G(max_pool2d_with_indices_backward);
    // convolutions, forward (input, weight first) and backward (grad_output, input, weight)
    guard<at::_ops::convolution, ConvolutionWork<0, 1>>(m);
    guard<at::_ops::convolution_backward, ConvolutionWork<1, 2>>(m);
}
#undef G

PtSerialBackward::PtSerialBackward() {
    if (pt_serial_below_active.load(std::memory_order_relaxed) > 0 && !c10::impl::tls_is_dispatch_key_included(kKey)) {
        c10::impl::tls_set_dispatch_key_included(kKey, true);
        included = true;
    }
}
PtSerialBackward::~PtSerialBackward() {
    if (included) c10::impl::tls_set_dispatch_key_included(kKey, false);
}

namespace {
// On while more than one intra-op thread is set (on the thread that set it) and the threshold is positive.
void update_policy() {
    bool on = omp_get_max && omp_set && at::get_num_threads() > 1;
    pt_serial_below_active.store(on ? serial_below.load() : 0);
}
// libtorch's default thread count (the cores) holds until pt_set_num_threads changes it.
const bool policy_initialised = (update_policy(), true);
}  // namespace

PT_API void pt_set_num_threads(int n) {
    at::set_num_threads(n);
    if (blas_set) blas_set(n);  // at::set_num_threads does not reach OpenBLAS's own pool
    update_policy();
}
PT_API int pt_get_num_threads() { return at::get_num_threads(); }

// Ops whose work is below this many elements run on one thread while more than one is set; 0 turns the policy off.
PT_API int pt_set_serial_below(int64_t elements) {
    if (elements < 0) { pt_set_error("serial_below must be 0 (off) or a positive number of elements"); return -1; }
    serial_below.store(elements);
    update_policy();
    return 0;
}
PT_API int64_t pt_get_serial_below() { return serial_below.load(); }
// The threshold in force now: serial_below while more than one intra-op thread is set, else 0.
PT_API int64_t pt_serial_below_in_force() { return pt_serial_below_active.load(); }
