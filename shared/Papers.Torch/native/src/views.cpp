// Views, shapes, joining and indexing.
#include "common.h"
#include <ATen/TensorIndexing.h>

PT_API Tensor pt_view(Tensor a, const int64_t* s, int n) { PT_TENSOR(a->view(ints(s, n))) }
PT_API Tensor pt_reshape(Tensor a, const int64_t* s, int n) { PT_TENSOR(a->reshape(ints(s, n))) }
PT_API Tensor pt_permute(Tensor a, const int64_t* s, int n) { PT_TENSOR(a->permute(ints(s, n))) }
PT_API Tensor pt_expand(Tensor a, const int64_t* s, int n) { PT_TENSOR(a->expand(ints(s, n))) }
PT_API Tensor pt_repeat(Tensor a, const int64_t* s, int n) { PT_TENSOR(a->repeat(ints(s, n))) }
PT_API Tensor pt_flip(Tensor a, const int64_t* s, int n) { PT_TENSOR(a->flip(ints(s, n))) }
PT_API Tensor pt_roll(Tensor a, const int64_t* shifts, const int64_t* dims, int n) { PT_TENSOR(a->roll(ints(shifts, n), ints(dims, n))) }
PT_API Tensor pt_transpose(Tensor a, int64_t d0, int64_t d1) { PT_TENSOR(a->transpose(d0, d1)) }
PT_API Tensor pt_t(Tensor a) { PT_TENSOR(a->t()) }
PT_API Tensor pt_unsqueeze(Tensor a, int64_t d) { PT_TENSOR(a->unsqueeze(d)) }
PT_API Tensor pt_squeeze(Tensor a) { PT_TENSOR(a->squeeze()) }
PT_API Tensor pt_squeeze_dim(Tensor a, int64_t d) { PT_TENSOR(a->squeeze(d)) }
PT_API Tensor pt_flatten(Tensor a, int64_t start, int64_t end) { PT_TENSOR(a->flatten(start, end)) }
PT_API Tensor pt_narrow(Tensor a, int64_t dim, int64_t start, int64_t length) { PT_TENSOR(a->narrow(dim, start, length)) }
PT_API Tensor pt_select(Tensor a, int64_t dim, int64_t index) { PT_TENSOR(a->select(dim, index)) }
PT_API Tensor pt_slice(Tensor a, int64_t dim, int64_t start, int64_t end, int64_t step) { PT_TENSOR(a->slice(dim, start, end, step)) }
PT_API Tensor pt_tril(Tensor a, int64_t k) { PT_TENSOR(a->tril(k)) }
PT_API Tensor pt_triu(Tensor a, int64_t k) { PT_TENSOR(a->triu(k)) }
PT_API Tensor pt_diag(Tensor a, int64_t k) { PT_TENSOR(a->diag(k)) }
PT_API Tensor pt_diagonal(Tensor a, int64_t offset, int64_t d0, int64_t d1) { PT_TENSOR(a->diagonal(offset, d0, d1)) }

PT_API Tensor pt_cat(const Tensor* ts, int n, int64_t dim) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work_list(ts, n), at::cat(tensors(ts, n), dim)) }
PT_API Tensor pt_stack(const Tensor* ts, int n, int64_t dim) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work_list(ts, n), at::stack(tensors(ts, n), dim)) }
PT_API Tensor* pt_split(Tensor a, int64_t size, int64_t dim, int* count) {
    try { return handle_array(a->split(size, dim), count); } PT_CATCH(nullptr)
}
PT_API Tensor* pt_split_sizes(Tensor a, const int64_t* sizes, int n, int64_t dim, int* count) {
    try { return handle_array(a->split_with_sizes(ints(sizes, n), dim), count); } PT_CATCH(nullptr)
}
PT_API Tensor* pt_chunk(Tensor a, int64_t chunks, int64_t dim, int* count) {
    try { return handle_array(a->chunk(chunks, dim), count); } PT_CATCH(nullptr)
}
PT_API Tensor* pt_unbind(Tensor a, int64_t dim, int* count) {
    try { return handle_array(a->unbind(dim), count); } PT_CATCH(nullptr)
}

PT_API Tensor pt_index_select(Tensor a, int64_t dim, Tensor index) { PT_SMALL_TENSOR(0, pt_work(a), a->index_select(dim, *index)) }
PT_API Tensor pt_gather(Tensor a, int64_t dim, Tensor index) { PT_TENSOR(a->gather(dim, *index)) }
PT_API Tensor pt_scatter(Tensor a, int64_t dim, Tensor index, Tensor src) { PT_TENSOR(a->scatter(dim, *index, *src)) }
PT_API Tensor pt_scatter_add(Tensor a, int64_t dim, Tensor index, Tensor src) { PT_TENSOR(a->scatter_add(dim, *index, *src)) }
PT_API int pt_scatter_add_(Tensor a, int64_t dim, Tensor index, Tensor src) { PT_VOID(a->scatter_add_(dim, *index, *src)) }
PT_API Tensor pt_index_add(Tensor a, int64_t dim, Tensor index, Tensor src) { PT_TENSOR(a->index_add(dim, *index, *src)) }
PT_API Tensor pt_one_hot(Tensor a, int64_t classes) { PT_TENSOR(at::one_hot(*a, classes)) }

// Python-style indexing. kinds[i]: 0 integer (a), 1 slice (a:b:c, with has_start/has_stop as
// bit 0/1 of flags), 2 None, 3 Ellipsis, 4 tensor (integer or bool), 5 bool.
static std::vector<at::indexing::TensorIndex> indices(const int* kinds, const int64_t* a, const int64_t* b,
                                                      const int64_t* c, const int* flags, const Tensor* ts, int n) {
    using namespace at::indexing;
    std::vector<TensorIndex> v;
    v.reserve(n);
    for (int i = 0; i < n; i++) {
        switch (kinds[i]) {
            case 0: v.emplace_back(a[i]); break;
            case 1: v.emplace_back(Slice((flags[i] & 1) ? c10::optional<int64_t>(a[i]) : c10::nullopt,
                                         (flags[i] & 2) ? c10::optional<int64_t>(b[i]) : c10::nullopt,
                                         c10::optional<int64_t>(c[i]))); break;
            case 2: v.emplace_back(None); break;
            case 3: v.emplace_back(Ellipsis); break;
            case 4: v.emplace_back(*ts[i]); break;
            case 5: v.emplace_back(a[i] != 0); break;
            default: throw std::invalid_argument("unknown index kind");
        }
    }
    return v;
}
PT_API Tensor pt_index(Tensor t, const int* kinds, const int64_t* a, const int64_t* b, const int64_t* c,
                       const int* flags, const Tensor* ts, int n) {
    PT_TENSOR(t->index(indices(kinds, a, b, c, flags, ts, n)))
}
PT_API int pt_index_put_(Tensor t, const int* kinds, const int64_t* a, const int64_t* b, const int64_t* c,
                         const int* flags, const Tensor* ts, int n, Tensor value) {
    PT_VOID(t->index_put_(indices(kinds, a, b, c, flags, ts, n), *value))
}
PT_API int pt_index_put_s_(Tensor t, const int* kinds, const int64_t* a, const int64_t* b, const int64_t* c,
                           const int* flags, const Tensor* ts, int n, double v, int isint) {
    PT_VOID(t->index_put_(indices(kinds, a, b, c, flags, ts, n), scalar(v, isint)))
}
