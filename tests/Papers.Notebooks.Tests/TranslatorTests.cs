using Papers.Notebooks.Runner;
using static Papers.Notebooks.Tests.TestNotebooks;

namespace Papers.Notebooks.Tests;

public class TranslatorTests
{
    [Fact]
    public void UsingDirectivesMoveAboveEveryStatementOnceEach()
    {
        var lines = Lines(Translate(
            ("code", "using System.Text;\nvar a = 1;"),
            ("code", "using System.Text;\nusing static System.Math;\nvar b = Abs(a);")));
        var usings = lines.Select((l, i) => (l, i)).Where(p => p.l.StartsWith("using ")).ToList();
        Assert.Equal(["using System.Text;", "using static System.Math;"], usings.Select(u => u.l));
        var firstStatement = Array.IndexOf(lines, "var a = 1;");
        Assert.All(usings, u => Assert.True(u.i < firstStatement));
    }

    [Fact]
    public void TypeDeclarationsMoveAfterTheLastStatement()
    {
        var lines = Lines(Translate(
            ("code", "record Point(int X, int Y);\nvar p = new Point(1, 2);"),
            ("code", "System.Console.WriteLine(p);")));
        Assert.True(Array.IndexOf(lines, "record Point(int X, int Y);") > Array.IndexOf(lines, "System.Console.WriteLine(p);"));
    }

    [Fact]
    public void LineDirectiveBeforeEachPieceNamesItsCellAndLine()
    {
        var lines = Lines(Translate(("markdown", "# title"), ("code", "// a comment\n\nvar answer = 42;")));
        var statement = Array.FindIndex(lines, l => l.EndsWith("var answer = 42;"));
        // The piece starts with the comment's line: #line 1 maps it, and the statement is two lines further.
        var directive = Array.FindLastIndex(lines, statement, l => l.StartsWith("#line "));
        Assert.Equal("#line 1 \"nb.ipynb#cell2\"", lines[directive]);
        Assert.Equal(3, statement - directive);
    }

    [Fact]
    public void CellMarkerPrecedesEachCellsCode()
    {
        var lines = Lines(Translate(("code", "var a = 1;"), ("markdown", "text"), ("code", "var b = 2;")));
        var marker1 = Array.IndexOf(lines, "global::System.Console.WriteLine(\"\\u001enotebook:cell 1\");");
        var marker3 = Array.IndexOf(lines, "global::System.Console.WriteLine(\"\\u001enotebook:cell 3\");");
        Assert.InRange(marker1, 0, Array.IndexOf(lines, "var a = 1;"));
        Assert.InRange(marker3, Array.IndexOf(lines, "var a = 1;"), Array.IndexOf(lines, "var b = 2;"));
    }

    [Theory]
    [InlineData("1 + 2", "__NotebookDisplay.Display(() => 1 + 2);")]
    [InlineData("var x = 3;\nx", "__NotebookDisplay.Display(() => x);")]
    [InlineData("await System.Threading.Tasks.Task.FromResult(5)", "await __NotebookDisplay.DisplayAsync(async () => await System.Threading.Tasks.Task.FromResult(5));")]
    public void LastExpressionWithoutSemicolonIsDisplayed(string cell, string expected)
    {
        Assert.Contains(expected, Lines(Translate(("code", cell))));
    }

    [Fact]
    public void LastStatementWithSemicolonIsNotDisplayed()
    {
        var source = Translate(("code", "System.Console.WriteLine(1);"));
        Assert.DoesNotContain("__NotebookDisplay", source);
    }

    [Fact]
    public void DisplayGoesThroughTheLibraryWhenTheNotebookReferencesIt()
    {
        var repository = FindRepository();
        var library = Path.Combine(repository, "shared", "Papers.Notebooks", "bin", "Debug", "net10.0", "Papers.Notebooks.dll");
        var notebook = Parse(("code", $"#r \"{library}\"\n42"));
        var source = Translator.Translate(notebook, repository).Source;
        Assert.Contains($"#:project {Path.Combine(repository, "shared", "Papers.Notebooks", "Papers.Notebooks.csproj")}", Lines(source));
        Assert.Contains("=> global::Papers.Notebooks.Notebook.display(value());", source);
    }

