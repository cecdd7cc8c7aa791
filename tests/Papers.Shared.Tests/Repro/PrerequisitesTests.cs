using System.Text;
using Papers.Shared.Data;
using Papers.Shared.Repro;
using Papers.Shared.Tests.Data;

namespace Papers.Shared.Tests;

public class PrerequisitesTests
{
    [Fact]
    public void OnlyTheMissingOnesAreListedInTheOrderGiven()
    {
        Prerequisite[] prerequisites = [new("a", () => null), new("b", () => "b is missing: get b"), new("c", () => null), new("d", () => "d is missing: get d")];
        Assert.Equal(["b is missing: get b", "d is missing: get d"], Prerequisites.Problems(prerequisites));
        Assert.Empty(Prerequisites.Problems(prerequisites.Where(p => p.Name is "a" or "c")));
    }

    [Fact]
    public void AFileAtAFixedPathIsMissingWithItsFix()
    {
        using var folder = new TempFolder();
        var path = folder.File("data.noun");
        var file = Prerequisite.File(path, "install wordnet-base");
        Assert.Equal($"{path} not found: install wordnet-base", file.Problem());
        folder.Write("data.noun", [1]);
        Assert.Null(file.Problem());
    }

    /// <summary>The store's message spans lines (the folders searched, the reason, the fix); a prerequisite's is one.</summary>
    [Fact]
    public void ADataFileThatIsNowhereAndCannotBeDownloadedIsOneLineNamingItAndTheFix()
    {
        using var folder = new TempFolder();
        var store = new DataStore([folder.File("search")], folder.File("download"), catalog: new Dictionary<string, DataFile>());
        var data = Prerequisite.DataFile("planetoid/ind.cora.x", store);
        Assert.Equal("planetoid/ind.cora.x", data.Name);
        var problem = data.Problem();
        Assert.NotNull(problem);
        Assert.DoesNotContain('\n', problem);
        Assert.StartsWith("Data file 'planetoid/ind.cora.x' was not found. Searched: ", problem);
        Assert.Contains($"To supply it, set {DataRoot.EnvironmentVariable} to a folder that holds planetoid/ind.cora.x", problem);

        folder.Write("search/planetoid/ind.cora.x", Encoding.ASCII.GetBytes("x"));
        Assert.Null(data.Problem());
    }
}
