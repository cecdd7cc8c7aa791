// The LSTM meta-learner's inner step (Ravi & Larochelle 2017; papers/meta-lstm, MetaLearner.Step) in one pass over
// the learner's coordinates, forward and backward. The meta-learner runs the same small network on each of the P
// coordinates: a 20-unit LSTM cell over 4 inputs, then c_t = σ(f_t) c_{t−1} − σ(i_t) ∇_t with f_t, i_t linear in
// [h_t, c_{t−1}, f_{t−1}] and [h_t, c_{t−1}, i_{t−1}]. As libtorch ops that is about fifty passes over [P, 80] and
// [P, 20] tensors a step, forward and backward; here each coordinate's 80 gates stay in registers.
//
// Unlike the shim's other kernels this one is not a stand-in for a libtorch kernel with the same bits: the composite
// (MetaLearner.Composite) sums its small products in OpenBLAS's order and takes exp from Sleef, this kernel sums in
// its own order and takes exp from vecmath.h (Cephes' expf, within 2 ulp). A step agrees with the composite
// to float rounding (tests/MetaLstm.Tests, FusedStepTests); a run of many episodes does not keep its bits.
//
// Its numbers depend on neither the thread count nor the machine: each coordinate's sums run in a fixed order, and the
// weight gradients are summed in blocks of kBlock coordinates, then over the blocks in order, in double. It runs where
// libtorch runs its AVX2 kernels (aten_avx2) on contiguous float CPU tensors; elsewhere the caller runs the composite.
#include "common.h"
#include "vecmath.h"
#include <ATen/Parallel.h>
#include <immintrin.h>
#include <torch/csrc/autograd/custom_function.h>

