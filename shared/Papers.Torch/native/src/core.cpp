// Handles, properties, creation, data transfer, autograd, generators, threads and devices.
#include "common.h"
#include <c10/util/accumulate.h>
#include <ATen/Parallel.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/generated/variable_factories.h>
#include <torch/cuda.h>
#include <torch/version.h>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <sstream>

static thread_local std::string last_error;

void pt_set_error(const char* message) { last_error = message; }

Tensor* handle_array(const std::vector<at::Tensor>& v, int* count) {
    *count = (int)v.size();
    auto out = (Tensor*)std::malloc(sizeof(Tensor) * (v.empty() ? 1 : v.size()));
    for (size_t i = 0; i < v.size(); i++) out[i] = v[i].defined() ? new at::Tensor(v[i]) : nullptr;
    return out;
}

PT_API const char* pt_last_error() { return last_error.c_str(); }
PT_API void pt_free_handles(Tensor* p) { std::free(p); }
PT_API void pt_free(Tensor t) { delete t; }
PT_API Tensor pt_share(Tensor t) { PT_TENSOR(*t) }

// ---- properties ----
PT_API int pt_dim(Tensor t) { return (int)t->dim(); }
PT_API int pt_sizes(Tensor t, int64_t* out) {
    try { auto s = t->sizes(); for (size_t i = 0; i < s.size(); i++) out[i] = s[i]; return 0; } PT_CATCH(-1)
}
PT_API int pt_strides(Tensor t, int64_t* out) {
    try { auto s = t->strides(); for (size_t i = 0; i < s.size(); i++) out[i] = s[i]; return 0; } PT_CATCH(-1)
}
PT_API int64_t pt_numel(Tensor t) { return t->numel(); }
PT_API int pt_dtype(Tensor t) { return (int)t->scalar_type(); }
PT_API int pt_device_type(Tensor t) { return (int)t->device().type(); }
PT_API int pt_device_index(Tensor t) { return (int)t->device().index(); }
PT_API int pt_defined(Tensor t) { return t->defined() ? 1 : 0; }
PT_API int pt_is_sparse(Tensor t) { return t->is_sparse() ? 1 : 0; }
PT_API int pt_is_contiguous(Tensor t) { return t->is_contiguous() ? 1 : 0; }
PT_API int pt_requires_grad(Tensor t) { return t->requires_grad() ? 1 : 0; }
PT_API int pt_set_requires_grad(Tensor t, int flag) { PT_VOID(t->set_requires_grad(flag != 0)) }
PT_API int pt_is_leaf(Tensor t) { return t->is_leaf() ? 1 : 0; }
PT_API Tensor pt_grad(Tensor t) {
    try { auto g = t->grad(); return g.defined() ? new at::Tensor(g) : nullptr; } PT_CATCH(nullptr)
}
PT_API int pt_set_grad(Tensor t, Tensor g) {
    PT_VOID(if (g) t->mutable_grad() = *g; else t->mutable_grad().reset())
}
PT_API int pt_retain_grad(Tensor t) { PT_VOID(t->retain_grad()) }
PT_API const void* pt_data_ptr(Tensor t) { return t->data_ptr(); }
PT_API const void* pt_storage_ptr(Tensor t) { return t->storage().data(); }
PT_API char* pt_to_string(Tensor t) {
    try { std::ostringstream os; os << *t; return strdup(os.str().c_str()); } PT_CATCH(nullptr)
}
PT_API void pt_free_string(char* s) { std::free(s); }
PT_API double pt_item_double(Tensor t) {
    try { last_error.clear(); return t->item<double>(); } PT_CATCH(0.0)
}
PT_API int64_t pt_item_long(Tensor t) {
    try { last_error.clear(); return t->item<int64_t>(); } PT_CATCH(0)
}

