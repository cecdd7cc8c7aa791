using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

/// <summary>
/// The paper's loss terms, named as it names them (L_y, L_d, L_c, L_v and DIRT-T's teacher term), as the authors'
/// dirtt.py and extra_layers.py compute them.
/// </summary>
public static class Losses
{
    /// <summary>TensorFlow's l2_normalize floor on the squared norm: x / √max(Σx², 1e-12).</summary>
    public const double NormalizeEpsilon = 1e-12;

    /// <summary>Per example: −Σₖ softmax(p)ₖ log softmax(q)ₖ (tensorbayes' softmax_cross_entropy_with_two_logits). [B]</summary>
    public static Tensor CrossEntropyWithTwoLogits(Tensor p, Tensor q) =>
        -(p.softmax(1) * q.log_softmax(1)).sum(1);

    /// <summary>L_c = −E_x [f(x)ᵀ ln f(x)], the target's conditional entropy, with the gradient through both factors.</summary>
    public static Tensor ConditionalEntropy(Tensor logits) => CrossEntropyWithTwoLogits(logits, logits).mean();

    /// <summary>L_y: cross-entropy of the logits to class labels [B].</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels) => nn.functional.cross_entropy(logits, labels);

    /// <summary>
    /// DIRT-T's β term: −E Σₖ y_k log softmax(q)ₖ with y the teacher's softmax, a soft label (train.py's PseudoData
    /// feeds the teacher's probabilities as labels).
    /// </summary>
    public static Tensor SoftCrossEntropy(Tensor probabilities, Tensor logits) => -(probabilities * logits.log_softmax(1)).sum(1).mean();

    /// <summary>
    /// L_d as the discriminator minimises it, ½ E[−ln D(h_s)] + ½ E[−ln(1 − D(h_t))] on logits [B]; it learns source = 1.
    /// </summary>
    public static Tensor Discriminator(Tensor sourceLogits, Tensor targetLogits) =>
        (Bce(sourceLogits, 1) + Bce(targetLogits, 0)) * 0.5;

    /// <summary>L_d as the classifier minimises it (the authors' label flip): ½ E[−ln(1 − D(h_s))] + ½ E[−ln D(h_t)].</summary>
    public static Tensor DomainConfusion(Tensor sourceLogits, Tensor targetLogits) =>
        (Bce(sourceLogits, 0) + Bce(targetLogits, 1)) * 0.5;

    /// <summary>x / ‖x‖₂ over all but the batch dimension, each example separately (TensorFlow's l2_normalize).</summary>
    public static Tensor Normalize(Tensor d)
    {
        var dims = Enumerable.Range(1, (int)d.dim() - 1).Select(i => (long)i).ToArray();
        return d * (d * d).sum(dims, keepdim: true).clamp_min(NormalizeEpsilon).rsqrt();
    }

    /// <summary>
    /// VAT's adversarial direction with one power iteration (extra_layers.py perturb_image): a random direction of
    /// length ξ, the gradient of the divergence from p at x + ξd, normalised per example and scaled to ε. [B, ...]
    /// </summary>
    public static Tensor AdversarialPerturbation(Func<Tensor, Tensor> classifier, Tensor x, Tensor logits, double radius, double xi)
    {
        using var scope = NewDisposeScope();
        var d = (Normalize(randn_like(x)) * xi).detach().requires_grad_(true);      // [B, C, H, W]
        var divergence = Kl(logits.detach(), classifier(x + d)).sum();
        var gradient = autograd.grad([divergence], [d])[0]!;
        return (Normalize(gradient) * radius).detach().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// L_v: max over ‖r‖ ≤ ε of KL(f(x) ‖ f(x + r)), r from <see cref="AdversarialPerturbation"/>, with f(x)
    /// held fixed. The authors compute the cross-entropy −Σ f(x) ln f(x + r); the KL differs by f(x)'s entropy, a
    /// constant under the stop-gradient, so the gradients are the same and the loss is 0 where f(x + r) = f(x).
    /// </summary>
    public static Tensor Vat(Func<Tensor, Tensor> classifier, Tensor x, Tensor logits, double radius, double xi)
    {
        var r = AdversarialPerturbation(classifier, x, logits, radius, xi);
        return Kl(logits.detach(), classifier((x + r).detach())).mean();
    }

    /// <summary>KL(softmax(p) ‖ softmax(q)) per example. [B]</summary>
    public static Tensor Kl(Tensor p, Tensor q)
    {
        var logP = p.log_softmax(1);
        return (logP.exp() * (logP - q.log_softmax(1))).sum(1);
    }

    private static Tensor Bce(Tensor logits, double label) =>
        nn.functional.binary_cross_entropy_with_logits(logits, full_like(logits, label));
}