namespace {

constexpr int64_t kBlock = 256;   // coordinates per unit of work and per partial sum of the weight gradients

// The gates go 40 lanes at a time and the inputs' gradient 24, with 5 and 3 vector accumulators: independent chains
// of fused multiply-adds, where one chain per vector would wait on each add.
constexpr int64_t kGateLanes = 40, kInputLanes = 24;

// σ(x) = 1 / (1 + e^−x).
__attribute__((target("avx2,fma"))) inline __m256 sigmoid8(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

// tanh x = 2σ(2x) − 1 (absolute error near 1e-7, as the gates need).
__attribute__((target("avx2,fma"))) inline __m256 tanh8(__m256 x) {
    const __m256 two = _mm256_set1_ps(2.0f);
    return _mm256_fmsub_ps(two, sigmoid8(_mm256_mul_ps(two, x)), _mm256_set1_ps(1.0f));
}

__attribute__((target("avx2,fma"))) float scalar_sigmoid(float x) { return lane0(sigmoid8, x); }

// The meta-learner's weights laid out for the loops below. Layer 1's gates (4H of them: i, f, g, o) are computed
// from the inputs in = [x (4), h (H)] as gates = b + Σ_k in_k · W_k, with W_k the k-th column of [W_ih | W_hh] padded
// to GL lanes; its backward reads the rows of the same matrix, padded to KL lanes.
struct Weights {
    int64_t H, G, GL, K, KL;
    std::vector<float> columns;   // [K][GL]: column k of [W_ih | W_hh]
    std::vector<float> rows;      // [G][KL]: row g of [W_ih | W_hh]
    std::vector<float> bias;      // [GL]
    std::vector<float> scale;     // [GL]: 2 on the cell gate g (tanh through σ), 1 elsewhere
    std::vector<float> shift;     // [GL]: −1 on the cell gate, 0 elsewhere
    std::vector<float> wf, wi;    // [H8 + 8]: W_F and W_I over h, zero-padded; [H] and [H + 1] kept apart below
    float wf_theta, wf_prev, wi_theta, wi_prev, bf, bi;

    Weights(const at::Tensor& w_ih, const at::Tensor& w_hh, const at::Tensor& b, const at::Tensor& w_f,
            const at::Tensor& w_i, const at::Tensor& b_f, const at::Tensor& b_i, int64_t inputs) {
        H = w_hh.size(1);
        G = 4 * H;
        GL = round_up(G, kGateLanes);
        K = inputs + H;
        KL = round_up(K, kInputLanes);
        columns.assign(K * GL, 0.0f);
        rows.assign(G * KL, 0.0f);
        bias.assign(GL, 0.0f);
        scale.assign(GL, 1.0f);
        shift.assign(GL, 0.0f);
        auto ih = w_ih.data_ptr<float>(), hh = w_hh.data_ptr<float>(), bb = b.data_ptr<float>();
        for (int64_t g = 0; g < G; g++) {
            for (int64_t k = 0; k < K; k++) {
                const float w = k < inputs ? ih[g * inputs + k] : hh[g * H + (k - inputs)];
                columns[k * GL + g] = w;
                rows[g * KL + k] = w;
            }
            bias[g] = bb[g];
            if (g >= 2 * H && g < 3 * H) scale[g] = 2.0f, shift[g] = -1.0f;
        }
        const int64_t H8 = round_up(H, 8);
        wf.assign(H8 + 8, 0.0f);
        wi.assign(H8 + 8, 0.0f);
        auto f = w_f.data_ptr<float>(), i = w_i.data_ptr<float>();
        for (int64_t j = 0; j < H; j++) wf[j] = f[j], wi[j] = i[j];
        wf_theta = f[H], wf_prev = f[H + 1], wi_theta = i[H], wi_prev = i[H + 1];
        bf = b_f.data_ptr<float>()[0];
        bi = b_i.data_ptr<float>()[0];
    }
};

// The step's tensors, all [P, ·] and contiguous: inputs, outputs, and what the backward reads.
struct Forward {
    const float *x, *h0, *c0, *theta, *fprev, *iprev, *grad;
    float *h, *c, *f, *i, *next;   // outputs, written by the forward only
    float *acts, *tanh_c, *gates;  // acts [P, 4H]: σ(i), σ(f), tanh(g), σ(o); tanh_c [P, H]; gates [P, 2]: σ(f), σ(i)
    int64_t inputs;
};

__attribute__((target("avx2,fma"))) void forward_block(const Weights& w, const Forward& t, int64_t begin, int64_t end) {
    const int64_t H = w.H, G = w.G, GL = w.GL, K = w.K, H8 = round_up(H, 8);
    std::vector<float> in(K), gate(GL + 8 * 4, 0.0f), c0(H8, 0.0f), c(H8, 0.0f), tc(H8, 0.0f), h(H8, 0.0f);
    for (int64_t p = begin; p < end; p++) {
        for (int64_t k = 0; k < t.inputs; k++) in[k] = t.x[p * t.inputs + k];
        for (int64_t j = 0; j < H; j++) in[t.inputs + j] = t.h0[p * H + j];
        for (int64_t v = 0; v < GL; v += kGateLanes) {
            __m256 a[5];
            #pragma GCC unroll 5
            for (int u = 0; u < 5; u++) a[u] = _mm256_loadu_ps(&w.bias[v + 8 * u]);
            for (int64_t k = 0; k < K; k++) {
                const __m256 x = _mm256_set1_ps(in[k]);
                const float* column = &w.columns[k * GL + v];
                #pragma GCC unroll 5
                for (int u = 0; u < 5; u++) a[u] = _mm256_fmadd_ps(x, _mm256_loadu_ps(column + 8 * u), a[u]);
            }
            #pragma GCC unroll 5
            for (int u = 0; u < 5; u++) {
                const __m256 scale = _mm256_loadu_ps(&w.scale[v + 8 * u]);
                const __m256 s = sigmoid8(_mm256_mul_ps(a[u], scale));
                _mm256_storeu_ps(&gate[v + 8 * u], _mm256_fmadd_ps(s, scale, _mm256_loadu_ps(&w.shift[v + 8 * u])));
            }
        }
        std::copy(gate.begin(), gate.begin() + G, t.acts + p * G);
        for (int64_t j = 0; j < H; j++) c0[j] = t.c0[p * H + j];
        __m256 df = _mm256_setzero_ps(), di = _mm256_setzero_ps();
        for (int64_t j = 0; j < H8; j += 8) {
            const __m256 ig = _mm256_loadu_ps(&gate[j]), fg = _mm256_loadu_ps(&gate[H + j]);
            const __m256 gg = _mm256_loadu_ps(&gate[2 * H + j]), og = _mm256_loadu_ps(&gate[3 * H + j]);
            const __m256 cj = _mm256_fmadd_ps(fg, _mm256_loadu_ps(&c0[j]), _mm256_mul_ps(ig, gg));   // c = σ(f)·c₀ + σ(i)·tanh(g)
            const __m256 tj = tanh8(cj);
            const __m256 hj = _mm256_mul_ps(og, tj);                                                  // h = σ(o)·tanh(c)
            _mm256_storeu_ps(&c[j], cj);
            _mm256_storeu_ps(&tc[j], tj);
            _mm256_storeu_ps(&h[j], hj);
            df = _mm256_fmadd_ps(hj, _mm256_loadu_ps(&w.wf[j]), df);   // padded lanes: W_F and W_I are zero there
            di = _mm256_fmadd_ps(hj, _mm256_loadu_ps(&w.wi[j]), di);
        }
        std::copy(c.begin(), c.begin() + H, t.c + p * H);
        std::copy(tc.begin(), tc.begin() + H, t.tanh_c + p * H);
        std::copy(h.begin(), h.begin() + H, t.h + p * H);
        const float theta = t.theta[p];
        const float f = hsum8(df) + w.wf_theta * theta + w.wf_prev * t.fprev[p] + w.bf;   // Eq. 4
        const float i = hsum8(di) + w.wi_theta * theta + w.wi_prev * t.iprev[p] + w.bi;   // Eq. 3
        const float sf = scalar_sigmoid(f), si = scalar_sigmoid(i);
        t.f[p] = f;
        t.i[p] = i;
        t.gates[2 * p] = sf;
        t.gates[2 * p + 1] = si;
        t.next[p] = sf * theta - si * t.grad[p];                                                  // Eq. 2
    }
}

// The backward's tensors: the forward's, the gradients arriving at the outputs (g*), and those it returns (d*).
struct Backward {
    Forward fw;
    const float *gh, *gc, *gf, *gi, *gnext;
    float *dx, *dh0, *dc0, *dtheta, *dfprev, *diprev, *dgrad;
};

// One block's share of the weight gradients: [K][GL] for [W_ih | W_hh] (column-major, as Weights::columns), then
// b [GL], then W_F over h [H8], W_F's θ and f_{t−1} entries, b_F, the same four for W_I.
int64_t partial_size(const Weights& w) { return w.K * w.GL + w.GL + 2 * (round_up(w.H, 8) + 3); }

__attribute__((target("avx2,fma"))) void backward_block(const Weights& w, const Backward& t, int64_t begin, int64_t end, float* partial) {
    const auto& fw = t.fw;
    const int64_t H = w.H, G = w.G, GL = w.GL, K = w.K, KL = w.KL, H8 = round_up(H, 8), n = fw.inputs;
    float* dW = partial;
    float* db = dW + K * GL;
    float* dwf = db + GL;
    float* dwi = dwf + H8 + 3;
    std::vector<float> in(K), act(GL + 8 * 4, 0.0f), c0(H8, 0.0f), tc(H8, 0.0f), dh(H8, 0.0f), dc(H8, 0.0f);
    std::vector<float> dgate(GL, 0.0f), din(KL, 0.0f), dc0(H8, 0.0f);
    for (int64_t p = begin; p < end; p++) {
        for (int64_t k = 0; k < n; k++) in[k] = fw.x[p * n + k];
        for (int64_t j = 0; j < H; j++) {
            in[n + j] = fw.h0[p * H + j];
            c0[j] = fw.c0[p * H + j];
            tc[j] = fw.tanh_c[p * H + j];
            dh[j] = t.gh[p * H + j];
            dc[j] = t.gc[p * H + j];
        }
        std::copy(fw.acts + p * G, fw.acts + (p + 1) * G, act.begin());
        const float theta = fw.theta[p], sf = fw.gates[2 * p], si = fw.gates[2 * p + 1], gn = t.gnext[p];
        // Layer 2: θ' = σ(f)θ − σ(i)∇, with f and i linear in [h, θ, f_{t−1}] and [h, θ, i_{t−1}].
        const float dfa = t.gf[p] + gn * theta * sf * (1.0f - sf);
        const float dia = t.gi[p] - gn * fw.grad[p] * si * (1.0f - si);
        t.dtheta[p] = gn * sf + dfa * w.wf_theta + dia * w.wi_theta;
        t.dfprev[p] = dfa * w.wf_prev;
        t.diprev[p] = dia * w.wi_prev;
        t.dgrad[p] = -gn * si;
        const __m256 vf = _mm256_set1_ps(dfa), vi = _mm256_set1_ps(dia);
        for (int64_t j = 0; j < H8; j += 8) {
            const __m256 hj = _mm256_mul_ps(_mm256_loadu_ps(&act[3 * H + j]), _mm256_loadu_ps(&tc[j]));   // h = σ(o)·tanh(c), as the forward made it
            _mm256_storeu_ps(&dwf[j], _mm256_fmadd_ps(vf, hj, _mm256_loadu_ps(&dwf[j])));
            _mm256_storeu_ps(&dwi[j], _mm256_fmadd_ps(vi, hj, _mm256_loadu_ps(&dwi[j])));
            // dh arriving at h: from the output and from both layer-2 gates
            _mm256_storeu_ps(&dh[j], _mm256_fmadd_ps(vi, _mm256_loadu_ps(&w.wi[j]),
                                                     _mm256_fmadd_ps(vf, _mm256_loadu_ps(&w.wf[j]), _mm256_loadu_ps(&dh[j]))));
        }
        dwf[H8] += dfa * theta, dwf[H8 + 1] += dfa * fw.fprev[p], dwf[H8 + 2] += dfa;
        dwi[H8] += dia * theta, dwi[H8 + 1] += dia * fw.iprev[p], dwi[H8 + 2] += dia;
        // Layer 1: c = σ(f₁)c₀ + σ(i₁)tanh(g₁), h = σ(o₁)tanh(c).
        const __m256 one = _mm256_set1_ps(1.0f);
        for (int64_t j = 0; j < H8; j += 8) {
            const __m256 ig = _mm256_loadu_ps(&act[j]), fg = _mm256_loadu_ps(&act[H + j]);
            const __m256 gg = _mm256_loadu_ps(&act[2 * H + j]), og = _mm256_loadu_ps(&act[3 * H + j]);
            const __m256 tj = _mm256_loadu_ps(&tc[j]), dhj = _mm256_loadu_ps(&dh[j]);
            const __m256 dcj = _mm256_fmadd_ps(_mm256_mul_ps(dhj, og), _mm256_fnmadd_ps(tj, tj, one), _mm256_loadu_ps(&dc[j]));
            _mm256_storeu_ps(&dc0[j], _mm256_mul_ps(dcj, fg));
            // the four gates' pre-activation gradients, each [H] of dgate
            const __m256 di1 = _mm256_mul_ps(_mm256_mul_ps(dcj, gg), _mm256_mul_ps(ig, _mm256_sub_ps(one, ig)));
            const __m256 df1 = _mm256_mul_ps(_mm256_mul_ps(dcj, _mm256_loadu_ps(&c0[j])), _mm256_mul_ps(fg, _mm256_sub_ps(one, fg)));
            const __m256 dg1 = _mm256_mul_ps(_mm256_mul_ps(dcj, ig), _mm256_fnmadd_ps(gg, gg, one));
            const __m256 do1 = _mm256_mul_ps(_mm256_mul_ps(dhj, tj), _mm256_mul_ps(og, _mm256_sub_ps(one, og)));
            float lanes[4][8];
            _mm256_storeu_ps(lanes[0], di1);
            _mm256_storeu_ps(lanes[1], df1);
            _mm256_storeu_ps(lanes[2], dg1);
            _mm256_storeu_ps(lanes[3], do1);
            for (int64_t l = 0; l < 8 && j + l < H; l++)
                for (int q = 0; q < 4; q++) dgate[q * H + j + l] = lanes[q][l];
        }
        std::copy(dc0.begin(), dc0.begin() + H, t.dc0 + p * H);
        // d[x, h₀] = [W_ih | W_hh]ᵀ · dgates, the even and the odd gates in chains of their own; the weights' gradient
        // gains in ⊗ dgates.
        for (int64_t v = 0; v < KL; v += kInputLanes) {
            __m256 even[3], odd[3];
            #pragma GCC unroll 5
            for (int u = 0; u < 3; u++) even[u] = odd[u] = _mm256_setzero_ps();
            int64_t g = 0;
            for (; g + 1 < G; g += 2) {
                const __m256 d0 = _mm256_set1_ps(dgate[g]), d1 = _mm256_set1_ps(dgate[g + 1]);
                const float *r0 = &w.rows[g * KL + v], *r1 = r0 + KL;
                #pragma GCC unroll 5
                for (int u = 0; u < 3; u++) {
                    even[u] = _mm256_fmadd_ps(d0, _mm256_loadu_ps(r0 + 8 * u), even[u]);
                    odd[u] = _mm256_fmadd_ps(d1, _mm256_loadu_ps(r1 + 8 * u), odd[u]);
                }
            }
            if (g < G)
                #pragma GCC unroll 5
                for (int u = 0; u < 3; u++) even[u] = _mm256_fmadd_ps(_mm256_set1_ps(dgate[g]), _mm256_loadu_ps(&w.rows[g * KL + v + 8 * u]), even[u]);
            #pragma GCC unroll 5
            for (int u = 0; u < 3; u++) _mm256_storeu_ps(&din[v + 8 * u], _mm256_add_ps(even[u], odd[u]));
        }
        for (int64_t k = 0; k < n; k++) t.dx[p * n + k] = din[k];
        for (int64_t j = 0; j < H; j++) t.dh0[p * H + j] = din[n + j];
        for (int64_t v = 0; v < GL; v += kGateLanes) {
            __m256 d[5];
            #pragma GCC unroll 5
            for (int u = 0; u < 5; u++) {
                d[u] = _mm256_loadu_ps(&dgate[v + 8 * u]);
                _mm256_storeu_ps(&db[v + 8 * u], _mm256_add_ps(_mm256_loadu_ps(&db[v + 8 * u]), d[u]));
            }
            for (int64_t k = 0; k < K; k++) {
                const __m256 x = _mm256_set1_ps(in[k]);
                float* row = &dW[k * GL + v];
                #pragma GCC unroll 5
                for (int u = 0; u < 5; u++) _mm256_storeu_ps(row + 8 * u, _mm256_fmadd_ps(x, d[u], _mm256_loadu_ps(row + 8 * u)));
            }
        }
    }
}

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct MetaLstmStep : public torch::autograd::Function<MetaLstmStep> {
    // Inputs: x [P, n], h₀ and c₀ [P, H], θ [P], f_{t−1} and i_{t−1} [P, 1], ∇ [P]; W_ih [4H, n], W_hh [4H, H], b [4H],
    // W_F and W_I [H + 2, 1], b_F and b_I [1]. Outputs: h, c [P, H], f, i [P, 1], θ' [P].
    static variable_list forward(AutogradContext* ctx, at::Tensor x, at::Tensor h0, at::Tensor c0, at::Tensor theta,
                                 at::Tensor fprev, at::Tensor iprev, at::Tensor grad, at::Tensor w_ih, at::Tensor w_hh,
                                 at::Tensor b, at::Tensor w_f, at::Tensor w_i, at::Tensor b_f, at::Tensor b_i) {
        const int64_t P = x.size(0), H = h0.size(1);
        auto o = x.options();
        auto h = at::empty({P, H}, o), c = at::empty({P, H}, o), f = at::empty({P, 1}, o), i = at::empty({P, 1}, o), next = at::empty({P}, o);
        auto acts = at::empty({P, 4 * H}, o), tanh_c = at::empty({P, H}, o), gates = at::empty({P, 2}, o);
        const Weights w(w_ih, w_hh, b, w_f, w_i, b_f, b_i, x.size(1));
        const Forward t{ptr(x), ptr(h0), ptr(c0), ptr(theta), ptr(fprev), ptr(iprev), ptr(grad),
                        ptr(h), ptr(c), ptr(f), ptr(i), ptr(next), ptr(acts), ptr(tanh_c), ptr(gates), x.size(1)};
        each_chunk(P, kBlock, [&](int64_t, int64_t first, int64_t last) { forward_block(w, t, first, last); });
        ctx->save_for_backward({x, h0, c0, theta, fprev, iprev, grad, w_ih, w_hh, b, w_f, w_i, b_f, b_i});
        ctx->saved_data["acts"] = acts;
        ctx->saved_data["tanh_c"] = tanh_c;
        ctx->saved_data["gates"] = gates;
        return {h, c, f, i, next};
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads) {
        auto s = ctx->get_saved_variables();
        const auto &x = s[0], &h0 = s[1], &c0 = s[2], &theta = s[3], &fprev = s[4], &iprev = s[5], &grad = s[6];
        const int64_t P = x.size(0), n = x.size(1), H = h0.size(1), G = 4 * H;
        const Weights w(s[7], s[8], s[9], s[10], s[11], s[12], s[13], n);
        auto acts = ctx->saved_data["acts"].toTensor(), tanh_c = ctx->saved_data["tanh_c"].toTensor(), gates = ctx->saved_data["gates"].toTensor();
        for (auto& g : grads) g = g.contiguous();
        auto o = x.options();
        auto dx = at::empty({P, n}, o), dh0 = at::empty({P, H}, o), dc0 = at::empty({P, H}, o), dtheta = at::empty({P}, o);
        auto dfprev = at::empty({P, 1}, o), diprev = at::empty({P, 1}, o), dgrad = at::empty({P}, o);
        const Forward fw{ptr(x), ptr(h0), ptr(c0), ptr(theta), ptr(fprev), ptr(iprev), ptr(grad),
                         nullptr, nullptr, nullptr, nullptr, nullptr, ptr(acts), ptr(tanh_c), ptr(gates), n};
        const Backward t{fw, ptr(grads[0]), ptr(grads[1]), ptr(grads[2]), ptr(grads[3]), ptr(grads[4]),
                         ptr(dx), ptr(dh0), ptr(dc0), ptr(dtheta), ptr(dfprev), ptr(diprev), ptr(dgrad)};
        const int64_t size = partial_size(w), count = (P + kBlock - 1) / kBlock;
        std::vector<float> partials(count * size, 0.0f);
        each_chunk(P, kBlock, [&](int64_t block, int64_t first, int64_t last) { backward_block(w, t, first, last, partials.data() + block * size); });
        std::vector<double> total(size, 0.0);
        for (int64_t block = 0; block < count; block++)
            for (int64_t e = 0; e < size; e++) total[e] += partials[block * size + e];
        // Unpack the sums as partial_size lays them out.
        auto dw_ih = at::empty({G, n}, o), dw_hh = at::empty({G, H}, o), db = at::empty({G}, o);
        auto dw_f = at::empty({H + 2, 1}, o), dw_i = at::empty({H + 2, 1}, o), db_f = at::empty({1}, o), db_i = at::empty({1}, o);
        const int64_t H8 = round_up(H, 8), bias = w.K * w.GL, layer2 = bias + w.GL;
        for (int64_t g = 0; g < G; g++) {
            for (int64_t k = 0; k < n; k++) ptr(dw_ih)[g * n + k] = (float)total[k * w.GL + g];
            for (int64_t j = 0; j < H; j++) ptr(dw_hh)[g * H + j] = (float)total[(n + j) * w.GL + g];
            ptr(db)[g] = (float)total[bias + g];
        }
        for (auto [dw, dbias, offset] : {std::make_tuple(dw_f, db_f, layer2), std::make_tuple(dw_i, db_i, layer2 + H8 + 3)}) {
            for (int64_t j = 0; j < H; j++) ptr(dw)[j] = (float)total[offset + j];
            ptr(dw)[H] = (float)total[offset + H8];
            ptr(dw)[H + 1] = (float)total[offset + H8 + 1];
            ptr(dbias)[0] = (float)total[offset + H8 + 2];
        }
        return {dx, dh0, dc0, dtheta, dfprev, diprev, dgrad, dw_ih, dw_hh, db, dw_f, dw_i, db_f, db_i};
    }
};

void check_shape(const at::Tensor& t, std::initializer_list<int64_t> shape, const char* name) {
    TORCH_CHECK(t.sizes().equals(shape), "meta_lstm_step: ", name, " must be ", at::IntArrayRef(shape), ", not ", t.sizes());
}

}  // namespace

// Runs the step when the kernel covers it (AVX2 kernels, float CPU tensors) and returns 1 with h, c, f, i and θ' in
// out[0..4]; returns 0 when it does not (the caller runs the composite), −1 on an error.
PT_API int pt_meta_lstm_step(Tensor x, Tensor h0, Tensor c0, Tensor theta, Tensor fprev, Tensor iprev, Tensor grad,
                             Tensor w_ih, Tensor w_hh, Tensor b, Tensor w_f, Tensor w_i, Tensor b_f, Tensor b_i, Tensor* out) {
    try {
        std::vector<at::Tensor> all{*x, *h0, *c0, *theta, *fprev, *iprev, *grad, *w_ih, *w_hh, *b, *w_f, *w_i, *b_f, *b_i};
        if (!aten_avx2()) return 0;
        for (const auto& t : all)
            if (!cpu_float(t)) return 0;
        TORCH_CHECK(x->dim() == 2 && h0->dim() == 2, "meta_lstm_step: x and h must be [P, ·], not ", x->sizes(), " and ", h0->sizes());
        const int64_t P = x->size(0), n = x->size(1), H = h0->size(1);
        TORCH_CHECK(H >= 1 && n >= 1, "meta_lstm_step: no hidden units or no inputs");
        check_shape(*c0, {P, H}, "c");
        check_shape(*theta, {P}, "θ");
        check_shape(*fprev, {P, 1}, "f_{t−1}");
        check_shape(*iprev, {P, 1}, "i_{t−1}");
        check_shape(*grad, {P}, "∇");
        check_shape(*w_ih, {4 * H, n}, "W_ih");
        check_shape(*w_hh, {4 * H, H}, "W_hh");
        check_shape(*b, {4 * H}, "b");
        check_shape(*w_f, {H + 2, 1}, "W_F");
        check_shape(*w_i, {H + 2, 1}, "W_I");
        check_shape(*b_f, {1}, "b_F");
        check_shape(*b_i, {1}, "b_I");
        for (auto& t : all) t = t.contiguous();
        auto r = MetaLstmStep::apply(all[0], all[1], all[2], all[3], all[4], all[5], all[6], all[7], all[8], all[9],
                                     all[10], all[11], all[12], all[13]);
        for (int k = 0; k < 5; k++) out[k] = new at::Tensor(r[k]);
        return 1;
    } PT_CATCH(-1)
}