// ---- creation ----
PT_API Tensor pt_empty(const int64_t* s, int n, int dt, int dev, int idx) { PT_TENSOR(at::empty(ints(s, n), options(dt, dev, idx))) }
PT_API Tensor pt_zeros(const int64_t* s, int n, int dt, int dev, int idx) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, c10::multiply_integers(ints(s, n)), at::zeros(ints(s, n), options(dt, dev, idx))) }
PT_API Tensor pt_ones(const int64_t* s, int n, int dt, int dev, int idx) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, c10::multiply_integers(ints(s, n)), at::ones(ints(s, n), options(dt, dev, idx))) }
PT_API Tensor pt_full(const int64_t* s, int n, double v, int isint, int dt, int dev, int idx) {
    PT_SMALL_TENSOR(PT_LOOP_GRAIN, c10::multiply_integers(ints(s, n)), at::full(ints(s, n), scalar(v, isint), options(dt, dev, idx)))
}
PT_API Tensor pt_arange(double start, double end, double step, int dt, int dev, int idx) {
    PT_TENSOR(at::arange(start, end, step, options(dt, dev, idx)))
}
PT_API Tensor pt_linspace(double start, double end, int64_t steps, int dt, int dev, int idx) {
    PT_TENSOR(at::linspace(start, end, steps, options(dt, dev, idx)))
}
PT_API Tensor pt_eye(int64_t n, int64_t m, int dt, int dev, int idx) { PT_TENSOR(at::eye(n, m, options(dt, dev, idx))) }
PT_API Tensor pt_rand(const int64_t* s, int n, Generator g, int dt, int dev, int idx) {
    PT_TENSOR(at::rand(ints(s, n), generator(g), options(dt, dev, idx)))
}
PT_API Tensor pt_randn(const int64_t* s, int n, Generator g, int dt, int dev, int idx) {
    PT_TENSOR(at::randn(ints(s, n), generator(g), options(dt, dev, idx)))
}
PT_API Tensor pt_randint(int64_t low, int64_t high, const int64_t* s, int n, Generator g, int dt, int dev, int idx) {
    PT_TENSOR(at::randint(low, high, ints(s, n), generator(g), options(dt, dev, idx)))
}
PT_API Tensor pt_randperm(int64_t n, Generator g, int dt, int dev, int idx) {
    PT_TENSOR(at::randperm(n, generator(g), options(dt, dev, idx)))
}
PT_API Tensor pt_normal(double mean, double std, const int64_t* s, int n, Generator g, int dt, int dev, int idx) {
    PT_TENSOR(at::normal(mean, std, ints(s, n), generator(g), options(dt, dev, idx)))
}
// Copies `nbytes` from C# memory into a new CPU tensor: the caller's array may move or die afterwards.
PT_API Tensor pt_from_data(const void* data, const int64_t* s, int n, int dt) {
    PT_TENSOR(at::from_blob(const_cast<void*>(data), ints(s, n), at::TensorOptions().dtype((at::ScalarType)dt)).clone())
}
PT_API int pt_copy_to_buffer(Tensor t, void* dst, int64_t nbytes) {
    try {
        auto c = t->detach().to(at::kCPU).contiguous();
        if ((int64_t)c.nbytes() != nbytes) {
            pt_set_error(("buffer holds " + std::to_string(nbytes) + " bytes, tensor needs " + std::to_string(c.nbytes())).c_str());
            return -1;
        }
        std::memcpy(dst, c.data_ptr(), nbytes);
        return 0;
    } PT_CATCH(-1)
}
// is_coalesced promises sorted, unique indices (values replaced on a coalesced pattern, as in sparse
// dropout): the flag spares every later sparse op a sort.
// libtorch checks the indices' bounds with a min and a max over them.
PT_API Tensor pt_sparse_coo(Tensor indices, Tensor values, const int64_t* s, int n, int is_coalesced) {
    PT_SMALL_TENSOR(0, pt_work(indices, values), is_coalesced ? at::sparse_coo_tensor(*indices, *values, ints(s, n))._coalesced_(true)
                           : at::sparse_coo_tensor(*indices, *values, ints(s, n)))
}

// ---- conversion ----
PT_API Tensor pt_to_dtype(Tensor t, int dt) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(t), t->to((at::ScalarType)dt)) }
PT_API Tensor pt_to_device(Tensor t, int dev, int idx, int non_blocking) {
    PT_TENSOR(t->to(at::Device((at::DeviceType)dev, (at::DeviceIndex)idx), non_blocking != 0))
}
PT_API Tensor pt_contiguous(Tensor t) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(t), t->contiguous()) }
PT_API Tensor pt_clone(Tensor t) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(t), t->clone()) }
PT_API Tensor pt_detach(Tensor t) { PT_TENSOR(t->detach()) }
PT_API int pt_detach_(Tensor t) { PT_VOID(t->detach_()) }
PT_API int pt_copy_(Tensor dst, Tensor src) { PT_SMALL_VOID(PT_LOOP_GRAIN, pt_work(dst, src), dst->copy_(*src)) }
PT_API int pt_set_data(Tensor dst, Tensor src) { PT_VOID(dst->set_data(*src)) }
PT_API Tensor pt_coalesce(Tensor t) { PT_SMALL_TENSOR(0, pt_work(t), t->coalesce()) }
PT_API Tensor pt_to_dense(Tensor t) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(t), t->to_dense()) }
PT_API Tensor pt_to_sparse(Tensor t) { PT_TENSOR(t->to_sparse()) }
PT_API Tensor pt_sparse_indices(Tensor t) { PT_TENSOR(t->_indices()) }
PT_API Tensor pt_sparse_values(Tensor t) { PT_TENSOR(t->_values()) }

