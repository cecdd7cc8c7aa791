namespace Papers.Shared.Tests;

using Papers.Shared.Results;

public sealed class ResultsReadmeTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("papers-readme-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Fact]
    public void ReadmeListsEveryPapersTablesInOrderWithTheManifestsCommitThenItsFurtherRuns()
    {
        var gcn = Path.Combine(_results, "gcn");
        Csv.Write(Path.Combine(gcn, "table2.csv"), PaperTableTests.Table2);
        Csv.Write(Path.Combine(gcn, "table10.csv"), [new TableRow("Table 10", "Cora", "epochs", "median", null, 143, 12.5, 10)]);
        Csv.Write(Path.Combine(gcn, "table3.csv"), [new TableRow("Table 3", "Cora | no self-loops", "accuracy", "mean over 10 seeds", 80.0, 80.26, 0.5, 10)]);
        Manifest.Create("gcn", new TinyConfig(), ManifestTests.Environment, Enumerable.Range(0, 10).Select(s => (long)s), DateTimeOffset.UtcNow)
            .Write(Path.Combine(gcn, Manifest.FileName));
        Csv.Write(Path.Combine(_results, "cycle-gan", "table1.csv"),
            [new TableRow("Table 1", "labels→photo", "per-pixel acc.", "one run", 0.52, 0.5, double.NaN, 1)]);
        Csv.Write(Path.Combine(_results, "empty", "runs.csv"), new[] { new { Seed = 0 } });
        Csv.Write(Path.Combine(gcn, "stop-on-loss", "table2.csv"), [PaperTableTests.Table2[0]]);
        Csv.Write(Path.Combine(gcn, "figures", "curves.csv"), new[] { new { Epoch = 1 } });

        var path = ResultsReadme.Write(_results);

        Assert.Equal(Path.Combine(_results, "README.md"), path);
        Assert.Equal(
            """
            # Results

            Each paper's tables as its last full run wrote them, the paper's numbers beside ours. Generated from
            `results/<paper>/table*.csv` and `manifest.json` (a paper's further runs in its subfolders) by
            `dotnet run scripts/results-readme.cs`; do not edit.

            ## cycle-gan

            Commit unknown: no manifest.json.

            ### Table 1 (`table1.csv`)

            | row | column | statistic | paper | ours (mean ± std, n) | Δ |
            | --- | --- | --- | ---: | ---: | ---: |
            | labels→photo | per-pixel acc. | one run | 0.52 | 0.500 (n=1) | -0.020 |

            ## gcn

            Commit `0123456789abcdef0123456789abcdef01234567`, 2025-01-02, 10 seed(s), 2 thread(s) on cpu, libtorch 1.13.1.

            ### Table 2 (`table2.csv`)

            | row | column | statistic | paper | ours (mean ± std, n) | Δ |
            | --- | --- | --- | ---: | ---: | ---: |
            | Cora | accuracy | mean over 10 seeds | 81.5 | 81.66 ± 0.68 (n=10) | +0.16 |
            | Citeseer | accuracy | mean over 10 seeds | 70.3 | 69.12 ± 1.05 (n=10) | -1.18 |

            ### Table 3 (`table3.csv`)

            | row | column | statistic | paper | ours (mean ± std, n) | Δ |
            | --- | --- | --- | ---: | ---: | ---: |
            | Cora \| no self-loops | accuracy | mean over 10 seeds | 80 | 80.3 ± 0.5 (n=10) | +0.3 |

            ### Table 10 (`table10.csv`)

            | row | column | statistic | paper | ours (mean ± std, n) | Δ |
            | --- | --- | --- | ---: | ---: | ---: |
            | Cora | epochs | median |  | 143.0 ± 12.5 (n=10) |  |

            ## gcn/stop-on-loss

            Commit unknown: no manifest.json.

            ### Table 2 (`table2.csv`)

            | row | column | statistic | paper | ours (mean ± std, n) | Δ |
            | --- | --- | --- | ---: | ---: | ---: |
            | Cora | accuracy | mean over 10 seeds | 81.5 | 81.66 ± 0.68 (n=10) | +0.16 |

            """, File.ReadAllText(path));
    }

    [Fact]
    public void AMissingResultsFolderIsAnError() =>
        Assert.Throws<DirectoryNotFoundException>(() => ResultsReadme.Render(Path.Combine(_results, "absent")));
}
