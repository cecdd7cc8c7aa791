namespace Papers.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// torch.nn.functional: every layer as a function of its input and explicit weight tensors, so that
        /// weights produced by another network (a meta-learner's) receive gradients like any other input.
        /// Pairs (stride, padding, dilation, kernel) take one value for both dimensions or two (height, width).
        /// </summary>
        public static partial class functional
        {
            /// <summary>y = x Wᵀ + b, with W: [out_features, in_features].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                new(Native.pt_linear(input.Handle, weight.Handle, OrNull(bias)));

            /// <summary>2-d cross-correlation; input [N, C_in, H, W], weight [C_out, C_in / groups, kH, kW].</summary>
            public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
                long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                var (s, p, d) = (Pair(stride, 1, nameof(stride)), Pair(padding, 0, nameof(padding)), Pair(dilation, 1, nameof(dilation)));
                fixed (long* ps = s, pp = p, pd = d)
                    return new Tensor(Native.pt_conv2d(input.Handle, weight.Handle, OrNull(bias), ps, pp, pd, groups));
            }

            /// <summary>The gradient of conv2d with respect to its input; weight [C_in, C_out / groups, kH, kW].</summary>
            public static unsafe Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
                long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null)
            {
                var (s, p, d) = (Pair(stride, 1, nameof(stride)), Pair(padding, 0, nameof(padding)), Pair(dilation, 1, nameof(dilation)));
                var o = Pair(output_padding, 0, nameof(output_padding));
                fixed (long* ps = s, pp = p, po = o, pd = d)
                    return new Tensor(Native.pt_conv_transpose2d(input.Handle, weight.Handle, OrNull(bias), ps, pp, po, groups, pd));
            }

            /// <summary>
            /// The maximum over each window; the stride defaults to the kernel size. The 2×2 windows of stride 2 of a
            /// contiguous float tensor take the shim's own loop (native/src/pool.cpp): libtorch's values and gradients,
            /// bit for bit, about seven times faster.
            /// </summary>
            public static unsafe Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null,
                long[]? dilation = null, bool ceil_mode = false)
            {
                var (k, s, p, d) = MaxPoolArguments(kernel_size, stride, padding, dilation);
                fixed (long* pk = k, ps = s, pp = p, pd = d)
                    return new Tensor(Native.pt_max_pool2d(input.Handle, pk, ps, pp, pd, ceil_mode ? 1 : 0));
            }

            /// <summary>
            /// libtorch's max pooling with, for each output, the flat index within its plane (h · W + w) of the element
            /// it took; the stride defaults to the kernel size.
            /// </summary>
            public static unsafe (Tensor output, Tensor indices) max_pool2d_with_indices(Tensor input, long[] kernel_size, long[]? stride = null,
                long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
            {
                var (k, s, p, d) = MaxPoolArguments(kernel_size, stride, padding, dilation);
                IntPtr output, indices;
                fixed (long* pk = k, ps = s, pp = p, pd = d)
                    Native.Check(Native.pt_max_pool2d_with_indices(input.Handle, pk, ps, pp, pd, ceil_mode ? 1 : 0, &output, &indices));
                return (new Tensor(output), new Tensor(indices));
            }

            // The kernel, stride (the kernel's by default), padding (0) and dilation (1) of max pooling, each as a pair.
            private static (long[] Kernel, long[] Stride, long[] Padding, long[] Dilation) MaxPoolArguments(long[] kernel_size,
                long[]? stride, long[]? padding, long[]? dilation)
            {
                var k = Pair(kernel_size, 0, nameof(kernel_size));
                return (k, Pair(stride ?? k, 0, nameof(stride)), Pair(padding, 0, nameof(padding)), Pair(dilation, 1, nameof(dilation)));
            }

            /// <summary>
            /// The mean over each window; the stride defaults to the kernel size. Zero padding counts toward the
            /// mean unless <paramref name="count_include_pad"/> is false; <paramref name="divisor_override"/> replaces the window size.
            /// </summary>
            public static unsafe Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null,
                bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null)
            {
                if (divisor_override is <= 0) throw new ArgumentOutOfRangeException(nameof(divisor_override), divisor_override, "divisor must be positive");
                var k = Pair(kernel_size, 0, nameof(kernel_size));
                var (s, p) = (Pair(stride ?? k, 0, nameof(stride)), Pair(padding, 0, nameof(padding)));
                fixed (long* pk = k, ps = s, pp = p)
                    return new Tensor(Native.pt_avg_pool2d(input.Handle, pk, ps, pp, ceil_mode ? 1 : 0, count_include_pad ? 1 : 0, divisor_override ?? 0));
            }

            /// <summary>
            /// (x − E[x]) / √(Var[x] + eps) · weight + bias per channel (dimension 1). Training normalises with the
            /// batch's statistics and moves the running ones toward them in place (running ← (1 − momentum)·running +
            /// momentum·batch, with the unbiased batch variance); evaluation normalises with the running ones.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null,
                Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                if (training)
                {
                    var size = input.shape;
                    if (size.Length < 2 || size[0] * size.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
                        throw new ArgumentException($"Expected more than 1 value per channel when training, got input size [{string.Join(", ", size)}]");
                }
                return new Tensor(Native.pt_batch_norm(input.Handle, OrNull(weight), OrNull(bias), OrNull(running_mean), OrNull(running_var),
                    training ? 1 : 0, momentum, eps));
            }

            /// <summary>Batch norm applied to each sample separately: statistics over the spatial dimensions of each (sample, channel).</summary>
            public static Tensor instance_norm(Tensor input, Tensor? running_mean = null, Tensor? running_var = null, Tensor? weight = null,
                Tensor? bias = null, bool use_input_stats = true, double momentum = 0.1, double eps = 1e-5)
            {
                if (use_input_stats)
                {
                    var size = input.shape;
                    if (size.Length < 3 || size.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
                        throw new ArgumentException($"Expected more than 1 spatial element when training, got input size [{string.Join(", ", size)}]");
                }
                return new Tensor(Native.pt_instance_norm(input.Handle, OrNull(weight), OrNull(bias), OrNull(running_mean), OrNull(running_var),
                    use_input_stats ? 1 : 0, momentum, eps));
            }

            /// <summary>Normalises over the last dimensions (<paramref name="normalized_shape"/>) of each sample, with the biased variance.</summary>
            public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* shape = normalized_shape)
                    return new Tensor(Native.pt_layer_norm(input.Handle, shape, normalized_shape.Length, OrNull(weight), OrNull(bias), eps));
            }

            /// <summary>
            /// Zeroes each element with probability p and scales the rest by 1 / (1 − p) when training; the identity
            /// otherwise. With a <paramref name="generator"/> the mask is drawn from it, exactly as ATen's CPU dropout
            /// draws it from the default one (a Bernoulli(1 − p) mask divided by 1 − p).
            /// </summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
            {
                if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {p}");
                if (generator is null) return new Tensor(Native.pt_dropout(input.Handle, p, training ? 1 : 0));
                if (!training || p == 0 || input.numel() == 0) return input.alias();
                if (p == 1) return input * 0.0;
                using var noise = empty_like(input).bernoulli_(1 - p, generator);
                noise.div_(1 - p);
                return input * noise;
            }

            /// <summary>
            /// Rows of <paramref name="weight"/> picked by the integer <paramref name="input"/>; the row at
            /// <paramref name="padding_idx"/> (negative counts from the end) receives no gradient.
            /// </summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? padding_idx = null)
            {
                var rows = weight.size(0);
                if (padding_idx is { } idx && (idx >= rows || idx < -rows))
                    throw new ArgumentOutOfRangeException(nameof(padding_idx), idx, $"padding_idx must be within num_embeddings ({rows})");
                var index = padding_idx is { } i ? (i < 0 ? rows + i : i) : -1;
                return new Tensor(Native.pt_embedding(weight.Handle, input.Handle, index));
            }

            /// <summary>
            /// One LSTM step (the gate equations in <see cref="Modules.LSTMCell"/>); w_ih [4H, in], w_hh [4H, H],
            /// gates ordered input, forget, cell, output.
            /// </summary>
            public static unsafe (Tensor h, Tensor c) lstm_cell(Tensor input, (Tensor h, Tensor c) hx, Tensor w_ih, Tensor w_hh,
                Tensor? b_ih = null, Tensor? b_hh = null)
            {
                IntPtr h, c;
                Native.Check(Native.pt_lstm_cell(input.Handle, hx.h.Handle, hx.c.Handle, w_ih.Handle, w_hh.Handle, OrNull(b_ih), OrNull(b_hh), &h, &c));
                return (new Tensor(h), new Tensor(c));
            }

            /// <summary>
            /// The LSTM meta-learner's inner step (Ravi &amp; Larochelle 2017, Eqs. 2–4) over P coordinates in one native
            /// pass, forward and backward (native/src/metalstm.cpp): an LSTM cell over x [P, n] from (h, c) [P, H]
            /// (w_ih [4H, n], w_hh [4H, H], one bias b [4H]), then f = [h', θ, f_prev] · w_f + b_f and
            /// i = [h', θ, i_prev] · w_i + b_i (w_f, w_i [H + 2, 1], b_f, b_i [1]; f_prev, i_prev [P, 1]) and
            /// θ' = σ(f) θ − σ(i) ∇ (θ, ∇ [P]). Returns (h', c', f, i, θ'), or null where the kernel does not cover the
            /// inputs (float32 CPU tensors under libtorch's AVX2 kernels): the caller then runs the same equations as
            /// separate ops. Its numbers agree with those ops to float rounding, not bit for bit, and do not depend on
            /// the thread count.
            /// </summary>
            public static unsafe (Tensor h, Tensor c, Tensor f, Tensor i, Tensor theta)? meta_lstm_step(Tensor x, (Tensor h, Tensor c) hx,
                Tensor theta, Tensor f_prev, Tensor i_prev, Tensor gradient, Tensor w_ih, Tensor w_hh, Tensor b, Tensor w_f, Tensor w_i,
                Tensor b_f, Tensor b_i)
            {
                var output = stackalloc IntPtr[5];
                var done = Native.pt_meta_lstm_step(x.Handle, hx.h.Handle, hx.c.Handle, theta.Handle, f_prev.Handle, i_prev.Handle,
                    gradient.Handle, w_ih.Handle, w_hh.Handle, b.Handle, w_f.Handle, w_i.Handle, b_f.Handle, b_i.Handle, output);
                Native.Check(done);
                return done == 0 ? null : (new Tensor(output[0]), new Tensor(output[1]), new Tensor(output[2]), new Tensor(output[3]), new Tensor(output[4]));
            }

            /// <summary>
            /// softmax((y − mean₀ y) / √(var₀ y + eps) + shift, dim 1) for y [B, V] and shift [V] in one native pass a
            /// row, forward and backward (native/src/topicmodel.cpp): a batch norm with the batch's statistics (the biased
            /// variance), a shift and no scale, then a softmax over each row, as ProdLDA's decoder takes them. Returns
            /// null where the kernel does not cover the inputs (float32 CPU tensors under libtorch's AVX2 kernels): the
            /// caller then runs the same operations as separate ops. Its numbers agree with those ops to float
            /// rounding, not bit for bit, and do not depend on the thread count.
            /// </summary>
            public static unsafe Tensor? batch_norm_softmax(Tensor input, Tensor shift, double eps)
            {
                IntPtr output;
                var done = Native.pt_batch_norm_softmax(input.Handle, shift.Handle, eps, &output);
                Native.Check(done);
                return done == 0 ? null : new Tensor(output);
            }

            /// <summary>
            /// −Σᵥ counts · log(probabilities + floor) for each row of probabilities [S, V], with counts [S, V] or one row
            /// [1, V] for every row (native/src/topicmodel.cpp): a topic model's reconstruction term. The gradient reaches
            /// the probabilities only. Returns null where the kernel does not cover the inputs (float32 CPU tensors under
            /// libtorch's AVX2 kernels, counts that need no gradient): the caller then runs the same operations as
            /// separate ops. Its value agrees with theirs to float rounding and its gradient is theirs; neither depends on
            /// the thread count.
            /// </summary>
            public static unsafe Tensor? count_nll(Tensor counts, Tensor probabilities, double floor)
            {
                IntPtr output;
                var done = Native.pt_count_nll(counts.Handle, probabilities.Handle, floor, &output);
                Native.Check(done);
                return done == 0 ? null : new Tensor(output);
            }

            /// <summary>One GRU step (the equations in <see cref="Modules.GRUCell"/>); w_ih [3H, in], w_hh [3H, H], gates ordered reset, update, new.</summary>
            public static Tensor gru_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih = null, Tensor? b_hh = null) =>
                new(Native.pt_gru_cell(input.Handle, hx.Handle, w_ih.Handle, w_hh.Handle, OrNull(b_ih), OrNull(b_hh)));

            /// <summary>
            /// Pads the last dimensions: <paramref name="pad"/> holds (left, right) for the last dimension, then
            /// (top, bottom) for the one before, as in PyTorch. Constant fills with <paramref name="value"/>; Reflect
            /// mirrors the border and takes 2 values (1-d) or 4 (2-d).
            /// </summary>
            public static unsafe Tensor pad(Tensor input, long[] pad, PaddingModes mode = PaddingModes.Constant, double value = 0)
            {
                if (pad.Length == 0 || pad.Length % 2 != 0)
                    throw new ArgumentException($"pad needs a (before, after) pair per padded dimension, got {pad.Length} values");
                fixed (long* p = pad)
                {
                    switch (mode)
                    {
                        case PaddingModes.Constant:
                            return new Tensor(Native.pt_constant_pad_nd(input.Handle, p, pad.Length, value));
                        case PaddingModes.Reflect when value != 0:
                            throw new ArgumentException($"Padding mode Reflect doesn't take in a value argument (got {value})");
                        case PaddingModes.Reflect when pad.Length == 2:
                            return new Tensor(Native.pt_reflection_pad1d(input.Handle, p));
                        case PaddingModes.Reflect when pad.Length == 4:
                            return new Tensor(Native.pt_reflection_pad2d(input.Handle, p));
                        case PaddingModes.Reflect:
                            throw new ArgumentException($"Reflect padding takes 2 values (1-d) or 4 (2-d), got {pad.Length}");
                        default:
                            throw new ArgumentException($"pad supports modes Constant and Reflect, not {mode} (a convolution's padding mode)");
                    }
                }
            }

            // ---- activations ----
            public static Tensor relu(Tensor input) => input.relu();

            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) => input.leaky_relu(negative_slope);

            public static Tensor elu(Tensor input, double alpha = 1.0) => input.elu(alpha);

            public static Tensor tanh(Tensor input) => input.tanh();

            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            /// <summary>(1/β) log(1 + exp(βx)), and x itself where βx exceeds <paramref name="threshold"/>.</summary>
            public static Tensor softplus(Tensor input, double beta = 1, double threshold = 20) => input.softplus(beta, threshold);

            /// <summary>x Φ(x); with approximate "tanh", 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
            public static Tensor gelu(Tensor input, string approximate = "none") => input.gelu(approximate);

            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);

            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

            // ---- argument helpers ----
            private static IntPtr OrNull(Tensor? t) => t?.Handle ?? IntPtr.Zero;

            /// <summary>PyTorch's _pair: one value for both spatial dimensions, or one each.</summary>
            private static long[] Pair(long[]? values, long fallback, string name) => values switch
            {
                null => [fallback, fallback],
                [var v] => [v, v],
                [_, _] => values,
                _ => throw new ArgumentException($"{name} takes one value or two (height, width), got {values.Length}"),
            };
        }
    }
}
