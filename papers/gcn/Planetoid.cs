using Papers.Shared.Data;
using Papers.Shared.Repro;
using Papers.Torch;

namespace Papers.Gcn;

/// <summary>
/// A citation graph with the paper's split (§5.1): N nodes with F bag-of-words features, C classes, the
/// undirected edges, and the node ids of the train, validation and test sets.
/// </summary>
public sealed record Graph(
    string Name,
    CsrMatrix Features,          // [N, F], rows as stored (not yet normalised)
    int[] Labels,                // [N]; -1 for Citeseer's isolated nodes that have no label
    int Classes,
    (int Row, int Column)[] Edges, // symmetric, de-duplicated, self-loops as in the data
    int[] Train,
    int[] Validation,
    int[] Test)
{
    public int Nodes => Labels.Length;

    /// <summary>Undirected edges counted once each, self-loops included (Cora: 5278).</summary>
    public int UndirectedEdges => Edges.Count(e => e.Row <= e.Column);
}

/// <summary>
/// The Planetoid files (Yang et al., 2016) read as tkipf/gcn's utils.load_data reads them: features are
/// vstack(allx, tx) with the test rows moved to the ids in test.index; train = the first len(y) nodes (20 per
/// class), validation = the next 500, test = the 1000 ids of test.index.
/// </summary>
public static class Planetoid
{
    public static readonly string[] Names = ["cora", "citeseer", "pubmed"];

    public const int ValidationSize = 500;

    private static readonly string[] Parts = ["x", "y", "tx", "ty", "allx", "ally", "graph", "test.index"];

    public static Graph Load(string name) => Load(name, part => DataFiles.Get(DataPath(name, part)));

    /// <summary>
    /// The catalogued files of <paramref name="names"/>, checked before the first step. PubMed's allx is not in the
    /// catalogue (no copy can be fetched): that dataset is reported as needing data, not a reason to stop.
    /// </summary>
    public static IEnumerable<Prerequisite> Prerequisites(IEnumerable<string> names) =>
        names.SelectMany(name => Parts.Select(part => DataPath(name, part))).Where(DataCatalog.ByPath.ContainsKey).Select(path => Prerequisite.DataFile(path));

    private static string DataPath(string name, string part) => $"planetoid/ind.{name}.{part}";

    /// <summary>
    /// Reads from <paramref name="file"/>, which maps a part name (x, tx, allx, graph, ...) to a path; the
    /// validation set is the <paramref name="validationSize"/> nodes after the training nodes.
    /// </summary>
    public static Graph Load(string name, Func<string, string> file, int validationSize = ValidationSize)
    {
        var x = Pickle.LoadCsr(file("x"));
        var y = OneHotLabels(Pickle.LoadNdArray(file("y")), file("y"));
        var tx = Pickle.LoadCsr(file("tx"));
        var ty = OneHotLabels(Pickle.LoadNdArray(file("ty")), file("ty"));
        var allx = Pickle.LoadCsr(file("allx"));
        var ally = OneHotLabels(Pickle.LoadNdArray(file("ally")), file("ally"));
        var adjacency = Pickle.LoadGraph(file("graph"));
        var testIndex = File.ReadAllLines(file("test.index")).Where(l => l.Length > 0).Select(int.Parse).ToArray();

        var testSorted = testIndex.Order().ToArray();
        var nodes = adjacency.Count;
        // Citeseer's test ids span 1015 slots for 1000 rows: the 15 isolated nodes get zero features and no label.
        var testSlots = testSorted[^1] - testSorted[0] + 1;
        if (allx.Rows + testSlots != nodes)
            throw new InvalidDataException($"{name}: allx has {allx.Rows} rows and test.index spans {testSlots} ids, but the graph has {nodes} nodes");

        var rows = new (int[] Columns, float[] Values)[nodes];
        var labels = new int[nodes];
        Array.Fill(labels, -1);
        Array.Fill(rows, ([], []));
        for (var i = 0; i < allx.Rows; i++)
        {
            rows[i] = Row(allx, i);
            labels[i] = ally[i];
        }
        for (var i = 0; i < testIndex.Length; i++)
        {
            rows[testIndex[i]] = Row(tx, i);
            labels[testIndex[i]] = ty[i];
        }

        var edges = adjacency
            .SelectMany(kv => kv.Value.SelectMany(j => new[] { ((int)kv.Key, (int)j), ((int)j, (int)kv.Key) }))
            .Distinct()
            .Order()
            .ToArray();
        var classes = Math.Max(y.Max(), ally.Max()) + 1;
        return new Graph(name, ToCsr(rows, x.Columns), labels, classes, edges,
            Train: Enumerable.Range(0, y.Length).ToArray(),
            Validation: Enumerable.Range(y.Length, validationSize).ToArray(),
            Test: testSorted);
    }

    /// <summary>
    /// The "rand. splits" row of Table 2: the same sizes as the fixed split (the train count per class, 500
    /// validation, 1000 test) drawn at random among labelled nodes.
    /// </summary>
    public static Graph RandomSplit(Graph graph, int seed)
    {
        var perClass = graph.Train.Length / graph.Classes;
        var labelled = Enumerable.Range(0, graph.Nodes).Where(i => graph.Labels[i] >= 0).ToArray();
        using var generator = new torch.Generator((ulong)seed);
        using var permutation = torch.randperm(labelled.Length, generator: generator);
        var shuffled = permutation.data<long>().Select(k => labelled[k]).ToArray();
        var train = Enumerable.Range(0, graph.Classes)
            .SelectMany(c => shuffled.Where(i => graph.Labels[i] == c).Take(perClass)).ToArray();
        var rest = shuffled.Except(train).ToArray();
        return graph with
        {
            Train = train.Order().ToArray(),
            Validation = rest.Take(graph.Validation.Length).Order().ToArray(),
            Test = rest.Skip(graph.Validation.Length).Take(graph.Test.Length).Order().ToArray(),
        };
    }

    private static int[] OneHotLabels(NdArray onehot, string source)
    {
        if (onehot.Shape.Length != 2) throw new InvalidDataException($"{source}: labels must be a one-hot matrix, got {onehot}");
        var (n, c) = ((int)onehot.Shape[0], (int)onehot.Shape[1]);
        var values = onehot.As<int>();
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = Array.IndexOf(values, 1, i * c, c) is var k and >= 0 ? k - i * c : -1;
        }
        return labels;
    }

    private static (int[] Columns, float[] Values) Row(CsrMatrix m, int i)
    {
        var (start, end) = (m.IndPtr[i], m.IndPtr[i + 1]);
        return (m.Indices[start..end], m.Data[start..end]);
    }

    private static CsrMatrix ToCsr((int[] Columns, float[] Values)[] rows, int columns)
    {
        var indptr = new int[rows.Length + 1];
        for (var i = 0; i < rows.Length; i++) indptr[i + 1] = indptr[i] + rows[i].Columns.Length;
        return new CsrMatrix(rows.Length, columns, indptr,
            rows.SelectMany(r => r.Columns).ToArray(), rows.SelectMany(r => r.Values).ToArray());
    }
}
