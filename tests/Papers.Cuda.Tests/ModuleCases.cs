using Papers.Torch;
using Papers.Torch.Modules;
using static Papers.Torch.torch;

namespace Papers.Cuda.Tests;

/// <summary>
/// One module of <c>nn</c>, built from a seed, and the computation that runs it: <see cref="Run"/> takes the module
/// and inputs (drawn in float64) and returns one tensor. Losses and cells, whose forward takes more than one
/// argument, say how they are called.
/// </summary>
internal sealed record ModuleCase(string Name, Func<nn.Module> Make, Func<Generator, Tensor[]> Inputs, Func<nn.Module, Tensor[], Tensor> Run,
    bool Tf32 = false)
{
    public override string ToString() => Name;
}

internal static class ModuleCases
{
    private static Tensor N(Generator g, params long[] shape) => randn(shape, dtype: ScalarType.Float64, generator: g);

    private static ModuleCase Layer(string name, Func<nn.Module<Tensor, Tensor>> make, params long[] input) =>
        new(name, make, g => [N(g, input)], (m, t) => ((nn.Module<Tensor, Tensor>)m).call(t[0]));

    private static ModuleCase Loss(string name, Func<nn.Module<Tensor, Tensor, Tensor>> make, Func<Generator, Tensor[]> inputs) =>
        new(name, make, inputs, (m, t) => ((nn.Module<Tensor, Tensor, Tensor>)m).call(t[0], t[1]));

    private static IEnumerable<ModuleCase> Cases()
    {
        yield return Layer("ReLU", nn.ReLU, 3, 5);
        yield return Layer("LeakyReLU", () => nn.LeakyReLU(0.2), 3, 5);
        yield return Layer("ELU", () => nn.ELU(0.5), 3, 5);
        yield return Layer("Tanh", nn.Tanh, 3, 5);
        yield return Layer("Sigmoid", nn.Sigmoid, 3, 5);
        yield return Layer("Softplus", () => nn.Softplus(2), 3, 5);
        yield return Layer("Softmax", () => nn.Softmax(1), 3, 5);
        yield return Layer("LogSoftmax", () => nn.LogSoftmax(1), 3, 5);
        yield return Layer("GELU", () => nn.GELU(), 3, 5);
        yield return Layer("Identity", nn.Identity, 3, 5);
        yield return Layer("Flatten", () => nn.Flatten(), 2, 3, 4);
        yield return Layer("Linear", () => nn.Linear(5, 4), 3, 5);
        yield return Layer("Sequential", () => nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 2)), 3, 5);
        yield return new ModuleCase("Conv2d", () => nn.Conv2d(3, 4, 3, stride: 2, padding: 1), g => [N(g, 2, 3, 7, 7)],
            (m, t) => ((nn.Module<Tensor, Tensor>)m).call(t[0]), Tf32: true);
        yield return new ModuleCase("ConvTranspose2d", () => nn.ConvTranspose2d(3, 2, 3, stride: 2, padding: 1), g => [N(g, 2, 3, 5, 5)],
            (m, t) => ((nn.Module<Tensor, Tensor>)m).call(t[0]), Tf32: true);
        yield return Layer("Dropout", () => nn.Dropout(0.5), 3, 5);                    // eval mode: the identity (Run.cs)
        yield return new ModuleCase("Embedding", () => nn.Embedding(7, 3), g => [randint(7, [2, 4], generator: g)],
            (m, t) => ((nn.Module<Tensor, Tensor>)m).call(t[0]));
        yield return Layer("BatchNorm1d", () => nn.BatchNorm1d(5), 6, 5);
        yield return Layer("BatchNorm2d", () => nn.BatchNorm2d(3), 4, 3, 5, 5);
        yield return Layer("InstanceNorm2d", () => nn.InstanceNorm2d(3, affine: true), 2, 3, 5, 5);
        yield return Layer("LayerNorm", () => nn.LayerNorm(5), 3, 4, 5);
        yield return Layer("ReflectionPad2d", () => nn.ReflectionPad2d(2), 2, 3, 5, 5);
        yield return Layer("MaxPool2d", () => nn.MaxPool2d(2), 2, 3, 6, 6);
        yield return Layer("AvgPool2d", () => nn.AvgPool2d(3, stride: 2, padding: 1), 2, 3, 6, 6);
        yield return new ModuleCase("LSTMCell", () => nn.LSTMCell(4, 5), g => [N(g, 3, 4), N(g, 3, 5), N(g, 3, 5)], (m, t) =>
        {
            var (h, c) = ((LSTMCell)m).call(t[0], (t[1], t[2]));
            return h + c;
        });
        yield return new ModuleCase("GRUCell", () => nn.GRUCell(4, 5), g => [N(g, 3, 4), N(g, 3, 5)],
            (m, t) => ((GRUCell)m).call(t[0], t[1]));
        yield return new ModuleCase("ModuleList", () => nn.ModuleList(nn.Linear(4, 4), nn.Linear(4, 2)), g => [N(g, 3, 4)],
            (m, t) => ((ModuleList<Linear>)m).Aggregate(t[0], (x, layer) => layer.call(x)));
        yield return Loss("CrossEntropyLoss", () => nn.CrossEntropyLoss(label_smoothing: 0.1), g => [N(g, 6, 4), randint(4, [6], generator: g)]);
        yield return Loss("NLLLoss", () => nn.NLLLoss(), g => [N(g, 6, 4).log_softmax(1), randint(4, [6], generator: g)]);
        yield return Loss("MSELoss", () => nn.MSELoss(), g => [N(g, 6, 4), N(g, 6, 4)]);
        yield return Loss("L1Loss", () => nn.L1Loss(Reduction.Sum), g => [N(g, 6, 4), N(g, 6, 4)]);
        yield return Loss("BCEWithLogitsLoss", () => nn.BCEWithLogitsLoss(), g => [N(g, 6, 4), rand([6, 4], dtype: ScalarType.Float64, generator: g)]);
        yield return Loss("BCELoss", () => nn.BCELoss(), g => [N(g, 6, 4).sigmoid(), rand([6, 4], dtype: ScalarType.Float64, generator: g)]);
        yield return Loss("KLDivLoss", () => nn.KLDivLoss(Reduction.Sum), g => [N(g, 6, 4).log_softmax(1), N(g, 6, 4).softmax(1)]);
    }

    public static readonly IReadOnlyDictionary<string, ModuleCase> All = Cases().ToDictionary(c => c.Name);
}
