using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>
    /// What LSTMCell and GRUCell share (PyTorch's RNNCellBase): weight_ih [gates·H, input_size], weight_hh [gates·H, H],
    /// bias_ih and bias_hh [gates·H], registered in that order, all drawn from U(−1/√H, 1/√H) in that order.
    /// </summary>
    public abstract class RnnCellBase<TState, TResult> : Module<Tensor, TState, TResult>
    {
        private protected RnnCellBase(string name, long input_size, long hidden_size, bool bias, long gates, Device? device, ScalarType? dtype)
            : base(name)
        {
            if (input_size <= 0 || hidden_size <= 0)
                throw new ArgumentOutOfRangeException(nameof(hidden_size), $"{name} needs positive sizes, got input_size={input_size}, hidden_size={hidden_size}");
            (this.input_size, this.hidden_size) = (input_size, hidden_size);
            register_parameter(nameof(weight_ih), new Parameter(empty([gates * hidden_size, input_size], dtype, device)));
            register_parameter(nameof(weight_hh), new Parameter(empty([gates * hidden_size, hidden_size], dtype, device)));
            register_parameter(nameof(bias_ih), bias ? new Parameter(empty([gates * hidden_size], dtype, device)) : null);
            register_parameter(nameof(bias_hh), bias ? new Parameter(empty([gates * hidden_size], dtype, device)) : null);
            reset_parameters();
        }

        public long input_size { get; }

        public long hidden_size { get; }

        public Parameter weight_ih => ParameterOrNull(nameof(weight_ih))!;

        public Parameter weight_hh => ParameterOrNull(nameof(weight_hh))!;

        public Parameter? bias_ih => ParameterOrNull(nameof(bias_ih));

        public Parameter? bias_hh => ParameterOrNull(nameof(bias_hh));

        public void reset_parameters()
        {
            var stdv = 1.0 / Math.Sqrt(hidden_size);
            foreach (var weight in parameters()) init.uniform_(weight, -stdv, stdv);
        }

        /// <summary>A 1-d input is one unbatched sample (PyTorch 1.11+); anything but 1-d or 2-d is an error.</summary>
        private protected bool IsBatched(Tensor input) => input.dim() switch
        {
            1 => false,
            2 => true,
            _ => throw new ArgumentException($"{GetName()}: Expected input to be 1-D or 2-D but received {input.dim()}-D tensor"),
        };

        public override string extra_repr() => $"{input_size}, {hidden_size}" + (bias_ih is null ? ", bias=False" : "");
    }

    /// <summary>
    /// One LSTM step (Hochreiter and Schmidhuber, 1997, with a forget gate), returning (h′, c′):
    /// i = σ(W_ii x + b_ii + W_hi h + b_hi), f = σ(W_if x + b_if + W_hf h + b_hf), g = tanh(W_ig x + b_ig + W_hg h + b_hg),
    /// o = σ(W_io x + b_io + W_ho h + b_ho), c′ = f ⊙ c + i ⊙ g, h′ = o ⊙ tanh(c′). The state defaults to zeros.
    /// </summary>
    public class LSTMCell : RnnCellBase<(Tensor h, Tensor c)?, (Tensor h, Tensor c)>
    {
        internal LSTMCell(long input_size, long hidden_size, bool bias, Device? device, ScalarType? dtype)
            : base(nameof(LSTMCell), input_size, hidden_size, bias, 4, device, dtype) { }

        public override (Tensor h, Tensor c) forward(Tensor input, (Tensor h, Tensor c)? hx = null)
        {
            if (!IsBatched(input))
            {
                using var x = input.unsqueeze(0);
                using var h0 = hx?.h.unsqueeze(0);
                using var c0 = hx?.c.unsqueeze(0);
                var (h, c) = forward(x, hx is null ? null : (h0!, c0!));
                using (h)
                using (c)
                    return (h.squeeze(0), c.squeeze(0));
            }
            if (hx is { } state) return functional.lstm_cell(input, state, weight_ih, weight_hh, bias_ih, bias_hh);
            using var zero = zeros([input.size(0), hidden_size], input.dtype, input.device);
            return functional.lstm_cell(input, (zero, zero), weight_ih, weight_hh, bias_ih, bias_hh);
        }
    }

    /// <summary>
    /// One GRU step (Cho et al., 2014), returning h′: r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
    /// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h′ = (1 − z) ⊙ n + z ⊙ h. The state defaults to zeros.
    /// </summary>
    public class GRUCell : RnnCellBase<Tensor?, Tensor>
    {
        internal GRUCell(long input_size, long hidden_size, bool bias, Device? device, ScalarType? dtype)
            : base(nameof(GRUCell), input_size, hidden_size, bias, 3, device, dtype) { }

        public override Tensor forward(Tensor input, Tensor? hx = null)
        {
            if (!IsBatched(input))
            {
                using var x = input.unsqueeze(0);
                using var h0 = hx?.unsqueeze(0);
                using var h = forward(x, h0);
                return h.squeeze(0);
            }
            if (hx is not null) return functional.gru_cell(input, hx, weight_ih, weight_hh, bias_ih, bias_hh);
            using var zero = zeros([input.size(0), hidden_size], input.dtype, input.device);
            return functional.gru_cell(input, zero, weight_ih, weight_hh, bias_ih, bias_hh);
        }
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.LSTMCell LSTMCell(long input_size, long hidden_size, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(input_size, hidden_size, bias, device, dtype);

            public static Modules.GRUCell GRUCell(long input_size, long hidden_size, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(input_size, hidden_size, bias, device, dtype);
        }
    }
}
