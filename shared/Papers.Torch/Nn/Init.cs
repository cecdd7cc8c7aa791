namespace Papers.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// torch.nn.init: fills a tensor in place, without recording gradients, and returns it. The formulas and
        /// the random draws are PyTorch's, so the same seed gives the same values.
        /// </summary>
        public static class init
        {
            public enum FanInOut { FanIn, FanOut }

            public enum NonlinearityType
            {
                Linear, Conv1D, Conv2D, Conv3D, ConvTranspose1D, ConvTranspose2D, ConvTranspose3D, Sigmoid, Tanh, ReLU, LeakyReLU, SELU,
            }

            /// <summary>
            /// The gain that keeps activations' variance through <paramref name="nonlinearity"/>: 1 for linear maps and
            /// sigmoid, 5/3 for tanh, √2 for ReLU, √(2 / (1 + slope²)) for leaky ReLU (slope <paramref name="param"/>,
            /// default 0.01), 3/4 for SELU.
            /// </summary>
            public static double calculate_gain(NonlinearityType nonlinearity, double? param = null) => nonlinearity switch
            {
                NonlinearityType.Tanh => 5.0 / 3,
                NonlinearityType.ReLU => Math.Sqrt(2.0),
                NonlinearityType.LeakyReLU => Math.Sqrt(2.0 / (1 + (param ?? 0.01) * (param ?? 0.01))),
                NonlinearityType.SELU => 3.0 / 4,
                _ => 1,
            };

            /// <summary>
            /// The default of Linear and the convolutions (PyTorch's reset_parameters): W ~ kaiming_uniform_(a = √5),
            /// which is U(−1/√fan_in, 1/√fan_in), then b ~ U(−1/√fan_in, 1/√fan_in), drawn in that order.
            /// </summary>
            internal static void reset_affine_(Tensor weight, Tensor? bias)
            {
                kaiming_uniform_(weight, a: Math.Sqrt(5));
                if (bias is null) return;
                var (fanIn, _) = calculate_fan_in_and_fan_out(weight);
                var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
                uniform_(bias, -bound, bound);
            }

            /// <summary>
            /// PyTorch's fans: for a weight [out, in, k...], fan_in = in·Πk and fan_out = out·Πk (so a transposed
            /// convolution's [in, out / groups, k...] weight has fan_in = out / groups · Πk, as PyTorch computes it).
            /// </summary>
            public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
            {
                var shape = tensor.shape;
                if (shape.Length < 2)
                    throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
                var receptive = shape.Skip(2).Aggregate(1L, (a, b) => a * b);
                return (shape[1] * receptive, shape[0] * receptive);
            }

            public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
            {
                using var noGrad = no_grad();
                return tensor.uniform_(a, b, generator);
            }

            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
            {
                using var noGrad = no_grad();
                return tensor.normal_(mean, std, generator);
            }

            public static Tensor constant_(Tensor tensor, Scalar val)
            {
                using var noGrad = no_grad();
                return tensor.fill_(val);
            }

            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1.0);

            public static Tensor zeros_(Tensor tensor)
            {
                using var noGrad = no_grad();
                return tensor.zero_();
            }

            /// <summary>Glorot and Bengio (2010): U(−a, a) with a = gain · √(6 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1.0, Generator? generator = null)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                var std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
                var a = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -a, a, generator);
            }

            /// <summary>Glorot and Bengio (2010): N(0, std²) with std = gain · √(2 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1.0, Generator? generator = null)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                var std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
                return normal_(tensor, 0, std, generator);
            }

            /// <summary>
            /// He et al. (2015): U(−bound, bound) with bound = √3 · gain / √fan, where gain = calculate_gain(nonlinearity, a)
            /// and fan is fan_in (preserves the forward pass's variance) or fan_out (the backward pass's).
            /// </summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn,
                NonlinearityType nonlinearity = NonlinearityType.LeakyReLU, Generator? generator = null)
            {
                if (tensor.numel() == 0) return tensor;
                var std = calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
                var bound = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -bound, bound, generator);
            }

            /// <summary>He et al. (2015): N(0, std²) with std = gain / √fan (see <see cref="kaiming_uniform_"/>).</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn,
                NonlinearityType nonlinearity = NonlinearityType.LeakyReLU, Generator? generator = null)
            {
                if (tensor.numel() == 0) return tensor;
                var std = calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
                return normal_(tensor, 0, std, generator);
            }

            private static long Fan(Tensor tensor, FanInOut mode)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
                return mode == FanInOut.FanIn ? fanIn : fanOut;
            }
        }
    }
}
