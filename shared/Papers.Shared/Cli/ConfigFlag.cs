using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Papers.Shared.Cli;

/// <summary>One public settable property of a config record, seen as a command-line flag.</summary>
internal sealed class ConfigFlag
{
    private static readonly Type[] Scalars = [typeof(int), typeof(long), typeof(double), typeof(float), typeof(bool), typeof(string)];

    private ConfigFlag(PropertyInfo property, Type valueType, Type elementType)
    {
        Property = property;
        ValueType = valueType;
        ElementType = elementType;
        Name = "--" + KebabCase(property.Name);
        Source = ((PaperAttribute?)Attribute.GetCustomAttribute(property, typeof(PaperAttribute), inherit: true))?.Source;
        Description = ((DescriptionAttribute?)Attribute.GetCustomAttribute(property, typeof(DescriptionAttribute), inherit: true))?.Description;
    }

    public PropertyInfo Property { get; }

    /// <summary>The property's type without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType { get; }

    /// <summary>The element type of an array property, or <see cref="ValueType"/> itself.</summary>
    public Type ElementType { get; }

    public string Name { get; }

    public string? Source { get; }

    public string? Description { get; }

    public bool IsArray => ValueType.IsArray;

    public bool IsBool => ValueType == typeof(bool);

    /// <summary>The value placeholder shown by --help: <c>&lt;double&gt;</c>, <c>&lt;cora|citeseer&gt;</c>, <c>&lt;int,...&gt;</c>.</summary>
    public string HelpName
    {
        get
        {
            var element = ElementType.IsEnum
                ? string.Join("|", Enum.GetNames(ElementType).Select(KebabCase))
                : TypeName(ElementType);
            return IsBool ? "[true|false]" : IsArray ? $"<{element},...>" : $"<{element}>";
        }
    }

    /// <summary>The flags of <paramref name="configType"/>: every public instance property with a public setter.</summary>
    public static IReadOnlyList<ConfigFlag> Of(Type configType)
    {
        var flags = new List<ConfigFlag>();
        foreach (var property in configType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0) continue;
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var elementType = valueType.IsArray ? valueType.GetElementType()! : valueType;
            if (!elementType.IsEnum && !Scalars.Contains(elementType) || valueType.IsArray && elementType.IsArray)
                throw new ArgumentException(
                    $"{configType.Name}.{property.Name} is a {property.PropertyType.Name}, which has no flag form; " +
                    "config properties are int, long, double, float, bool, string, enums or arrays of those");
            flags.Add(new ConfigFlag(property, valueType, elementType));
        }
        return flags;
    }

    /// <summary>Parses the tokens given after the flag; on failure returns null and sets <paramref name="error"/>.</summary>
    public object? Parse(IReadOnlyList<string> tokens, out string? error)
    {
        error = null;
        if (IsBool && tokens.Count == 0) return true;
        if (!IsArray) return ParseElement(tokens[0], out error);
        // Repeated flags and comma-separated lists both accumulate: --layers 64 --layers 32 == --layers 64,32.
        var parts = tokens.Count == 1 && tokens[0].Length == 0
            ? []
            : tokens.SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries)).ToArray();
        var array = Array.CreateInstance(ElementType, parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var element = ParseElement(parts[i], out error);
            if (error is not null) return null;
            array.SetValue(element, i);
        }
        return array;
    }

    private object? ParseElement(string token, out string? error)
    {
        error = null;
        var culture = CultureInfo.InvariantCulture;
        object? value = ElementType switch
        {
            var t when t == typeof(string) => token,
            var t when t == typeof(int) => int.TryParse(token, NumberStyles.Integer, culture, out var i) ? i : null,
            var t when t == typeof(long) => long.TryParse(token, NumberStyles.Integer, culture, out var l) ? l : null,
            var t when t == typeof(double) => double.TryParse(token, NumberStyles.Float, culture, out var d) ? d : null,
            var t when t == typeof(float) => float.TryParse(token, NumberStyles.Float, culture, out var f) ? f : null,
            var t when t == typeof(bool) => bool.TryParse(token, out var b) ? b : null,
            _ => Enum.GetNames(ElementType)
                .Where(n => string.Equals(n, token, StringComparison.OrdinalIgnoreCase) || KebabCase(n) == token)
                .Select(n => Enum.Parse(ElementType, n))
                .FirstOrDefault(),
        };
        if (value is null) error = $"{Name}: '{token}' is not {Article(ElementType)} {HelpName.Trim('<', '>', '[', ']').Replace(",...", "")}";
        return value;
    }

    /// <summary>A value as the command line would spell it, for --help's default and quick columns.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        Enum e => KebabCase(e.ToString()),
        string s => s,
        IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>WeightDecay → weight-decay, MLPLayers → mlp-layers (System.Text.Json's kebab-case rule).</summary>
    public static string KebabCase(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static string TypeName(Type t) =>
        t == typeof(int) ? "int" : t == typeof(long) ? "long" : t == typeof(double) ? "double" :
        t == typeof(float) ? "float" : t == typeof(bool) ? "bool" : "string";

    private static string Article(Type t) => t.IsEnum || t == typeof(bool) ? "one of" : t == typeof(int) ? "an" : "a";
}
