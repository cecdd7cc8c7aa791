using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Papers.Shared.Data;

/// <summary>
/// The pickle virtual machine of CPython's Lib/pickle.py (protocols 0 to 3), limited to the opcodes and globals
/// that data files use: containers, numbers, strings, numpy ndarray/dtype, scipy csr_matrix, defaultdict.
/// Nothing is executed: globals are matched against a fixed list and rebuilt as C# values.
/// </summary>
internal sealed class Unpickler(byte[] data, string source)
{
    private const int HighestProtocol = 3;

    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;
    private int _at;

    public object? Load()
    {
        while (true)
        {
            _at = _pos;
            var op = ReadByte();
            switch (op)
            {
                case 0x80: // PROTO
                    var protocol = ReadByte();
                    if (protocol > HighestProtocol) throw Error($"pickle protocol {protocol} is not supported (0 to {HighestProtocol})");
                    break;
                case (byte)'.': return Pop(); // STOP
                case (byte)'(': _marks.Push(_stack.Count); break; // MARK
                case (byte)'0': Pop(); break; // POP
                case (byte)'1': PopMark(); break; // POP_MARK
                case (byte)'2': Push(Peek()); break; // DUP
                case (byte)'N': Push(null); break; // NONE
                case 0x88: Push(true); break; // NEWTRUE
                case 0x89: Push(false); break; // NEWFALSE
                case (byte)'I': Push(ParseInt(ReadLine())); break; // INT
                case (byte)'L': Push(ParseInt(ReadLine().TrimEnd('L'))); break; // LONG
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
                case (byte)'K': Push((long)ReadByte()); break; // BININT1
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
                case 0x8a: Push(Integer(Take(ReadByte()))); break; // LONG1
                case 0x8b: Push(Integer(Take(ReadLength()))); break; // LONG4
                case (byte)'F': Push(ParseFloat(ReadLine())); break; // FLOAT
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT
                case (byte)'S': Push(new PyBytes(StringLiteral.Unquote(ReadLine(), source))); break; // STRING
                case (byte)'T': Push(new PyBytes(Take(ReadLength()).ToArray())); break; // BINSTRING
                case (byte)'U': Push(new PyBytes(Take(ReadByte()).ToArray())); break; // SHORT_BINSTRING
                case (byte)'B': Push(new PyBytes(Take(ReadLength()).ToArray())); break; // BINBYTES
                case (byte)'C': Push(new PyBytes(Take(ReadByte()).ToArray())); break; // SHORT_BINBYTES
                case (byte)'V': Push(StringLiteral.RawUnicodeEscape(ReadLine())); break; // UNICODE
                case (byte)'X': Push(Encoding.UTF8.GetString(Take(ReadLength()))); break; // BINUNICODE
                case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
                case (byte)'l': Push(PopMark()); break; // LIST
                case (byte)'a': var item = Pop(); Top<List<object?>>("APPEND").Add(item); break; // APPEND
                case (byte)'e': var items = PopMark(); Top<List<object?>>("APPENDS").AddRange(items); break; // APPENDS
                case (byte)')': Push(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case (byte)'t': Push(PopMark().ToArray()); break; // TUPLE
                case 0x85: Push(PopN(1)); break; // TUPLE1
                case 0x86: Push(PopN(2)); break; // TUPLE2
                case 0x87: Push(PopN(3)); break; // TUPLE3
                case (byte)'}': Push(new Dictionary<object, object?>()); break; // EMPTY_DICT
                case (byte)'d': var pairs = PopMark(); Push(SetItems(new Dictionary<object, object?>(), pairs)); break; // DICT
                case (byte)'s': var value = Pop(); var key = Pop(); SetItems(Top<Dictionary<object, object?>>("SETITEM"), [key, value]); break; // SETITEM
                case (byte)'u': var kvs = PopMark(); SetItems(Top<Dictionary<object, object?>>("SETITEMS"), kvs); break; // SETITEMS
                case (byte)'p': _memo[ParseMemoKey(ReadLine())] = Peek(); break; // PUT
                case (byte)'q': _memo[ReadByte()] = Peek(); break; // BINPUT
                case (byte)'r': _memo[ReadLength()] = Peek(); break; // LONG_BINPUT
                case (byte)'g': Push(Memo(ParseMemoKey(ReadLine()))); break; // GET
                case (byte)'h': Push(Memo(ReadByte())); break; // BINGET
                case (byte)'j': Push(Memo(ReadLength())); break; // LONG_BINGET
                case (byte)'c': Push(Global(ReadLine(), ReadLine())); break; // GLOBAL
                case (byte)'R': var args = Pop(); Push(Reduce(Pop(), args)); break; // REDUCE
                case 0x81: var newArgs = Pop(); Push(NewObject(Pop(), newArgs)); break; // NEWOBJ
                case (byte)'b': Build(Pop()); break; // BUILD
                default: throw Error($"unsupported pickle opcode {OpcodeName(op)} (0x{op:x2})");
            }
        }
    }