// ---- autograd ----
PT_API int pt_backward(Tensor t, Tensor grad, int retain_graph, int create_graph) {
    PT_VOID(PtSerialBackward serial_backward; t->backward(grad ? *grad : at::Tensor(), retain_graph < 0 ? c10::optional<bool>() : c10::optional<bool>(retain_graph != 0), create_graph != 0))
}
PT_API Tensor* pt_autograd_grad(const Tensor* outputs, int n_out, const Tensor* inputs, int n_in,
                                const Tensor* grad_outputs, int n_grad, int retain_graph, int create_graph,
                                int allow_unused, int* count) {
    try {
        PtSerialBackward serial_backward;
        auto result = torch::autograd::grad(tensors(outputs, n_out), tensors(inputs, n_in), tensors(grad_outputs, n_grad),
            retain_graph < 0 ? c10::optional<bool>() : c10::optional<bool>(retain_graph != 0),
            create_graph != 0, allow_unused != 0);
        return handle_array(result, count);
    } PT_CATCH(nullptr)
}
PT_API int pt_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }
PT_API void pt_set_grad_enabled(int flag) { at::GradMode::set_enabled(flag != 0); }

// ---- generators ----
PT_API Generator pt_generator_new(uint64_t seed, int dev, int idx) {
    try {
        at::Generator g;
        if ((at::DeviceType)dev == at::kCUDA) g = at::globalContext().defaultGenerator(at::Device(at::kCUDA, (c10::DeviceIndex)idx)).clone();
        else g = at::detail::createCPUGenerator(seed);
        std::lock_guard<std::mutex> lock(g.mutex());
        g.set_current_seed(seed);
        return new at::Generator(g);
    } PT_CATCH(nullptr)
}
PT_API Generator pt_generator_default(int dev, int idx) {
    try {
        if ((at::DeviceType)dev == at::kCUDA) return new at::Generator(at::globalContext().defaultGenerator(at::Device(at::kCUDA, (c10::DeviceIndex)idx)));
        return new at::Generator(at::detail::getDefaultCPUGenerator());
    } PT_CATCH(nullptr)
}
PT_API void pt_generator_free(Generator g) { delete g; }
PT_API int pt_generator_manual_seed(Generator g, uint64_t seed) {
    PT_VOID(std::lock_guard<std::mutex> lock(g->mutex()); g->set_current_seed(seed))
}
PT_API uint64_t pt_generator_initial_seed(Generator g) { return g->current_seed(); }
PT_API Tensor pt_generator_get_state(Generator g) {
    try { std::lock_guard<std::mutex> lock(g->mutex()); return new at::Tensor(g->get_state()); } PT_CATCH(nullptr)
}
PT_API int pt_generator_set_state(Generator g, Tensor state) {
    PT_VOID(std::lock_guard<std::mutex> lock(g->mutex()); g->set_state(*state))
}

// ---- threads, devices, build facts ----
// pt_set_num_threads and the small-op policy: threads.cpp.
typedef char* (*openblas_corename_fn)(void);
// The kernel set OpenBLAS chose at load time (Haswell, SkylakeX, Prescott...), or nullptr where the BLAS libtorch
// uses is not OpenBLAS.
PT_API const char* pt_blas_corename() {
    auto f = (openblas_corename_fn)dlsym(RTLD_DEFAULT, "openblas_get_corename");
    return f ? f() : nullptr;
}
// torch::cuda's functions are the C++ frontend's stable surface over the CUDA hooks, whose names change between
// libtorch versions.
PT_API int pt_cuda_device_count() {
    try { return (int)torch::cuda::device_count(); } catch (...) { return 0; }
}
PT_API int pt_has_mkldnn() { return at::hasMKLDNN() ? 1 : 0; }
PT_API const char* pt_version() { return TORCH_VERSION; }
PT_API char* pt_config() {
    try { return strdup(at::show_config().c_str()); } PT_CATCH(nullptr)
}
PT_API int pt_cuda_synchronize(int idx) { PT_VOID(torch::cuda::synchronize(idx)) }

// ---- random sampling into or from existing tensors (generator may be null: the default one) ----
PT_API int pt_uniform_(Tensor t, double from, double to, Generator g) { PT_VOID(t->uniform_(from, to, generator(g))) }
PT_API int pt_normal_(Tensor t, double mean, double std, Generator g) { PT_VOID(t->normal_(mean, std, generator(g))) }
PT_API int pt_bernoulli_p_(Tensor t, double p, Generator g) { PT_VOID(t->bernoulli_(p, generator(g))) }
PT_API Tensor pt_bernoulli(Tensor probs, Generator g) { PT_TENSOR(at::bernoulli(*probs, generator(g))) }
PT_API Tensor pt_multinomial(Tensor probs, int64_t n, int replacement, Generator g) {
    PT_TENSOR(at::multinomial(*probs, n, replacement != 0, generator(g)))
}
PT_API Tensor pt_normal_t(Tensor mean, Tensor std, Generator g) { PT_TENSOR(at::normal(*mean, *std, generator(g))) }
