namespace Papers.ProdLda.Tests;

/// <summary>Training runs seed the default generator and fix the thread count: they run one at a time.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public class SerialCollection;
