// torch.nn: layers, normalisation, recurrent cells, padding and losses, one ATen call each.
// Optional tensors (bias, running statistics, class weights) arrive as null handles; reductions arrive as
// at::Reduction's numbers (0 none, 1 mean, 2 sum).
#include "common.h"

// ---- layers ----
PT_API Tensor pt_linear(Tensor x, Tensor w, Tensor b) { PT_TENSOR(at::linear(*x, *w, opt_tensor(b))) }

PT_API Tensor pt_conv2d(Tensor x, Tensor w, Tensor b, const int64_t* stride, const int64_t* padding,
                        const int64_t* dilation, int64_t groups) {
    PT_SMALL_TENSOR(0, pt_convolution_work(*x, *w), at::conv2d(*x, *w, opt_tensor(b), ints(stride, 2), ints(padding, 2), ints(dilation, 2), groups))
}

PT_API Tensor pt_conv_transpose2d(Tensor x, Tensor w, Tensor b, const int64_t* stride, const int64_t* padding,
                                  const int64_t* output_padding, int64_t groups, const int64_t* dilation) {
    PT_SMALL_TENSOR(0, pt_convolution_work(*x, *w), at::conv_transpose2d(*x, *w, opt_tensor(b), ints(stride, 2), ints(padding, 2), ints(output_padding, 2),
                                   groups, ints(dilation, 2)))
}

// pt_max_pool2d is in pool.cpp.

// divisor_override <= 0 means none (PyTorch rejects a zero divisor).
PT_API Tensor pt_avg_pool2d(Tensor x, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                            int ceil_mode, int count_include_pad, int64_t divisor_override) {
    PT_TENSOR(at::avg_pool2d(*x, ints(kernel, 2), ints(stride, 2), ints(padding, 2), ceil_mode != 0, count_include_pad != 0,
                             divisor_override > 0 ? c10::optional<int64_t>(divisor_override) : c10::nullopt))
}

// Updates running_mean and running_var in place when training (with the unbiased batch variance).
PT_API Tensor pt_batch_norm(Tensor x, Tensor weight, Tensor bias, Tensor running_mean, Tensor running_var,
                            int training, double momentum, double eps) {
    PT_SMALL_TENSOR(0, pt_work(x), at::batch_norm(*x, opt_tensor(weight), opt_tensor(bias), opt_tensor(running_mean), opt_tensor(running_var),
                             training != 0, momentum, eps, true))
}

PT_API Tensor pt_instance_norm(Tensor x, Tensor weight, Tensor bias, Tensor running_mean, Tensor running_var,
                               int use_input_stats, double momentum, double eps) {
    PT_SMALL_TENSOR(0, pt_work(x), at::instance_norm(*x, opt_tensor(weight), opt_tensor(bias), opt_tensor(running_mean), opt_tensor(running_var),
                                use_input_stats != 0, momentum, eps, true))
}

PT_API Tensor pt_layer_norm(Tensor x, const int64_t* shape, int n, Tensor weight, Tensor bias, double eps) {
    PT_SMALL_TENSOR(0, pt_work(x, weight, bias), at::layer_norm(*x, ints(shape, n), opt_tensor(weight), opt_tensor(bias), eps, true))
}

PT_API Tensor pt_dropout(Tensor x, double p, int train) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(x), at::dropout(*x, p, train != 0)) }

PT_API Tensor pt_embedding(Tensor weight, Tensor indices, int64_t padding_idx) {
    PT_TENSOR(at::embedding(*weight, *indices, padding_idx))
}

// ---- recurrent cells ----
PT_API int pt_lstm_cell(Tensor x, Tensor h, Tensor c, Tensor w_ih, Tensor w_hh, Tensor b_ih, Tensor b_hh,
                        Tensor* h_out, Tensor* c_out) {
    try {
        auto hc = at::lstm_cell(*x, {*h, *c}, *w_ih, *w_hh, opt_tensor(b_ih), opt_tensor(b_hh));
        *h_out = new at::Tensor(std::get<0>(hc));
        *c_out = new at::Tensor(std::get<1>(hc));
        return 0;
    } PT_CATCH(-1)
}

PT_API Tensor pt_gru_cell(Tensor x, Tensor h, Tensor w_ih, Tensor w_hh, Tensor b_ih, Tensor b_hh) {
    PT_TENSOR(at::gru_cell(*x, *h, *w_ih, *w_hh, opt_tensor(b_ih), opt_tensor(b_hh)))
}

// ---- padding ----
PT_API Tensor pt_reflection_pad1d(Tensor x, const int64_t* pad) { PT_SMALL_TENSOR(0, pt_work(x), at::reflection_pad1d(*x, ints(pad, 2))) }
PT_API Tensor pt_reflection_pad2d(Tensor x, const int64_t* pad) { PT_SMALL_TENSOR(0, pt_work(x), at::reflection_pad2d(*x, ints(pad, 4))) }
PT_API Tensor pt_constant_pad_nd(Tensor x, const int64_t* pad, int n, double value) {
    PT_SMALL_TENSOR(0, pt_work(x), at::constant_pad_nd(*x, ints(pad, n), value))
}

// ---- losses ----
PT_API Tensor pt_cross_entropy(Tensor x, Tensor target, Tensor weight, int64_t reduction, int64_t ignore_index,
                               double label_smoothing) {
    PT_SMALL_TENSOR(0, pt_work(x), at::cross_entropy_loss(*x, *target, opt_tensor(weight), reduction, ignore_index, label_smoothing))
}

PT_API Tensor pt_nll_loss(Tensor x, Tensor target, Tensor weight, int64_t reduction, int64_t ignore_index) {
    PT_SMALL_TENSOR(0, pt_work(x), at::nll_loss_nd(*x, *target, opt_tensor(weight), reduction, ignore_index))
}

PT_API Tensor pt_mse_loss(Tensor x, Tensor target, int64_t reduction) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(x, target), at::mse_loss(*x, *target, reduction)) }
PT_API Tensor pt_l1_loss(Tensor x, Tensor target, int64_t reduction) { PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(x, target), at::l1_loss(*x, *target, reduction)) }

PT_API Tensor pt_binary_cross_entropy_with_logits(Tensor x, Tensor target, Tensor weight, Tensor pos_weight, int64_t reduction) {
    PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(x, target, weight, pos_weight), at::binary_cross_entropy_with_logits(*x, *target, opt_tensor(weight), opt_tensor(pos_weight), reduction))
}

PT_API Tensor pt_binary_cross_entropy(Tensor x, Tensor target, Tensor weight, int64_t reduction) {
    PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(x, target, weight), at::binary_cross_entropy(*x, *target, opt_tensor(weight), reduction))
}

PT_API Tensor pt_kl_div(Tensor x, Tensor target, int64_t reduction, int log_target) {
    PT_SMALL_TENSOR(PT_LOOP_GRAIN, pt_work(x, target), at::kl_div(*x, *target, reduction, log_target != 0))
}
