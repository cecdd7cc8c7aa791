using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Data;

/// <summary>
/// A compressed sparse row matrix, as scipy.sparse.csr_matrix holds it: row r's column indices are
/// <c>Indices[IndPtr[r]..IndPtr[r+1]]</c> and its values the same slice of <c>Data</c>.
/// </summary>
public sealed record CsrMatrix(int Rows, int Columns, int[] IndPtr, int[] Indices, float[] Data)
{
    public int Nnz => Data.Length;

    /// <summary>The row-major dense matrix (duplicate entries add up, as scipy's toarray does).</summary>
    public float[] ToDense()
    {
        var dense = new float[(long)Rows * Columns];
        for (var r = 0; r < Rows; r++)
            for (var k = IndPtr[r]; k < IndPtr[r + 1]; k++)
                dense[(long)r * Columns + Indices[k]] += Data[k];
        return dense;
    }

    /// <summary>A dense float32 tensor [rows, columns].</summary>
    public Tensor ToTensor() => torch.tensor(ToDense(), [Rows, Columns]);

    /// <summary>Checks the CSR invariants: indptr of length rows+1, from 0, non-decreasing, to nnz; indices in range.</summary>
    public CsrMatrix Validate(string source)
    {
        if (Rows < 0 || Columns < 0) throw Bad($"shape ({Rows}, {Columns})");
        if (IndPtr.Length != Rows + 1) throw Bad($"indptr has {IndPtr.Length} entries for {Rows} rows");
        if (Indices.Length != Data.Length) throw Bad($"{Indices.Length} indices but {Data.Length} values");
        if (IndPtr[0] != 0 || IndPtr[^1] != Data.Length) throw Bad($"indptr runs from {IndPtr[0]} to {IndPtr[^1]}, not 0 to {Data.Length}");
        for (var r = 0; r < Rows; r++)
            if (IndPtr[r + 1] < IndPtr[r]) throw Bad($"indptr decreases at row {r}");
        foreach (var c in Indices)
            if ((uint)c >= (uint)Columns) throw Bad($"column index {c} outside 0..{Columns - 1}");
        return this;

        InvalidDataException Bad(string what) => new($"{source}: not a valid CSR matrix: {what}");
    }
}
