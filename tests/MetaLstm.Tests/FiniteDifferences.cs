using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm.Tests;

/// <summary>Central finite differences of a scalar objective in single entries of a parameter, for gradient checks in float64.</summary>
public static class FiniteDifferences
{
    /// <summary>(objective(θ + h eₖ) − objective(θ − h eₖ)) / 2h for entry <paramref name="k"/> of <paramref name="parameter"/>, which is restored after.</summary>
    public static double Central(Tensor parameter, int k, Func<double> objective, double h = 1e-6)
    {
        var flat = parameter.detach().view([-1]);
        double At(double delta)
        {
            using (no_grad()) flat[k].add_(delta);
            return objective();
        }
        var plus = At(h);
        var minus = At(-2 * h);
        At(h);
        return (plus - minus) / (2 * h);
    }
}
