using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>
/// The losses of the full objective, Eq. 3: L(G, F, D_X, D_Y) = L_GAN(G, D_Y, X, Y) + L_GAN(F, D_X, Y, X) + λ L_cyc(G, F),
/// with the least-squares GAN of §4 (Mao et al.) in place of Eq. 1's log loss, and the identity loss of §5.2.
/// Means over all elements, as the authors' nn.MSELoss and nn.L1Loss.
/// </summary>
public static class Losses
{
    /// <summary>§4: the generator minimises E_x[(D(G(x)) − 1)²]: the LSGAN loss against the "real" label 1.</summary>
    public static Tensor Generator(Tensor fakeScores) => nn.functional.mse_loss(fakeScores, ones_like(fakeScores));

    /// <summary>
    /// §4: D minimises E_y[(D(y) − 1)²] + E_x[D(G(x))²]; the authors' backward_D_basic halves it ("we divide the
    /// objective by 2 while optimizing D, which slows down the rate at which D learns", §4).
    /// </summary>
    public static Tensor Discriminator(Tensor realScores, Tensor fakeScores) =>
        (nn.functional.mse_loss(realScores, ones_like(realScores)) + nn.functional.mse_loss(fakeScores, zeros_like(fakeScores))) * 0.5;

    /// <summary>Eq. 2, one direction: ‖F(G(x)) − x‖₁, the mean absolute error (the caller weights it by λ).</summary>
    public static Tensor Cycle(Tensor reconstructed, Tensor real) => nn.functional.l1_loss(reconstructed, real);

    /// <summary>
    /// §5.2 (after Taigman et al.), one direction: ‖G(y) − y‖₁, the generator fed an image of its own target
    /// domain should return it; the authors weight it by λ_identity · λ = 0.5 · 10.
    /// </summary>
    public static Tensor Identity(Tensor mapped, Tensor real) => nn.functional.l1_loss(mapped, real);

    /// <summary>
    /// CyCADA's semantic consistency loss L_sem (Hoffman et al. 2018, §3), one direction: cross-entropy of a fixed classifier
    /// f's logits on the translated image against f's own prediction on the original, p(f, x) = argmax f(x).
    /// </summary>
    public static Tensor Semantic(Tensor translatedLogits, Tensor originalLogits) =>
        nn.functional.cross_entropy(translatedLogits, originalLogits.detach().argmax(1));
}
