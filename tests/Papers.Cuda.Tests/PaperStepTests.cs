using Papers.Gcn;
using Papers.ProdLda;
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
            using var problem = new Problem(graph, PropagationModel.RenormalizationTrick, Gcn.Tables.FixedSplit, device);
            return Gcn.Train.Run(config, problem, seed: 0);
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

    /// <summary>
    /// ProdLDA and NVLDA, two epochs on the first 2000 training documents, dropout off (keep 1): minibatch rows and ε come
    /// from the CPU generator on both devices, so the losses, the topics' top words and the test costs agree.
    /// </summary>
    [Theory]
    [InlineData(Decoder.ProdLda)]
    [InlineData(Decoder.NvLda)]
    public void ProdLdaTrainsOnCudaAsOnTheCpu(Decoder decoder)
    {
        Gpu.Require();
        var config = ProdLdaConfig.Quick with { ProdLdaEpochs = 2, NvLdaEpochs = 2, ProdLdaKeep = 1, NvLdaKeep = 1 };
        var (train, test) = Corpus.TwentyNewsgroups();
        using var allTrain = train.ToTensor();
        using var allTest = test.ToTensor();
        (double[] Losses, int[][] Top, double[] Costs) Run(Device device)
        {
            using var documents = allTrain.narrow(0, 0, 2000).to(device);
            using var testDocuments = allTest.narrow(0, 0, 50).to(device);
            var curve = new List<TopicModelEpoch>();
            var trained = ProdLda.Train.Run(config, decoder, 50, documents, seed: 0, curve);
            using var model = trained.Model;
            return (curve.Select(e => e.Loss).ToArray(), ProdLda.Train.TopWords(model, 10),
                ProdLda.Train.TestCosts(trained, testDocuments, 5, seed: 0));
        }
        var (cpu, cuda) = (Run(torch.CPU), Run(Gpu.Cuda));
        var tolerance = SameOnCuda.Float32;
        AssertClose.Equal(cpu.Losses, cuda.Losses, tolerance.Absolute, tolerance.Relative);
        AssertClose.Equal(cpu.Costs, cuda.Costs, tolerance.Absolute, tolerance.Relative);
        // Each topic's top 10 words, as sets: two near-equal weights may swap places.
        for (var k = 0; k < cpu.Top.Length; k++) Assert.True(cpu.Top[k].Intersect(cuda.Top[k]).Count() >= 9, $"topic {k}'s top words differ");
    }
}
