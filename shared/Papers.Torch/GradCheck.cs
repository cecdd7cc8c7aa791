namespace Papers.Torch;

public static partial class torch
{
    public static partial class autograd
    {
        /// <summary>
        /// Compares the analytic gradient of sum(f(inputs) · w), for a fixed random w, with central finite
        /// differences (f(x + eps) − f(x − eps)) / 2eps, element by element. Use float64 inputs.
        /// Returns the largest absolute error; throws when any element is outside atol + rtol·|numeric|.
        /// </summary>
        public static double gradcheck(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, long seed = 0)
        {
            using var scope = NewDisposeScope();
            var leaves = inputs.Select(x => x.detach().clone().requires_grad_(x.is_floating_point())).ToArray();
            var output = f(leaves);
            using var generator = new Generator((ulong)seed);
            var weight = randn(output.shape, output.dtype, generator: generator);
            var differentiable = leaves.Where(l => l.requires_grad).ToArray();
            var analytic = grad([(output * weight).sum()], differentiable, allow_unused: true);
            var worst = 0.0;
            for (var k = 0; k < differentiable.Length; k++)
            {
                var x = differentiable[k];
                var a = analytic[k]?.to(ScalarType.Float64).data<double>() ?? new double[x.numel()];
                var flat = x.detach();
                var numeric = new double[x.numel()];
                using (no_grad())
                {
                    var view = flat.view(-1);
                    for (var i = 0; i < numeric.Length; i++)
                    {
                        var original = view[i].ToDouble();
                        view[i] = tensor(original + eps, x.dtype);
                        var plus = (f(leaves) * weight).sum().ToDouble();
                        view[i] = tensor(original - eps, x.dtype);
                        var minus = (f(leaves) * weight).sum().ToDouble();
                        view[i] = tensor(original, x.dtype);
                        numeric[i] = (plus - minus) / (2 * eps);
                    }
                }
                for (var i = 0; i < numeric.Length; i++)
                {
                    var error = Math.Abs(a[i] - numeric[i]);
                    worst = Math.Max(worst, error);
                    if (error > atol + rtol * Math.Abs(numeric[i]))
                        throw new InvalidOperationException(
                            $"gradcheck: input {k}, element {i}: analytic {a[i]:G9} vs numeric {numeric[i]:G9} (|diff| {error:G3} > atol {atol} + rtol {rtol}·|numeric|)");
                }
            }
            return worst;
        }
    }
}
