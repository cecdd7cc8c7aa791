using Papers.Shared.Data;

namespace Papers.Shared.Tests.Data;

public class DataRootTests
{
    [Fact]
    public void SearchOrderIsPapersDataThenRepositoryDataThenSharedDataBesideTheRepository()
    {
        var custom = Path.Combine(Path.GetTempPath(), "custom-data");
        var repository = Path.Combine(Path.GetTempPath(), "checkout", "papers");

        Assert.Equal(
            [custom, Path.Combine(repository, "data"), Path.Combine(Path.GetTempPath(), "checkout", "shared", "data")],
            DataRoot.Resolve(custom, repository));
        Assert.Equal([Path.Combine(repository, "data"), Path.Combine(Path.GetTempPath(), "checkout", "shared", "data")],
                     DataRoot.Resolve(null, repository));
        Assert.Equal([custom], DataRoot.Resolve(custom, null));
    }

    [Fact]
    public void DownloadsGoToRepositoryDataElsePapersData()
    {
        Assert.Equal(Path.Combine("/repo", "data"), DataRoot.DownloadFolderFor("/custom", "/repo"));
        Assert.Equal("/custom", DataRoot.DownloadFolderFor("/custom", null));
        Assert.Null(DataRoot.DownloadFolderFor(null, null));
    }

    [Fact]
    public void RepositoryRootIsTheNearestAncestorHoldingPapersSln()
    {
        using var folder = new TempFolder();
        folder.Write("repo/papers.sln", []);
        var deep = folder.File("repo/papers/gcn/bin");
        Directory.CreateDirectory(deep);

        Assert.Equal(folder.File("repo"), DataRoot.FindRepositoryRoot(folder.Path, deep));
        Assert.Equal(folder.File("repo"), DataRoot.FindRepositoryRoot(deep));
        Assert.Null(DataRoot.FindRepositoryRoot(folder.Path));
    }

    [Fact]
    public void TestsRunInsideTheRepository()
    {
        var root = DataRoot.RepositoryRoot;
        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "papers.sln")));
        Assert.StartsWith(root, AppContext.BaseDirectory);
        Assert.Equal(Path.Combine(root, "data"), DataRoot.DownloadFolder);
    }
}
