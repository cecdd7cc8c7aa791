// Shared by every translation unit of the shim. Each entry point unpacks its arguments, calls ATen or autograd, and
// catches every C++ exception so that it surfaces in C# as a TorchException carrying libtorch's message
// (pt_last_error), never as a crashed process. Four files hold kernels of the shim's own, each giving the numbers of
// the libtorch kernels it stands in for, bit for bit, and deferring to them outside the case it covers: sparse.cpp
// (sparse × dense products), pool.cpp (2×2 max pooling), variance.cpp (variance over one dimension) and optim.cpp
// (Adam's update). Two more, metalstm.cpp (the LSTM meta-learner's step) and topicmodel.cpp (ProdLDA's decoder and
// reconstruction term), fuse sequences of libtorch ops, forward and backward, and agree with them to float rounding,
// not bit for bit (vecmath.h: their exp and log).
#pragma once
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#define PT_API extern "C" __attribute__((visibility("default")))

typedef at::Tensor* Tensor;
typedef at::Generator* Generator;

void pt_set_error(const char* message);

#define PT_CATCH(fail)                                                     \
    catch (const c10::Error& e) { pt_set_error(e.what_without_backtrace()); return fail; } \
    catch (const std::exception& e) { pt_set_error(e.what()); return fail; }              \
    catch (...) { pt_set_error("unknown C++ exception"); return fail; }

// Entry points that produce a tensor return a new handle, or nullptr after recording the error.
#define PT_TENSOR(expr) try { return new at::Tensor(expr); } PT_CATCH(nullptr)
// Entry points that produce nothing return 0, or -1 after recording the error.
#define PT_VOID(stmt) try { stmt; return 0; } PT_CATCH(-1)

// ---- small ops on one thread (threads.cpp; float32 matrix products: products.cpp) ----
// With more than one intra-op thread, an op whose work (the elements of its largest tensor) is below the threshold
// runs on the calling thread alone: libtorch would hand its loop to a second thread, whose wake-up costs more than
// the half of the loop it takes over. pt_serial_below_active is the threshold while the policy is on, else 0.
extern std::atomic<int64_t> pt_serial_below_active;
int pt_omp_max_threads();
void pt_omp_set_threads(int n);
// at::internal::GRAIN_SIZE: libtorch's elementwise loops and reductions never split below it, so entry points of
// such ops skip the policy there (grain 0: the kernel splits loops of any size, such as softmax's rows).
constexpr int64_t PT_LOOP_GRAIN = 32768;
struct PtSerial {
    int saved = 0;
    PtSerial(int64_t work, int64_t grain) {
        if (work <= grain || work >= pt_serial_below_active.load(std::memory_order_relaxed)) return;
        int n = pt_omp_max_threads();
        if (n > 1) { pt_omp_set_threads(1); saved = n; }
    }
    ~PtSerial() { if (saved) pt_omp_set_threads(saved); }
    PtSerial(const PtSerial&) = delete;
    PtSerial& operator=(const PtSerial&) = delete;
};
inline int64_t pt_work() { return 0; }
template <class... T> inline int64_t pt_work(Tensor t, T... rest) {
    int64_t here = t && t->defined() ? t->numel() : 0;
    return std::max(here, pt_work(rest...));
}
inline int64_t pt_work_list(const Tensor* ts, int n) {
    int64_t sum = 0;
    for (int i = 0; i < n; i++) sum += pt_work(ts[i]);
    return sum;
}
// A convolution's work: its multiply-adds at stride 1 over 128 (threads.cpp says why); the entry points and the
// backward's kernel both measure it here.
inline int64_t pt_convolution_work(const at::Tensor& input, const at::Tensor& weight) {
    if (!input.defined() || !weight.defined() || input.dim() < 2 || input.size(1) == 0) return 0;
    return input.numel() / input.size(1) * weight.numel() / 128;
}
// Entry points of ops that libtorch may split: PT_SMALL_TENSOR(grain, work, expr), PT_SMALL_VOID(grain, work, stmt).
#define PT_SMALL_TENSOR(grain, work, expr) try { PtSerial pt_serial(work, grain); return new at::Tensor(expr); } PT_CATCH(nullptr)
#define PT_SMALL_VOID(grain, work, stmt) try { PtSerial pt_serial(work, grain); stmt; return 0; } PT_CATCH(-1)
// Around a backward pass: its ops go through the policy's dispatch key (threads.cpp).
struct PtSerialBackward {
    bool included = false;
    PtSerialBackward();
    ~PtSerialBackward();
    PtSerialBackward(const PtSerialBackward&) = delete;
    PtSerialBackward& operator=(const PtSerialBackward&) = delete;
};

