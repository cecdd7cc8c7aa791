using System.Globalization;
using Papers.Shared.Repro;

namespace Papers.Hnn;

/// <summary>
/// The WordNet 3.0 noun hierarchy from Debian's wordnet-base (data.noun, index.noun): every noun synset, and the
/// transitive closure of its hypernym pointers, hypernyms (@) and instance hypernyms (@i) alike, as Nickel &amp; Kiela's
/// transitive_closure.py builds it with NLTK (hypernym closure, plus instance hypernyms and their closure).
/// </summary>
public sealed class WordNet
{
    public const string DefaultFolder = "/usr/share/wordnet";

    private const string Install = "install WordNet 3.0 with 'apt-get install wordnet-base' (scripts/setup.sh)";

    private static readonly string[] Files = ["data.noun", "index.noun"];

    /// <summary>The files <see cref="Load"/> reads, checked before the first step.</summary>
    public static IEnumerable<Prerequisite> Prerequisites(string folder = DefaultFolder) =>
        Files.Select(file => Prerequisite.File(Path.Combine(folder, file), Install));

    /// <summary>Synset offsets by node id, and node ids by offset.</summary>
    public IReadOnlyList<long> Offsets { get; }
    private readonly Dictionary<long, int> _ids;
    private readonly Dictionary<string, List<long>> _senses;

    /// <summary>Closure edges (child, ancestor), one per pair; node ids index <see cref="Offsets"/>.</summary>
    public (int Child, int Ancestor)[] Edges { get; }

    public int Nodes => Offsets.Count;

    private WordNet(List<long> offsets, List<int[]> hypernyms, Dictionary<string, List<long>> senses)
    {
        Offsets = offsets;
        _ids = offsets.Select((o, i) => (o, i)).ToDictionary(p => p.o, p => p.i);
        _senses = senses;
        var ancestors = new HashSet<int>[offsets.Count];
        HashSet<int> Closure(int node)
        {
            if (ancestors[node] is { } done) return done;
            var set = new HashSet<int>();
            foreach (var parent in hypernyms[node])
            {
                set.Add(parent);
                set.UnionWith(Closure(parent));
            }
            return ancestors[node] = set;
        }
        Edges = Enumerable.Range(0, offsets.Count).SelectMany(n => Closure(n).Order().Select(a => (n, a))).ToArray();
    }

    /// <summary>Reads data.noun and index.noun from <paramref name="folder"/>; a missing file names the package that provides it.</summary>
    public static WordNet Load(string folder = DefaultFolder)
    {
        var (data, index) = (Path.Combine(folder, Files[0]), Path.Combine(folder, Files[1]));
        foreach (var file in new[] { data, index })
            if (!File.Exists(file)) throw new FileNotFoundException($"{file} not found: {Install}", file);
        var offsets = new List<long>();
        var parentOffsets = new List<long[]>();
        foreach (var line in File.ReadLines(data))
        {
            if (line.StartsWith(' ')) continue;   // the licence header
            var f = line.Split(' ');
            var words = int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var at = 4 + 2 * words;
            var pointers = int.Parse(f[at], CultureInfo.InvariantCulture);
            var parents = new List<long>();
            for (var p = 0; p < pointers; p++)
            {
                var (symbol, target, pos) = (f[at + 1 + 4 * p], f[at + 2 + 4 * p], f[at + 3 + 4 * p]);
                if (symbol is "@" or "@i" && pos == "n") parents.Add(long.Parse(target, CultureInfo.InvariantCulture));
            }
            offsets.Add(long.Parse(f[0], CultureInfo.InvariantCulture));
            parentOffsets.Add([.. parents]);
        }
        var ids = offsets.Select((o, i) => (o, i)).ToDictionary(p => p.o, p => p.i);
        var hypernyms = parentOffsets.Select(ps => ps.Select(p => ids[p]).ToArray()).ToList();
        var senses = new Dictionary<string, List<long>>();
        foreach (var line in File.ReadLines(index))
        {
            if (line.StartsWith(' ')) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var synsets = int.Parse(f[2], CultureInfo.InvariantCulture);
            senses[f[0]] = f.Skip(f.Length - synsets).Select(o => long.Parse(o, CultureInfo.InvariantCulture)).ToList();
        }
        return new WordNet(offsets, hypernyms, senses);
    }

    /// <summary>The node of an NLTK-style name such as "mammal.n.01": the lemma's n-th noun sense in index.noun.</summary>
    public int Node(string name)
    {
        var parts = name.Split('.');
        if (parts.Length != 3 || parts[1] != "n" || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var sense))
            throw new ArgumentException($"'{name}' is not a noun synset name like mammal.n.01");
        if (!_senses.TryGetValue(parts[0], out var offsets) || sense < 1 || sense > offsets.Count)
            throw new ArgumentException($"WordNet has no noun synset '{name}'");
        return _ids[offsets[sense - 1]];
    }

    /// <summary>The subtree rooted at <paramref name="root"/>: the root and every node with it among its ancestors.</summary>
    public bool[] Subtree(int root)
    {
        var inside = new bool[Nodes];
        inside[root] = true;
        foreach (var (child, ancestor) in Edges)
            if (ancestor == root) inside[child] = true;
        return inside;
    }
}
