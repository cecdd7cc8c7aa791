namespace Papers.Shared.Tests;

using Papers.Shared.Results;

public class CsvTests
{
    private sealed record RunRow(string Dataset, int Seed, double TestAccuracy, double? BestEpoch);

    [Fact]
    public void TableRowsWriteTheHouseColumnsWithRoundTripNumbers()
    {
        TableRow[] rows =
        [
            new("Table 2", "Cora", "accuracy", "mean over 10 seeds", 81.5, 81.66, 0.68, 10),
            new("Table 2", "Cite, Seer", "accuracy \"test\"", "one run", null, 1.0 / 3, double.NaN, 1),
        ];
        Assert.Equal(
            "table,row,column,statistic,paper,ours_mean,ours_std,n\n" +
            "Table 2,Cora,accuracy,mean over 10 seeds,81.5,81.66,0.68,10\n" +
            "Table 2,\"Cite, Seer\",\"accuracy \"\"test\"\"\",one run,,0.3333333333333333,NaN,1\n",
            Csv.ToText(rows));
    }

    [Fact]
    public void RunRecordsGetSnakeCaseHeaders()
    {
        Assert.Equal(
            "dataset,seed,test_accuracy,best_epoch\ncora,0,0.815,\ncora,1,1E-20,12\n",
            Csv.ToText([new RunRow("cora", 0, 0.815, null), new RunRow("cora", 1, 1e-20, 12)]));
    }

    [Fact]
    public void WrittenTablesReadBackEqual()
    {
        var folder = Directory.CreateTempSubdirectory("papers-csv-").FullName;
        try
        {
            TableRow[] rows =
            [
                new("Table 2", "Cora", "accuracy", "mean", 81.5, 81.66, 0.68, 10),
                new("Table 2", "Citeseer", "accuracy", "mean", null, 70.3, double.NaN, 1),
            ];
            var path = Path.Combine(folder, "table2.csv");
            Csv.Write(path, rows);
            Assert.Equal(rows, Csv.Read<TableRow>(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SummarizeGivesMeanAndSampleStandardDeviation()
    {
        // mean(1, 2, 3, 4) = 2.5; Σ(v − 2.5)² = 2.25 + 0.25 + 0.25 + 2.25 = 5; s = √(5 / 3) = 1.2909944487358056
        var row = TableRow.Summarize("Table 1", "MNIST", "error", "mean over 4 seeds", 2.0, [1, 2, 3, 4]);
        Assert.Equal(new TableRow("Table 1", "MNIST", "error", "mean over 4 seeds", 2.0, 2.5, Math.Sqrt(5.0 / 3), 4), row);
        Assert.Equal(1.2909944487358056, row.OursStd, 15);
        Assert.Equal(0.5, row.Delta());
    }

    [Fact]
    public void OneRunHasNoSpreadAndNoRunsIsAnError()
    {
        var single = TableRow.Summarize("T", "r", "c", "one run", null, [3.0]);
        Assert.Equal(3.0, single.OursMean);
        Assert.True(double.IsNaN(single.OursStd));
        Assert.Null(single.Delta());
        var e = Assert.Throws<ArgumentException>(() => TableRow.Summarize("T", "r", "c", "s", null, []));
        Assert.Contains("T / r / c: no runs", e.Message);
    }
}
