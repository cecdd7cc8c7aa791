namespace Papers.Torch;

/// <summary>Element types, numbered as c10::ScalarType numbers them (and TorchSharp after it).</summary>
public enum ScalarType : sbyte
{
    Byte = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
    BFloat16 = 15,
}

public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>A device: cpu, or cuda with an index.</summary>
public sealed record Device(DeviceType type, int index = -1)
{
    public static Device Parse(string spec)
    {
        var parts = spec.Trim().ToLowerInvariant().Split(':');
        var type = parts[0] switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new ArgumentException($"unknown device '{spec}': expected cpu, cuda or cuda:N"),
        };
        if (parts.Length == 1) return new Device(type);
        if (parts.Length == 2 && int.TryParse(parts[1], out var index) && index >= 0) return new Device(type, index);
        throw new ArgumentException($"unknown device '{spec}': expected cpu, cuda or cuda:N");
    }

    public override string ToString() => (type == DeviceType.CPU ? "cpu" : "cuda") + (index >= 0 ? $":{index}" : "");
}

/// <summary>A number handed to an op beside a tensor. Integral values keep integer arithmetic on
/// integer tensors, as Python ints do.</summary>
public readonly record struct Scalar(double Value, bool IsIntegral)
{
    public static implicit operator Scalar(int v) => new(v, true);
    public static implicit operator Scalar(long v) => new(v, true);
    public static implicit operator Scalar(float v) => new(v, false);
    public static implicit operator Scalar(double v) => new(v, false);
    public static implicit operator Scalar(bool v) => new(v ? 1 : 0, true);

    internal int Flag => IsIntegral ? 1 : 0;
}
