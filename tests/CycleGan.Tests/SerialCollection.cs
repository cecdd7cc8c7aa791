namespace Papers.CycleGan.Tests;

/// <summary>Tests that seed the default generator or train run one at a time.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public class SerialCollection;
