namespace Papers.MetaLstm.Tests;

/// <summary>Tests that fix the thread count or train run one at a time.</summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public class SerialCollection;
