// P/Invoke declarations of the torch.nn entry points (native/src/nn.cpp; max pooling in native/src/pool.cpp, the meta-learner's step in native/src/metalstm.cpp, ProdLDA's decoder and reconstruction in native/src/topicmodel.cpp), in the shim's order.
// Pairs (stride, padding, kernel) travel as pointers to two longs; optional tensors as IntPtr.Zero.
using System.Runtime.InteropServices;

namespace Papers.Torch;

internal static unsafe partial class Native
{
    [DllImport(Lib)] internal static extern IntPtr pt_linear(IntPtr x, IntPtr w, IntPtr b);
    [DllImport(Lib)] internal static extern IntPtr pt_conv2d(IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* dilation, long groups);
    [DllImport(Lib)] internal static extern IntPtr pt_conv_transpose2d(IntPtr x, IntPtr w, IntPtr b, long* stride, long* padding, long* output_padding, long groups, long* dilation);
    [DllImport(Lib)] internal static extern IntPtr pt_max_pool2d(IntPtr x, long* kernel, long* stride, long* padding, long* dilation, int ceil_mode);
    [DllImport(Lib)] internal static extern int pt_max_pool2d_with_indices(IntPtr x, long* kernel, long* stride, long* padding, long* dilation, int ceil_mode, IntPtr* output, IntPtr* indices);
    [DllImport(Lib)] internal static extern IntPtr pt_avg_pool2d(IntPtr x, long* kernel, long* stride, long* padding, int ceil_mode, int count_include_pad, long divisor_override);
    [DllImport(Lib)] internal static extern IntPtr pt_batch_norm(IntPtr x, IntPtr weight, IntPtr bias, IntPtr running_mean, IntPtr running_var, int training, double momentum, double eps);
    [DllImport(Lib)] internal static extern IntPtr pt_instance_norm(IntPtr x, IntPtr weight, IntPtr bias, IntPtr running_mean, IntPtr running_var, int use_input_stats, double momentum, double eps);
    [DllImport(Lib)] internal static extern IntPtr pt_layer_norm(IntPtr x, long* shape, int n, IntPtr weight, IntPtr bias, double eps);
    [DllImport(Lib)] internal static extern IntPtr pt_dropout(IntPtr x, double p, int train);
    [DllImport(Lib)] internal static extern IntPtr pt_embedding(IntPtr weight, IntPtr indices, long padding_idx);
    [DllImport(Lib)] internal static extern int pt_lstm_cell(IntPtr x, IntPtr h, IntPtr c, IntPtr w_ih, IntPtr w_hh, IntPtr b_ih, IntPtr b_hh, IntPtr* h_out, IntPtr* c_out);
    [DllImport(Lib)] internal static extern int pt_meta_lstm_step(IntPtr x, IntPtr h, IntPtr c, IntPtr theta, IntPtr f_prev, IntPtr i_prev, IntPtr grad,
        IntPtr w_ih, IntPtr w_hh, IntPtr b, IntPtr w_f, IntPtr w_i, IntPtr b_f, IntPtr b_i, IntPtr* output);
    [DllImport(Lib)] internal static extern int pt_batch_norm_softmax(IntPtr y, IntPtr shift, double eps, IntPtr* output);
    [DllImport(Lib)] internal static extern int pt_count_nll(IntPtr counts, IntPtr probabilities, double floor, IntPtr* output);
    [DllImport(Lib)] internal static extern IntPtr pt_gru_cell(IntPtr x, IntPtr h, IntPtr w_ih, IntPtr w_hh, IntPtr b_ih, IntPtr b_hh);
    [DllImport(Lib)] internal static extern IntPtr pt_reflection_pad1d(IntPtr x, long* pad);
    [DllImport(Lib)] internal static extern IntPtr pt_reflection_pad2d(IntPtr x, long* pad);
    [DllImport(Lib)] internal static extern IntPtr pt_constant_pad_nd(IntPtr x, long* pad, int n, double value);
    [DllImport(Lib)] internal static extern IntPtr pt_cross_entropy(IntPtr x, IntPtr target, IntPtr weight, long reduction, long ignore_index, double label_smoothing);
    [DllImport(Lib)] internal static extern IntPtr pt_nll_loss(IntPtr x, IntPtr target, IntPtr weight, long reduction, long ignore_index);
    [DllImport(Lib)] internal static extern IntPtr pt_mse_loss(IntPtr x, IntPtr target, long reduction);
    [DllImport(Lib)] internal static extern IntPtr pt_l1_loss(IntPtr x, IntPtr target, long reduction);
    [DllImport(Lib)] internal static extern IntPtr pt_binary_cross_entropy_with_logits(IntPtr x, IntPtr target, IntPtr weight, IntPtr pos_weight, long reduction);
    [DllImport(Lib)] internal static extern IntPtr pt_binary_cross_entropy(IntPtr x, IntPtr target, IntPtr weight, long reduction);
    [DllImport(Lib)] internal static extern IntPtr pt_kl_div(IntPtr x, IntPtr target, long reduction, int log_target);
}