    private static readonly HashSet<(string, string)> s_globals =
    [
        ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
        ("numpy", "ndarray"), ("numpy", "dtype"),
        ("scipy.sparse.csr", "csr_matrix"), ("scipy.sparse._csr", "csr_matrix"),
        ("collections", "defaultdict"), ("__builtin__", "list"), ("builtins", "list"),
    ];

    private PyGlobal Global(string module, string name) =>
        s_globals.Contains((module, name)) ? new PyGlobal(module, name)
        : throw Error($"unsupported pickle global {module}.{name} (supported: {string.Join(", ", s_globals.Select(g => $"{g.Item1}.{g.Item2}"))})");

    private object Reduce(object? callable, object? args)
    {
        var a = args as object?[] ?? throw Error($"REDUCE arguments are {Describe(args)}, not a tuple");
        return callable switch
        {
            // ndarray.__reduce__ gives _reconstruct(ndarray, (0,), b'b'); the shape, dtype and data come with BUILD.
            PyGlobal { Name: "_reconstruct" } => new PendingArray(),
            // dtype(code, align, copy); its byte order comes with BUILD.
            PyGlobal { Module: "numpy", Name: "dtype" } when a.Length >= 1 && Text(a[0]) is { } code => new PyDType(code),
            // defaultdict(default_factory): the factory matters only for missing keys, which a loaded dict never asks for.
            PyGlobal { Name: "defaultdict" } => new Dictionary<object, object?>(),
            _ => throw Error($"unsupported pickle call {Describe(callable)}({string.Join(", ", a.Select(Describe))})"),
        };
    }

    private PyObject NewObject(object? cls, object? args) => cls switch
    {
        PyGlobal { Name: "csr_matrix" } g when args is object?[] { Length: 0 } => new PyObject(g.Module, g.Name, []),
        _ => throw Error($"unsupported pickle NEWOBJ of {Describe(cls)} with {Describe(args)}"),
    };

    private void Build(object? state)
    {
        switch (Peek())
        {
            case PyObject instance when state is Dictionary<object, object?> dict:
                foreach (var (k, v) in dict) instance.State[k] = v;
                break;
            case PyDType dtype when state is object?[] { Length: >= 2 } s && Text(s[1]) is [var order]:
                dtype.ByteOrder = order;
                break;
            case PendingArray pending when state is object?[] { Length: 5 } s:
                var array = BuildArray(s);
                _stack[^1] = array;
                // The memo may already hold the placeholder (BINPUT follows REDUCE): point it at the array.
                foreach (var k in _memo.Where(e => ReferenceEquals(e.Value, pending)).Select(e => e.Key).ToList()) _memo[k] = array;
                break;
            default:
                throw Error($"unsupported pickle BUILD of {Describe(Peek())} with state {Describe(state)}");
        }
    }

    // ndarray.__setstate__((version, shape, dtype, is_fortran, data)).
    private NdArray BuildArray(object?[] state)
    {
        var shape = (state[1] as object?[] ?? throw Error($"ndarray shape is {Describe(state[1])}, not a tuple"))
            .Select(d => d is long n ? n : throw Error($"ndarray dimension {Describe(d)} is not an int")).ToArray();
        var dtype = state[2] as PyDType ?? throw Error($"ndarray dtype is {Describe(state[2])}");
        var fortran = state[3] is true;
        if (dtype.IsObject)
        {
            var elements = state[4] as List<object?> ?? throw Error($"object ndarray data is {Describe(state[4])}, not a list");
            var count = shape.Aggregate(1L, (n, d) => n * d);
            if (elements.Count != count) throw Error($"object ndarray of shape [{string.Join(", ", shape)}] has {elements.Count} elements");
            return new NdArray("object", shape, NdArray.Order(elements.ToArray(), shape, fortran));
        }
        var raw = state[4] switch
        {
            PyBytes b => b.Value,
            // Python 3 pickles of Python 2 arrays may carry the data as latin-1 text.
            string s => Encoding.Latin1.GetBytes(s),
            var other => throw Error($"ndarray data is {Describe(other)}, not bytes"),
        };
        return NdArray.FromBytes(dtype.Descr, shape, raw, fortran, $"{source} (byte {_at})");
    }

