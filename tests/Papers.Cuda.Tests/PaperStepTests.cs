using Papers.Gcn;
using Papers.Torch;

namespace Papers.Cuda.Tests;

/// <summary>
/// Each paper's training on CUDA against the CPU from the same seed. Dropout is switched off: CUDA draws other random
/// numbers than the CPU, while the initial parameters come from the CPU generator on both.
/// </summary>
[Trait("Tier", "Gpu")]
public class PaperStepTests
{
    [Fact]
    public void GcnTrainsOnCudaAsOnTheCpu()
    {
        Gpu.Require();
        var config = new GcnConfig { Dropout = 0, Epochs = 5, EarlyStopping = 0 };
        var graph = Planetoid.Load("cora");
        GcnRun Run(Device device)
        {
            using var problem = new Problem(graph, PropagationModel.RenormalizationTrick, Tables.FixedSplit, device);
            return Train.Run(config, problem, seed: 0);
        }
        var (cpu, cuda) = (Run(torch.CPU), Run(Gpu.Cuda));
        Assert.Equal(cpu.Epochs, cuda.Epochs);
        var tolerance = SameOnCuda.Float32;
        AssertClose.Equal(cpu.TrainLoss, cuda.TrainLoss, tolerance.Absolute, tolerance.Relative);
        AssertClose.Equal(cpu.ValidationLoss, cuda.ValidationLoss, tolerance.Absolute, tolerance.Relative);
        // Accuracies count argmax hits over 500 and 1000 nodes: one node whose top two logits swap moves them by 0.1-0.2%.
        AssertClose.Equal(cpu.ValidationAccuracy, cuda.ValidationAccuracy, 0.004);
        AssertClose.Equal(cpu.TestAccuracy, cuda.TestAccuracy, 0.002);
    }
}
