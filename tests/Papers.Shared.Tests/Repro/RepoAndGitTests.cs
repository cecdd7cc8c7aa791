using System.Diagnostics;

namespace Papers.Shared.Tests;

using Papers.Shared.Repro;

public sealed class RepoAndGitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("papers-repro-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void RepoRootIsTheNearestFolderAboveHoldingPapersSln()
    {
        File.WriteAllText(Path.Combine(_root, "papers.sln"), "");
        var nested = Directory.CreateDirectory(Path.Combine(_root, "papers", "gcn", "bin")).FullName;
        Assert.Equal(_root, RepoRoot.Find(nested));
    }

    [Fact]
    public void WithoutPapersSlnAboveRequireSaysToPassOut()
    {
        Assert.Null(RepoRoot.Find(_root));
        var e = Assert.Throws<InvalidOperationException>(() => RepoRoot.Require(_root));
        Assert.Contains("--out", e.Message);
    }

    [Fact]
    public void OutsideGitTheCommitIsUnknown()
    {
        Assert.Equal(new GitState("unknown", null), GitState.Read(_root));
        Assert.Equal(new GitState("unknown", null), GitState.Read(null));
    }

    [Fact]
    public void GitStateGivesHeadAndTurnsDirtyWithAnUncommittedFile()
    {
        Git("init", "-q");
        File.WriteAllText(Path.Combine(_root, "a.txt"), "a");
        Git("add", "a.txt");
        Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "a");
        var clean = GitState.Read(_root);
        Assert.Equal(Git("rev-parse", "HEAD").Trim(), clean.Commit);
        Assert.Matches("^[0-9a-f]{40}$", clean.Commit);
        Assert.False(clean.Dirty);

        File.WriteAllText(Path.Combine(_root, "a.txt"), "b");
        Assert.Equal(new GitState(clean.Commit, true), GitState.Read(_root));
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, WorkingDirectory = _root };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return output;
    }
}
