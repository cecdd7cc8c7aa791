namespace Papers.Shared.Tests;

/// <summary>
/// Tests that seed libtorch, set its thread count or change environment variables share process-wide state:
/// xunit runs test classes in parallel, so they join this collection and run one at a time.
/// </summary>
[CollectionDefinition("Serial", DisableParallelization = true)]
public sealed class SerialCollection;
