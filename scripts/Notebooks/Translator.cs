using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Papers.Notebooks.Runner;

/// <summary>The file-based app a notebook becomes, and the code cells it runs, in order.</summary>
public sealed record TranslatedProgram(string Source, IReadOnlyList<int> CodeCells);

/// <summary>
/// A notebook's C# cells as one .NET file-based app. Polyglot runs cells as script submissions; one C# file has
/// stricter rules, so: <c>using</c> directives move to the top (CS1529), type declarations after every statement
/// (CS8803), a cell's last expression without ';' is displayed, as the kernel displays it, <c>#r</c> becomes
/// <c>#:package</c> or <c>#:project</c>, and <c>#line</c> directives name each piece's cell
/// (<c>gcn.ipynb#cell4</c>; a ':' in the name would make MSBuild drop the compiler's errors) so that compiler errors
/// and stack traces point at the cell and line. A name declared in two cells, which a kernel allows, is refused here
/// (it would be CS0128), with both places named.
/// </summary>
public static class Translator
{
    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    /// <summary>The generated class whose Display shows a cell's last expression.</summary>
    private const string DisplayClass = "__NotebookDisplay";

    /// <summary>The file name <c>#line</c> gives a cell's code, and stack traces and compiler errors repeat.</summary>
    public static string LineFile(string notebookName, int cell) => $"{notebookName}#cell{cell}";

