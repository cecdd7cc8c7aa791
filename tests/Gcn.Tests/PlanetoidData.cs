using Papers.Shared.Data;
using Xunit.Abstractions;

namespace Papers.Gcn.Tests;

/// <summary>Whether a real Planetoid dataset is present; tests on real data print why they skip when it is not.</summary>
internal static class PlanetoidData
{
    public static bool Available(string dataset, ITestOutputHelper output)
    {
        if (DataFiles.Find($"planetoid/ind.{dataset}.graph") is not null) return true;
        output.WriteLine($"SKIPPED: planetoid/ind.{dataset}.* not found (set PAPERS_DATA or see the data README)");
        return false;
    }
}
