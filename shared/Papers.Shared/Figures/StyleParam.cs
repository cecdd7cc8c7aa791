namespace Papers.Shared.Figures;

/// <summary>Style values, spelled as Plotly.NET's <c>StyleParam</c> spells them (<c>StyleParam.Mode.Lines_Markers</c>).</summary>
public static class StyleParam
{
    public enum Mode { Lines, Markers, Lines_Markers }

    public enum DrawingStyle { Solid, Dash, Dot, DashDot }

    public enum AxisType { Linear, Log }

    public enum HistNorm { None, Percent, Probability, Density, ProbabilityDensity }

    internal static string Plotly(Mode mode) => mode switch
    {
        Mode.Lines => "lines",
        Mode.Markers => "markers",
        Mode.Lines_Markers => "lines+markers",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    internal static string Plotly(DrawingStyle style) => style switch
    {
        DrawingStyle.Solid => "solid",
        DrawingStyle.Dash => "dash",
        DrawingStyle.Dot => "dot",
        DrawingStyle.DashDot => "dashdot",
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
    };

    internal static string Plotly(HistNorm norm) => norm switch
    {
        HistNorm.None => "",
        HistNorm.Percent => "percent",
        HistNorm.Probability => "probability",
        HistNorm.Density => "density",
        HistNorm.ProbabilityDensity => "probability density",
        _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, null),
    };
}
