using System.ComponentModel;
using Papers.Shared.Cli;

namespace Papers.Shared.Tests.Trainer;

/// <summary>The tiny run's settings; --out names the folder that receives the checkpoint and the final weights.</summary>
public sealed record TrainerConfig : RunConfig, IValidatable
{
    [Description("training steps in all")]
    public int Steps { get; init; } = 20;

    [Description("steps between checkpoints (0: only when stopped)")]
    public int Every { get; init; } = 10;

    [Description("milliseconds each step sleeps between backward and the update, so a test can stop it mid-step")]
    public int StepDelayMs { get; init; }

    // Bit-identical runs need the same thread count in every process.
    public override int Threads { get; init; } = 1;

    public void Validate()
    {
        if (Out is null) throw new ArgumentException("--out is required: the folder for the checkpoint and final.safetensors");
        if (Steps < 1) throw new ArgumentException($"--steps must be at least 1, not {Steps}");
        if (Every < 0) throw new ArgumentException($"--every must be 0 or more, not {Every}");
        if (StepDelayMs < 0) throw new ArgumentException($"--step-delay-ms must be 0 or more, not {StepDelayMs}");
    }
}
