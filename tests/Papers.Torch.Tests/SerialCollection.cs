namespace Papers.Torch.Tests;

/// <summary>Tests that seed or draw from the default generator run alone, so that no parallel test draws in between.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public class SerialCollection;
