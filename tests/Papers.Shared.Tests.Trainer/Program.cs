using System.Globalization;
using Papers.Shared.Checkpoints;
using Papers.Shared.Cli;
using Papers.Shared.Repro;
using Papers.Shared.Tests.Trainer;
using static Papers.Torch.torch;

// Prints "step N loss L" once step N's checkpoint (if due) is on disk; writes final.safetensors when done.
var config = Cli.Apply(new TrainerConfig(), args);
Repro.Setup(config, seed: 0);
using var run = new TinyRun();
using var checkpointer = Checkpointer.For("trainer", config, run.Checkpoint, config.Every);
for (var step = checkpointer.Start(); step < config.Steps; step++)
{
    var loss = run.TrainStep(config.StepDelayMs);
    checkpointer.Completed(step + 1);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step + 1} loss {loss:R}"));
}
var best = (float)run.Checkpoint.Extras[TinyRun.BestLoss];
save(run.Model.state_dict(), Path.Combine(config.Out!, "final.safetensors"),
    new Dictionary<string, string> { [TinyRun.BestLoss] = best.ToString("R", CultureInfo.InvariantCulture) });
Console.WriteLine("done");