    /// <summary>Translates <paramref name="notebook"/>; <c>#r</c> paths are relative to <paramref name="notebookFolder"/>.</summary>
    public static TranslatedProgram Translate(NotebookDocument notebook, string notebookFolder)
    {
        var references = new References(notebook.Name, notebookFolder);
        var usings = new List<Piece>();
        var usingKeys = new HashSet<string>(StringComparer.Ordinal);
        var types = new List<Piece>();
        var declared = new Dictionary<string, (int Cell, int Line)>(StringComparer.Ordinal);
        var cells = new List<(int Cell, List<Piece> Statements)>();
        var displays = false;

        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Code))
        {
            if (cell.Language != NotebookDocument.DefaultLanguage)
                throw new NotebookException($"{notebook.Name}, cell {cell.Number}: a {cell.Language} cell; the runner runs C# cells only");
            var file = LineFile(notebook.Name, cell.Number);
            var tree = CSharpSyntaxTree.ParseText(references.Take(cell), ScriptOptions);
            var root = tree.GetCompilationUnitRoot();
            var statements = new List<Piece>();
            foreach (var u in root.Usings)
            {
                // Script parsing reads a cell's leading 'using var x = …;' as a broken directive and the rest as a member:
                // kept in place, the two pieces join back into the declaration.
                if (u.ContainsDiagnostics) statements.Add(Piece.At(tree, file, u.FullSpan, u.ToFullString()));
                else if (usingKeys.Add(u.NormalizeWhitespace().ToString())) usings.Add(Piece.At(tree, file, u.Span, u.ToString()));
            }
            foreach (var member in root.Members)
            {
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax)
                {
                    types.Add(Piece.At(tree, file, member.FullSpan, member.ToFullString()));
                    continue;
                }
                foreach (var name in Declared(member))
                {
                    var line = tree.GetLineSpan(name.Span).StartLinePosition.Line + 1;
                    if (declared.TryGetValue(name.ValueText, out var first))
                        throw new NotebookException(
                            $"{notebook.Name}, cell {cell.Number}, line {line}: '{name.ValueText}' is already declared in cell {first.Cell}, line {first.Line}; " +
                            "the cells run as one program, where a name is declared once: rename it, or assign to the first one without a type");
                    declared[name.ValueText] = (cell.Number, line);
                }
                var text = member.ToFullString();
                if (member == root.Members[^1] && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
                {
                    var awaits = last.Expression.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax).OfType<AwaitExpressionSyntax>().Any();
                    displays = true;
                    text = member.GetLeadingTrivia().ToFullString()
                        + (awaits ? $"await {DisplayClass}.DisplayAsync(async () => {last.Expression});" : $"{DisplayClass}.Display(() => {last.Expression});")
                        + last.GetTrailingTrivia().ToFullString();
                }
                statements.Add(Piece.At(tree, file, member.FullSpan, text));
            }
            cells.Add((cell.Number, statements));
        }

        var source = new StringBuilder();
        source.Append($"// {notebook.Name}: its C# cells as one program, written by the notebook runner.\n");
        // The registry has no NativeAOT package; #line names no real file, so embedding sources would fail (CS1504).
        source.Append("#:property PublishAot=false\n#:property EmbedUntrackedSources=false\n");
        references.WriteDirectives(source);
        foreach (var u in usings) u.WriteTo(source);
        source.Append("#line hidden\n").Append(Prologue);
        foreach (var (cell, statements) in cells)
        {
            source.Append("#line hidden\n").Append($"global::System.Console.WriteLine({Literal(Protocol.Cell(cell))});\n");
            foreach (var s in statements) s.WriteTo(source);
        }
        source.Append("#line hidden\n");
        if (displays) source.Append(DisplayHelpers(references.DisplaysThroughLibrary));
        foreach (var t in types) t.WriteTo(source);
        return new TranslatedProgram(source.ToString(), cells.Select(c => c.Cell).ToList());
    }

    /// <summary>
    /// First in the program: joins standard error to standard output, so a cell's messages stay in order with its
    /// output, and turns an unhandled exception into a <see cref="Protocol"/> error directive and exit code 1.
    /// </summary>
    private static string Prologue =>
        "global::System.Console.SetError(global::System.Console.Out);\n" +
        "global::System.AppDomain.CurrentDomain.UnhandledException += (__sender, __args) =>\n{\n" +
        "    var __exception = (global::System.Exception)__args.ExceptionObject;\n" +
        $"    global::System.Console.Out.WriteLine({Literal($"{Protocol.Marker}{Protocol.ErrorDirective} ")} + global::System.Text.Json.JsonSerializer.Serialize(new\n" +
        "    {\n" +
        "        ename = __exception.GetType().FullName,\n" +
        "        evalue = __exception.Message,\n" +
        "        traceback = __exception.ToString().Split('\\n'),\n" +
        "    }));\n" +
        "    global::System.Console.Out.Flush();\n" +
        "    global::System.Environment.Exit(1);\n" +
        "};\n";

    /// <summary>
    /// A cell's last expression goes through <c>Display(() => expr)</c>: C# prefers the Func&lt;T&gt; overload for a value
    /// and takes the Action one for a void call such as <c>chart.Show()</c>, which shows itself. (A class, since local
    /// functions cannot be overloaded.)
    /// </summary>
    private static string DisplayHelpers(bool throughLibrary)
    {
        var display = throughLibrary ? "global::Papers.Notebooks.Notebook.display" : "global::System.Console.WriteLine";
        const string task = "global::System.Threading.Tasks.Task";
        return $"file static class {DisplayClass}\n{{\n" +
               $"    public static void Display<T>(global::System.Func<T> value) => {display}(value());\n" +
               "    public static void Display(global::System.Action value) => value();\n" +
               $"    public static async {task} DisplayAsync<T>(global::System.Func<{task}<T>> value) => {display}(await value());\n" +
               $"    public static async {task} DisplayAsync(global::System.Func<{task}> value) => await value();\n" +
               "}\n";
    }

    /// <summary>The names a top-level member declares in the program's one scope: variables, local functions, and
    /// pattern or out variables of expression statements (which C# scopes to the enclosing block).</summary>
    private static IEnumerable<SyntaxToken> Declared(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier).Concat(Designations(f)),
        MethodDeclarationSyntax m => [m.Identifier],
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration.Variables.Select(v => v.Identifier).Concat(Designations(l)),
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f } => [f.Identifier],
        GlobalStatementSyntax { Statement: ExpressionStatementSyntax e } => Designations(e),
        _ => [],
    };

    private static IEnumerable<SyntaxToken> Designations(SyntaxNode node) =>
        node.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or SwitchExpressionArmSyntax or QueryExpressionSyntax))
            .OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier);

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>Code from a cell with the <c>#line</c> directive that maps it back; columns kept by indenting.</summary>
    private sealed record Piece(string File, int Line, int Column, string Text)
    {
        public static Piece At(SyntaxTree tree, string file, TextSpan span, string text)
        {
            var start = tree.GetLineSpan(span).StartLinePosition;
            return new Piece(file, start.Line + 1, start.Character, text);
        }

        public void WriteTo(StringBuilder source)
        {
            source.Append($"#line {Line} {Literal(File)}\n").Append(' ', Column).Append(Text);
            if (!Text.EndsWith('\n')) source.Append('\n');
        }
    }
}
