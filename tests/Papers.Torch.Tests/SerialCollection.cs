namespace Papers.Torch.Tests;

/// <summary>Tests that seed the default generator, set thread counts or measure process memory run
/// alone: xunit runs other test classes in parallel.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public class SerialCollection;
