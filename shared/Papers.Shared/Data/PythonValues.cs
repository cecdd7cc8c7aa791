using System.Text;

namespace Papers.Shared.Data;

/// <summary>
/// A Python 2 <c>str</c> or Python 3 <c>bytes</c> from a pickle: raw bytes, compared by content so that it works
/// as a dictionary key. <see cref="Latin1"/> is its text where a text value is meant (Python 2 wrote text as str).
/// </summary>
public sealed class PyBytes(byte[] value) : IEquatable<PyBytes>
{
    public byte[] Value { get; } = value;

    public string Latin1 => Encoding.Latin1.GetString(Value);

    public bool Equals(PyBytes? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override bool Equals(object? obj) => Equals(obj as PyBytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }

    public override string ToString() => $"b'{Latin1}'";
}

/// <summary>
/// An instance of a Python class rebuilt from a pickle without running the class: its module, class name and the
/// state dict that <c>__setstate__</c> would receive (for a scipy csr_matrix: shape, indptr, indices, data).
/// </summary>
public sealed record PyObject(string Module, string Name, Dictionary<object, object?> State)
{
    /// <summary>The state entry <paramref name="key"/>, whether Python 2 stored the key as str (bytes) or Python 3 as text.</summary>
    public object? Get(string key, string source) =>
        State.TryGetValue(key, out var value) || State.TryGetValue(new PyBytes(Encoding.Latin1.GetBytes(key)), out value)
            ? value
            : throw new InvalidDataException($"{source}: {Module}.{Name} state has no '{key}' (keys: {string.Join(", ", State.Keys)})");

    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>A class or function named by a pickle's GLOBAL opcode, before it is called.</summary>
internal sealed record PyGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>A numpy dtype: its type code (<c>f4</c>, <c>i8</c>, <c>O8</c>) and, once its state is set, its byte order.</summary>
internal sealed class PyDType(string code)
{
    public string Code { get; } = code;

    public char ByteOrder { get; set; } = '=';

    public bool IsObject => Code.StartsWith('O');

    public string Descr => $"{ByteOrder}{Code}";
}

/// <summary>An ndarray made by <c>numpy.core.multiarray._reconstruct</c>, waiting for BUILD to give it shape, dtype and data.</summary>
internal sealed class PendingArray;
