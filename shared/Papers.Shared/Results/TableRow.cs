namespace Papers.Shared.Results;

/// <summary>
/// One cell of a paper's table beside ours: <c>table,row,column,statistic,paper,ours_mean,ours_std,n</c>.
/// <paramref name="Statistic"/> says what <paramref name="OursMean"/> is ("mean over n seeds", "best of 3 by
/// validation", "max average return"); <paramref name="Paper"/> is null where the paper gives no number.
/// </summary>
public sealed record TableRow(
    string Table,
    string Row,
    string Column,
    string Statistic,
    double? Paper,
    double OursMean,
    double OursStd,
    int N)
{
    /// <summary>
    /// Mean and sample standard deviation (n − 1 in the denominator, as torch.std and pandas compute it) of our
    /// runs' values; the deviation of a single run is NaN, not 0, since one run says nothing about spread.
    /// </summary>
    public static TableRow Summarize(string table, string row, string column, string statistic, double? paper, IEnumerable<double> ours)
    {
        var values = ours.ToArray();
        if (values.Length == 0) throw new ArgumentException($"{table} / {row} / {column}: no runs to summarize", nameof(ours));
        var mean = values.Average();
        var std = values.Length == 1 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return new TableRow(table, row, column, statistic, paper, mean, std, values.Length);
    }

    /// <summary>Ours minus the paper's, or null where the paper gives no number.</summary>
    public double? Delta() => Paper is { } paper ? OursMean - paper : null;
}
