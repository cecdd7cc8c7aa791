namespace Papers.Gcn.Tests;

/// <summary>
/// Writes a Planetoid dataset in the real file format (Python 2 pickles of scipy CSR matrices, int32 one-hot
/// ndarrays and a defaultdict of lists, plus test.index as text), as the data README describes them.
/// </summary>
internal static class PlanetoidFiles
{
    public static byte[] Csr(int rows, int columns, float[,] dense)
    {
        var (indptr, indices, data) = (new List<int> { 0 }, new List<int>(), new List<float>());
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
                if (dense[i, j] != 0) { indices.Add(j); data.Add(dense[i, j]); }
            indptr.Add(indices.Count);
        }
        return new PickleBytes().Proto(2)
            .Global("scipy.sparse.csr", "csr_matrix").BinPut(1).EmptyTuple().NewObj().BinPut(2)
            .EmptyDict().BinPut(3).Mark()
            .ShortBinString("format").ShortBinString("csr")
            .ShortBinString("_shape").BinInt1((byte)rows).BinInt1((byte)columns).Tuple2()
            .ShortBinString("indptr").NdArray("i4", [indptr.Count], PickleBytes.Bytes(indptr.ToArray()), 10)
            .ShortBinString("_cs_matrix__has_sorted_indices").NewTrue()
            .ShortBinString("indices").NdArray("i4", [indices.Count], PickleBytes.Bytes(indices.ToArray()), 20)
            .ShortBinString("data").NdArray("f4", [data.Count], PickleBytes.Bytes(data.ToArray()), 30)
            .ShortBinString("maxprint").BinInt1(50)
            .SetItems().Build().Stop();
    }

    /// <summary>Labels as the int32 one-hot [n, classes] ndarray; -1 writes an all-zero row.</summary>
    public static byte[] OneHot(int[] labels, int classes)
    {
        var values = new int[labels.Length * classes];
        for (var i = 0; i < labels.Length; i++)
            if (labels[i] >= 0) values[i * classes + labels[i]] = 1;
        return new PickleBytes().Proto(2).NdArray("i4", [labels.Length, classes], PickleBytes.Bytes(values), 0).Stop();
    }

    /// <summary>defaultdict(list, {node: [neighbours]}).</summary>
    public static byte[] Graph(IReadOnlyList<int[]> neighbours)
    {
        var p = new PickleBytes().Proto(2)
            .Global("collections", "defaultdict").BinPut(0).Global("__builtin__", "list").BinPut(1).Tuple1().Reduce().BinPut(2)
            .Mark();
        for (var node = 0; node < neighbours.Count; node++)
        {
            p.BinInt1((byte)node).EmptyList().Mark();
            foreach (var j in neighbours[node]) p.BinInt1((byte)j);
            p.Appends();
        }
        return p.SetItems().Stop();
    }

    /// <summary>
    /// Six nodes, two features, two classes. Nodes 0–2 are allx (0 and 1 also x, the training nodes); test.index
    /// lists 5 then 3, so tx's rows land out of order; node 4 lies in the test range without a row, as Citeseer's
    /// isolated nodes do. The graph has a duplicate (0 → 1 twice) and a self-loop (2 → 2).
    /// </summary>
    public static string WriteTiny(string folder)
    {
        Directory.CreateDirectory(folder);
        void Write(string part, byte[] bytes) => File.WriteAllBytes(Path.Combine(folder, $"ind.tiny.{part}"), bytes);
        Write("x", Csr(2, 2, new float[,] { { 1, 0 }, { 0, 1 } }));
        Write("y", OneHot([0, 1], 2));
        Write("allx", Csr(3, 2, new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } }));
        Write("ally", OneHot([0, 1, 0], 2));
        Write("tx", Csr(2, 2, new float[,] { { 2, 0 }, { 0, 3 } }));
        Write("ty", OneHot([1, 0], 2));
        Write("graph", Graph([[1, 1], [0, 2], [1, 2], [5], [], [3]]));
        File.WriteAllText(Path.Combine(folder, "ind.tiny.test.index"), "5\n3\n");
        return folder;
    }
}