    [Theory]
    [InlineData("#r \"nuget: Markdig, 0.40.0\"", "#:package Markdig@0.40.0", true)]
    [InlineData("#r \"nuget:Markdig,0.40.0\"", "#:package Markdig@0.40.0", true)]
    [InlineData("#r \"nuget: Markdig\"", "#:package Markdig", false)]
    public void NugetReferenceBecomesPackageDirective(string reference, string directive, bool versioned)
    {
        var lines = Lines(Translate(("code", reference + "\nvar a = 1;")));
        Assert.Contains(directive, lines);
        Assert.Equal(versioned, lines.Contains("#:property ManagePackageVersionsCentrally=false"));
        Assert.DoesNotContain(lines, l => l.StartsWith("#r"));
    }

    [Fact]
    public void AssemblyUnderAProjectsBinBecomesProjectDirective()
    {
        var folder = Directory.CreateTempSubdirectory("notebook-test-");
        try
        {
            var project = Path.Combine(folder.FullName, "lib", "Lib.csproj");
            Directory.CreateDirectory(Path.GetDirectoryName(project)!);
            File.WriteAllText(project, "<Project />");
            var notebook = Parse(("code", "#r \"lib/bin/Debug/net10.0/Lib.dll\""));
            Assert.Contains($"#:project {project}", Lines(Translator.Translate(notebook, folder.FullName).Source));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AssemblyOutsideAProjectIsRefusedWithCellAndLine()
    {
        var e = Assert.Throws<NotebookException>(() => Translate(("code", "var a = 1;\n#r \"/nowhere/Some.dll\"")));
        Assert.StartsWith("nb.ipynb, cell 1, line 2: ", e.Message);
        Assert.Contains("not under a project's bin/", e.Message);
    }

    [Fact]
    public void NameDeclaredInTwoCellsIsRefusedNamingBoth()
    {
        var e = Assert.Throws<NotebookException>(() => Translate(("code", "var graph = 1;"), ("code", "// again\nvar graph = 2;")));
        Assert.StartsWith("nb.ipynb, cell 2, line 2: 'graph' is already declared in cell 1, line 1", e.Message);
    }

    [Fact]
    public void OutVariableOfAStatementCountsAsADeclaration()
    {
        var e = Assert.Throws<NotebookException>(() => Translate(("code", "int.TryParse(\"1\", out var n);"), ("code", "var n = 2;")));
        Assert.Contains("'n' is already declared in cell 1", e.Message);
    }

    [Fact]
    public void LambdaParametersInDifferentCellsMayShareNames()
    {
        var source = Translate(("code", "var a = new[] { 1 }.Select(x => x + 1);"), ("code", "var b = new[] { 2 }.Select(x => x * 2);"));
        Assert.Contains("var b = new[] { 2 }.Select(x => x * 2);", source);
    }

    [Fact]
    public void LeadingCsharpMagicIsDroppedAndOtherMagicRefused()
    {
        Assert.DoesNotContain("#!csharp", Translate(("code", "#!csharp\nvar a = 1;")));
        var e = Assert.Throws<NotebookException>(() => Translate(("code", "var a = 1;\n#!time")));
        Assert.StartsWith("nb.ipynb, cell 1, line 2: '#!time' is a Polyglot magic command", e.Message);
    }

    [Fact]
    public void CellInAnotherLanguageIsRefused()
    {
        var notebook = NotebookDocument.ParseDib("nb.dib", "#!fsharp\nlet a = 1");
        var e = Assert.Throws<NotebookException>(() => Translator.Translate(notebook, Path.GetTempPath()));
        Assert.Equal("nb.dib, cell 1: a fsharp cell; the runner runs C# cells only", e.Message);
    }

    [Theory]
    [InlineData("using var s = new System.IO.MemoryStream();\nvar n = s.Length;")]
    [InlineData("var a = 1;\nusing var s = new System.IO.MemoryStream();\nvar n = s.Length;")]
    public void UsingDeclarationStaysAStatementInItsCell(string cell)
    {
        var source = Translate(("code", cell));
        var code = string.Concat(Lines(source).Where(l => !l.StartsWith('#')).Select(l => l.Trim() + " "));
        Assert.Contains("using var s = new System.IO.MemoryStream(); var n = s.Length;", code);
        Assert.True(source.IndexOf("using var", StringComparison.Ordinal) > source.IndexOf("notebook:cell 1", StringComparison.Ordinal));
    }

    [Fact]
    public void SameNotebookTranslatesToTheSameBytes()
    {
        (string, string)[] cells = [("code", "using System.Text;\nrecord R(int A);\nvar r = new R(1);\nr")];
        Assert.Equal(Translate(cells), Translate(cells));
    }

    private static string FindRepository() =>
        Papers.Shared.Repro.RepoRoot.Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException("tests run inside the repository");
}
