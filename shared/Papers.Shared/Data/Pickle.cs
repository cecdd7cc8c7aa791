namespace Papers.Shared.Data;

/// <summary>
/// Reads Python pickles (protocols 0 to 3) of plain data, numpy arrays and scipy CSR matrices. Python values
/// arrive as: None → null, bool → bool, int → long (BigInteger beyond 64 bits), float → double,
/// str (Python 2) and bytes → <see cref="PyBytes"/>, unicode → string, list → List&lt;object?&gt;,
/// tuple → object?[], dict and defaultdict → Dictionary&lt;object, object?&gt;, numpy.ndarray → <see cref="NdArray"/>,
/// scipy csr_matrix → <see cref="PyObject"/> (<see cref="ToCsr"/> makes it a <see cref="CsrMatrix"/>).
/// Any other opcode or global fails with its name.
/// </summary>
public static class Pickle
{
    public static object? Load(string path) => Read(File.ReadAllBytes(path), path);

    /// <param name="source">Names the bytes in error messages (a file name).</param>
    public static object? Read(byte[] bytes, string source) => new Unpickler(bytes, source).Load();

    /// <summary>A pickled scipy.sparse.csr_matrix (Planetoid's x, tx, allx).</summary>
    public static CsrMatrix LoadCsr(string path) => ToCsr(Load(path), path);

    /// <summary>A pickled numpy.ndarray (Planetoid's y, ty, ally).</summary>
    public static NdArray LoadNdArray(string path) => ToNdArray(Load(path), path);

    /// <summary>A pickled dict or defaultdict of int → list of int (Planetoid's graph: node → neighbours).</summary>
    public static Dictionary<long, List<long>> LoadGraph(string path) => ToGraph(Load(path), path);

    /// <summary>A pickled dict of str → int (ProdLDA's vocab.pkl: word → id).</summary>
    public static Dictionary<string, long> LoadVocabulary(string path) => ToVocabulary(Load(path), path);

    public static CsrMatrix ToCsr(object? value, string source)
    {
        if (value is not PyObject { Name: "csr_matrix" } csr)
            throw new InvalidDataException($"{source}: expected a scipy csr_matrix, found {Kind(value)}");
        if (csr.State.Count > 0 && Text(csr.Get("format", source)) is { } format && format != "csr")
            throw new InvalidDataException($"{source}: csr_matrix with format '{format}'");
        var shape = csr.Get("_shape", source) as object?[];
        if (shape is not [long rows, long columns] || rows > int.MaxValue || columns > int.MaxValue)
            throw new InvalidDataException($"{source}: csr_matrix _shape is {Kind(shape)}, not a pair of ints");
        var data = ToNdArray(csr.Get("data", source), source);
        if (data.Data is not float[] values)
            throw new InvalidDataException($"{source}: csr_matrix data is {data.DType}; this reader returns float32 data");
        return new CsrMatrix((int)rows, (int)columns, Int32s(csr.Get("indptr", source), "indptr", source),
                             Int32s(csr.Get("indices", source), "indices", source), values).Validate(source);
    }

    public static NdArray ToNdArray(object? value, string source) =>
        value as NdArray ?? throw new InvalidDataException($"{source}: expected a numpy ndarray, found {Kind(value)}");

    public static Dictionary<long, List<long>> ToGraph(object? value, string source)
    {
        if (value is not Dictionary<object, object?> dict)
            throw new InvalidDataException($"{source}: expected a dict of int -> list of int, found {Kind(value)}");
        var graph = new Dictionary<long, List<long>>(dict.Count);
        foreach (var (key, neighbours) in dict)
        {
            if (key is not long node || neighbours is not List<object?> list)
                throw new InvalidDataException($"{source}: graph entry {Kind(key)} -> {Kind(neighbours)} is not int -> list");
            graph[node] = list.Select(n => n as long? ?? throw new InvalidDataException($"{source}: neighbour {Kind(n)} of node {node} is not an int")).ToList();
        }
        return graph;
    }

    public static Dictionary<string, long> ToVocabulary(object? value, string source)
    {
        if (value is not Dictionary<object, object?> dict)
            throw new InvalidDataException($"{source}: expected a dict of str -> int, found {Kind(value)}");
        return dict.ToDictionary(
            e => Text(e.Key) ?? throw new InvalidDataException($"{source}: vocabulary key {Kind(e.Key)} is not a string"),
            e => e.Value as long? ?? throw new InvalidDataException($"{source}: vocabulary id {Kind(e.Value)} of '{Text(e.Key)}' is not an int"));
    }

    private static int[] Int32s(object? value, string name, string source)
    {
        var array = ToNdArray(value, source);
        return array.Data switch
        {
            int[] ints => ints,
            long[] longs => longs.Select(v => v is >= int.MinValue and <= int.MaxValue ? (int)v
                : throw new InvalidDataException($"{source}: csr_matrix {name} value {v} exceeds int32")).ToArray(),
            _ => throw new InvalidDataException($"{source}: csr_matrix {name} is {array.DType}, not an integer array"),
        };
    }

    /// <summary>A Python text value: a unicode string, or a Python 2 str read as latin-1.</summary>
    private static string? Text(object? value) => value switch
    {
        string s => s,
        PyBytes b => b.Latin1,
        _ => null,
    };

    private static string Kind(object? value) => value switch
    {
        null => "None",
        object?[] t => $"a tuple of {t.Length}",
        List<object?> l => $"a list of {l.Count}",
        Dictionary<object, object?> d => $"a dict of {d.Count}",
        _ => $"{value} ({value.GetType().Name})",
    };
}
