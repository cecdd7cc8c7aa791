using System.Buffers.Binary;
using System.Text;

namespace Papers.Testing;

/// <summary>
/// Assembles a pickle opcode by opcode, in the order CPython's <c>pickletools.dis</c> lists a real file's, so that a
/// test's bytes can be read against the opcode listing of the file they imitate.
/// </summary>
public sealed class PickleBytes
{
    private readonly List<byte> _bytes = [];

    public PickleBytes Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public PickleBytes Op(char opcode) => Raw((byte)opcode);

    public PickleBytes Latin1(string text) => Raw(Encoding.Latin1.GetBytes(text));

    public PickleBytes Proto(byte protocol) => Raw(0x80, protocol);
    public PickleBytes Global(string module, string name) => Op('c').Latin1($"{module}\n{name}\n");
    public PickleBytes Mark() => Op('(');
    public PickleBytes None() => Op('N');
    public PickleBytes NewTrue() => Raw(0x88);
    public PickleBytes NewFalse() => Raw(0x89);
    public PickleBytes BinInt1(byte value) => Op('K').Raw(value);
    public PickleBytes BinInt2(ushort value) => Op('M').Raw((byte)value, (byte)(value >> 8));
    public PickleBytes BinInt(int value) => Op('J').Raw(Le32(value));
    public PickleBytes ShortBinString(string latin1) => Op('U').Raw((byte)latin1.Length).Latin1(latin1);
    public PickleBytes BinString(byte[] bytes) => Op('T').Raw(Le32(bytes.Length)).Raw(bytes);
    public PickleBytes BinUnicode(string text) => Op('X').Raw(Le32(Encoding.UTF8.GetByteCount(text))).Raw(Encoding.UTF8.GetBytes(text));
    public PickleBytes EmptyTuple() => Op(')');
    public PickleBytes Tuple() => Op('t');
    public PickleBytes Tuple1() => Raw(0x85);
    public PickleBytes Tuple2() => Raw(0x86);
    public PickleBytes Tuple3() => Raw(0x87);
    public PickleBytes EmptyList() => Op(']');
    public PickleBytes Append() => Op('a');
    public PickleBytes Appends() => Op('e');
    public PickleBytes EmptyDict() => Op('}');
    public PickleBytes SetItems() => Op('u');
    public PickleBytes Reduce() => Op('R');
    public PickleBytes Build() => Op('b');
    public PickleBytes NewObj() => Raw(0x81);
    public PickleBytes BinPut(byte key) => Op('q').Raw(key);
    public PickleBytes BinGet(byte key) => Op('h').Raw(key);
    public byte[] Stop() => Op('.').ToArray();
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>
    /// An ndarray as numpy's <c>__reduce__</c> pickles it: <c>_reconstruct(ndarray, (0,), 'b')</c>, then BUILD with
    /// <c>(1, shape, dtype, False, raw)</c>, the dtype being <c>dtype(code, 0, 1)</c> with state
    /// <c>(3, '&lt;', None, None, None, -1, -1, 0)</c>. Memo keys from <paramref name="memo"/> up are used.
    /// </summary>
    public PickleBytes NdArray(string code, int[] shape, byte[] raw, byte memo)
    {
        Global("numpy.core.multiarray", "_reconstruct").BinPut(memo).Global("numpy", "ndarray").BinPut((byte)(memo + 1))
            .BinInt1(0).Tuple1().ShortBinString("b").Tuple3().Reduce().BinPut((byte)(memo + 2))
            .Mark().BinInt1(1).Mark();
        foreach (var d in shape) BinInt2((ushort)d);
        return Tuple()
            .Global("numpy", "dtype").BinPut((byte)(memo + 3)).ShortBinString(code).BinInt1(0).BinInt1(1).Tuple3().Reduce().BinPut((byte)(memo + 4))
            .Mark().BinInt1(3).ShortBinString("<").None().None().None().BinInt(-1).BinInt(-1).BinInt1(0).Tuple().Build()
            .NewFalse().BinString(raw).Tuple().Build();
    }

    public static byte[] Le32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] Bytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
