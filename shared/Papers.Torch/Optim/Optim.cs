using Papers.Torch.Modules;

namespace Papers.Torch;

public static partial class torch
{
    /// <summary>
    /// Optimizers with PyTorch 1.13's update rules (the single-tensor paths of torch/optim/sgd.py, adam.py,
    /// rmsprop.py), spelled as TorchSharp spells them: <c>optim.Adam(model.parameters(), lr: 0.01)</c>.
    /// Each takes the parameters as one group, or as <see cref="optim.ParamGroup"/>s whose unset options
    /// take the values given here.
    /// </summary>
    public static partial class optim
    {
        public static SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false) =>
            new([new ParamGroup(parameters)], lr, momentum, dampening, weight_decay, nesterov);

        public static SGD SGD(IEnumerable<ParamGroup> parameters, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);

        public static Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false) =>
            new([new ParamGroup(parameters)], lr, beta1, beta2, eps, weight_decay, amsgrad);

        public static Adam Adam(IEnumerable<ParamGroup> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        public static RMSprop RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
            double weight_decay = 0, double momentum = 0, bool centered = false) =>
            new([new ParamGroup(parameters)], lr, alpha, eps, weight_decay, momentum, centered);

        public static RMSprop RMSprop(IEnumerable<ParamGroup> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
            double weight_decay = 0, double momentum = 0, bool centered = false) =>
            new(parameters, lr, alpha, eps, weight_decay, momentum, centered);
    }
}
