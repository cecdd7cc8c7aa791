namespace Papers.QProp.Tests;

/// <summary>Tests that seed the default generator or fix the thread count run one at a time.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public class SerialCollection;
