using System.Text;
using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.Shared.Sweeps;

/// <summary>
/// The merge's first half: every task of the plan must have finished (a missing or failed one is named, with its log),
/// then each run-log table of the shards (<c>checkpoints/runs.csv</c>, <c>curves.csv</c>, ...; <see cref="RunLog{TRun, TKey}.IsTable"/>) is laid end to end in
/// task order into <c>merged/checkpoints/</c>. The paper then tabulates from there with <c>--resume</c>, through the
/// very code a single-process run takes, so the tables do not depend on which task finished first.
/// </summary>
public static class ShardLogs
{
    /// <summary>The tasks of <paramref name="plan"/> that have not finished, each with its flags, its reason and its log.</summary>
    public static IReadOnlyList<string> Unfinished(string sweep, SweepPlan plan, IReadOnlyDictionary<int, string>? failures = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. Enumerable.Range(0, plan.Tasks.Count)
            .Where(i => !SweepPlan.Finished(sweep, i))
            .Select(i => $"task {i} ({plan.Tasks[i]}): {(failures?.GetValueOrDefault(i) ?? "no manifest.json, so it did not finish")}; log {SweepPlan.LogFile(sweep, i)}")];
    }

    /// <summary>
    /// Writes the merged run log of a sweep whose every task finished, and returns its folder. A shard table whose
    /// header differs from the first shard's is an error (the tasks ran different code). <paramref name="failures"/>
    /// says why a task did not finish, where the backend knows (its exit code).
    /// </summary>
    public static string Merge(string sweep, SweepPlan plan, IReadOnlyDictionary<int, string>? failures = null)
    {
        var unfinished = Unfinished(sweep, plan, failures);
        if (unfinished.Count > 0)
            throw new InvalidOperationException($"cannot merge {sweep}: {unfinished.Count} of {plan.Tasks.Count} tasks have not finished:\n  " + string.Join("\n  ", unfinished));
        var merged = Path.Combine(SweepPlan.MergedFolder(sweep), "checkpoints");
        if (Directory.Exists(merged)) Directory.Delete(merged, recursive: true);
        Directory.CreateDirectory(merged);
        var tables = new SortedDictionary<string, (string Header, StringBuilder Body, int From)>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Tasks.Count; i++)
        {
            var log = Path.Combine(SweepPlan.ShardFolder(sweep, i), "checkpoints");
            if (!Directory.Exists(log)) continue;
            foreach (var file in Directory.EnumerateFiles(log, "*.csv").Where(f => RunLog<object, object>.IsTable(Path.GetFileName(f))).Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                var end = text.IndexOf('\n') + 1;
                if (end == 0) throw new InvalidDataException($"{file} has no header line");
                var (header, body) = (text[..end], text[end..]);
                var name = Path.GetFileName(file);
                if (!tables.TryGetValue(name, out var table)) tables[name] = table = (header, new StringBuilder(), i);
                else if (table.Header != header)
                    throw new InvalidDataException($"{name} of task {i} has the header {header.TrimEnd()}, task {table.From}'s has {table.Header.TrimEnd()}");
                table.Body.Append(body);
            }
        }
        foreach (var (name, table) in tables) AtomicFile.WriteAllText(Path.Combine(merged, name), table.Header + table.Body);
        // Never empty, even when no task logged a run (every dataset missing): --resume refuses an empty folder.
        AtomicFile.WriteAllText(Path.Combine(merged, "shards.txt"),
            string.Concat(plan.Tasks.Select((flags, i) => $"{i}\t{flags}\t{SweepPlan.ShardFolder(sweep, i)}\n")));
        return merged;
    }
}