    private Dictionary<object, object?> SetItems(Dictionary<object, object?> dict, List<object?> keysAndValues)
    {
        if (keysAndValues.Count % 2 != 0) throw Error("odd number of items for a dict");
        for (var i = 0; i < keysAndValues.Count; i += 2)
            dict[keysAndValues[i] ?? throw Error("None as a dict key is not supported")] = keysAndValues[i + 1];
        return dict;
    }

    private static string? Text(object? value) => value switch
    {
        string s => s,
        PyBytes b => b.Latin1,
        _ => null,
    };

    private static string Describe(object? value) => value switch
    {
        null => "None",
        object?[] t => $"tuple({t.Length})",
        List<object?> l => $"list({l.Count})",
        Dictionary<object, object?> d => $"dict({d.Count})",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private object ParseInt(string text) => text switch
    {
        "01" => true, // protocol 0 writes True and False as INT 01 and 00
        "00" => false,
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ when BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) => big,
        _ => throw Error($"bad integer '{text}'"),
    };

    private double ParseFloat(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => x,
        _ => throw Error($"bad float '{text}'"),
    };

    private long ParseMemoKey(string text) =>
        long.TryParse(text, CultureInfo.InvariantCulture, out var key) ? key : throw Error($"bad memo key '{text}'");

    // LONG1 / LONG4: little-endian two's complement of any length.
    private static object Integer(ReadOnlySpan<byte> bytes)
    {
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
    }

    private object? Memo(long key) => _memo.TryGetValue(key, out var value) ? value : throw Error($"memo key {key} was never stored");

    private T Top<T>(string opcode) where T : class =>
        Peek() as T ?? throw Error($"{opcode} onto {Describe(Peek())}");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() => _stack.Count > 0 ? _stack[^1] : throw Error("stack underflow");

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object?[] PopN(int n)
    {
        if (_stack.Count - (_marks.Count > 0 ? _marks.Peek() : 0) < n) throw Error("stack underflow");
        var items = _stack.GetRange(_stack.Count - n, n).ToArray();
        _stack.RemoveRange(_stack.Count - n, n);
        return items;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Error("no MARK on the stack");
        var mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte ReadByte() => _pos < data.Length ? data[_pos++] : throw Error("unexpected end of pickle (no STOP)");

    private int ReadLength()
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        return n >= 0 ? n : throw Error($"negative length {n}");
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n > data.Length - _pos) throw Error($"{n} bytes wanted, {data.Length - _pos} left");
        _pos += n;
        return data.AsSpan(_pos - n, n);
    }

    private string ReadLine()
    {
        var end = Array.IndexOf(data, (byte)'\n', _pos);
        if (end < 0) throw Error("unterminated text argument");
        var line = Encoding.Latin1.GetString(data, _pos, end - _pos);
        _pos = end + 1;
        return line.TrimEnd('\r');
    }

    private InvalidDataException Error(string message) => new($"{source}: {message} at byte {_at}");

    private static string OpcodeName(byte op) => op switch
    {
        (byte)'P' => "PERSID", (byte)'Q' => "BINPERSID", (byte)'i' => "INST", (byte)'o' => "OBJ",
        0x82 => "EXT1", 0x83 => "EXT2", 0x84 => "EXT4",
        0x8c => "SHORT_BINUNICODE", 0x8d => "BINUNICODE8", 0x8e => "BINBYTES8", 0x8f => "EMPTY_SET",
        0x90 => "ADDITEMS", 0x91 => "FROZENSET", 0x92 => "NEWOBJ_EX", 0x93 => "STACK_GLOBAL", 0x94 => "MEMOIZE",
        0x95 => "FRAME", 0x96 => "BYTEARRAY8", 0x97 => "NEXT_BUFFER", 0x98 => "READONLY_BUFFER",
        _ => "(unknown)",
    };
}