inline at::IntArrayRef ints(const int64_t* p, int n) { return at::IntArrayRef(p, (size_t)n); }

inline at::OptionalIntArrayRef opt_ints(const int64_t* p, int n) {
    if (n < 0) return c10::nullopt;
    return at::IntArrayRef(p, (size_t)n);
}

// Scalars cross the boundary as a double and a flag: integral scalars keep integer arithmetic on
// integer tensors (2 + int64 tensor stays int64).
inline at::Scalar scalar(double v, int is_int) {
    if (is_int) return at::Scalar((int64_t)v);
    return at::Scalar(v);
}

// An alpha (the factor of add and sub) that integer tensors accept when it is a whole number, as PyTorch's
// Python binding passes it: libtorch refuses a floating alpha for integral inputs.
inline at::Scalar alpha_scalar(double alpha) {
    bool whole = std::isfinite(alpha) && std::fabs(alpha) < 9.0e15 && alpha == std::trunc(alpha);
    return whole ? at::Scalar((int64_t)alpha) : at::Scalar(alpha);
}

inline at::TensorOptions options(int dtype, int device_type, int device_index) {
    return at::TensorOptions()
        .dtype((at::ScalarType)dtype)
        .device(at::Device((at::DeviceType)device_type, (at::DeviceIndex)device_index));
}

inline std::vector<at::Tensor> tensors(const Tensor* ts, int n) {
    std::vector<at::Tensor> v;
    v.reserve(n);
    for (int i = 0; i < n; i++) v.push_back(ts[i] ? *ts[i] : at::Tensor());
    return v;
}

inline c10::optional<at::Generator> generator(Generator g) {
    if (g == nullptr) return c10::nullopt;
    return *g;
}

inline c10::optional<at::Tensor> opt_tensor(Tensor t) {
    if (t == nullptr) return c10::nullopt;
    return *t;
}

// A float tensor in ordinary CPU memory: what the shim's own loops read (some also need it contiguous).
inline bool cpu_float(const at::Tensor& t) {
    return t.defined() && t.device().is_cpu() && t.layout() == at::kStrided && t.scalar_type() == at::kFloat;
}

// Welford's running mean and m2 (in double, the order of libtorch's var) over rows [0, rows) of x [rows, inner], for
// columns [begin, end); mean and m2 start at zero (variance.cpp).
__attribute__((target("avx2,fma"))) void welford_avx2(const float* x, int64_t rows, int64_t inner, int64_t begin, int64_t end, double* mean, double* m2);

// Results of unknown count come back as a malloc'd array of handles, freed by pt_free_handles.
Tensor* handle_array(const std::vector<at::Tensor>& v, int* count);

// True where libtorch runs its AVX2 kernels: ATEN_CPU_CAPABILITY=avx2 (as CpuKernels pins it) on a CPU with AVX2 and
// FMA; libtorch ignores the variable on a CPU without them. Those kernels are compiled with FMA, and the compiler fuses
// a multiply and an add into one rounding; the shim's own loops that must match them do the same.
inline bool aten_avx2() {
    static const bool avx2 = [] {
        auto capability = std::getenv("ATEN_CPU_CAPABILITY");
        return capability != nullptr && std::string(capability) == "avx2" &&
               __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }();
    return avx2;
}
