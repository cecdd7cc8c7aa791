using Papers.Shared.Data;
using Papers.Shared.Tests.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Testing;

/// <summary>Data tests are skipped, with the reason, where their files are missing, and never under CI.</summary>
[Collection("Serial")]
public sealed class DataFactTests : IDisposable
{
    private const string Missing = "toy/never-supplied.bin";
    private readonly string? _ci = Environment.GetEnvironmentVariable(DataRequirement.CiVariable);
    private readonly string? _papersData = Environment.GetEnvironmentVariable(DataRoot.EnvironmentVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DataRequirement.CiVariable, _ci);
        Environment.SetEnvironmentVariable(DataRoot.EnvironmentVariable, _papersData);
    }

    [Fact]
    public void MissingFileSkipsTheTestNamingTheFileAndHowToSupplyIt()
    {
        Environment.SetEnvironmentVariable(DataRequirement.CiVariable, null);

        var skip = new DataFactAttribute(Missing).Skip;

        Assert.NotNull(skip);
        Assert.StartsWith($"needs {Missing}, in none of the data folders (", skip);
        Assert.Contains("set PAPERS_DATA to a folder that holds it", skip);
        Assert.EndsWith("Under CI=true this test runs and fails instead.", skip);
        Assert.Equal(skip, new DataTheoryAttribute(Missing).Skip);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void UnderCiAMissingFileLeavesTheTestToRunAndFail(string ci)
    {
        Environment.SetEnvironmentVariable(DataRequirement.CiVariable, ci);

        Assert.Null(new DataFactAttribute(Missing).Skip);
        Assert.Null(new DataTheoryAttribute(Missing).Skip);
    }

    [Fact]
    public void TestRunsOnlyWhenEveryFileIsPresent()
    {
        Environment.SetEnvironmentVariable(DataRequirement.CiVariable, "false");
        using var folder = new TempFolder();
        var present = folder.Write("toy/present.txt", [1]);
        Environment.SetEnvironmentVariable(DataRoot.EnvironmentVariable, folder.Path);

        Assert.Null(new DataFactAttribute("toy/present.txt").Skip);
        Assert.Null(new DataFactAttribute(present).Skip);
        var skip = new DataFactAttribute("toy/present.txt", Missing).Skip;
        Assert.StartsWith($"needs {Missing}, in none of the data folders ({folder.Path}, ", skip);
        Assert.Contains("to a folder that holds them", new DataFactAttribute(Missing, "toy/also-missing.bin").Skip);
        Assert.Throws<ArgumentException>(() => new DataFactAttribute());
    }
}
