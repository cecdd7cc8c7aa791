using System.Globalization;
using Papers.Shared.Data;
using Papers.Shared.Repro;

namespace Papers.ProdLda;

/// <summary>One of the authors' published runs: its topics' top words and the NPMI their script printed.</summary>
public sealed record AuthorsRun(int Topics, int Run, string[][] Words, double[] TheirNpmi, double TheirAverage);

/// <summary>
/// The authors' published ProdLDA topics (coherence_from_paper_script/AVTIM_50, AVTIM_200): per run, one line
/// per topic <c>[npmi] w1 ... w10</c>, closed by <c>Average Topic Coherence = x</c>; other lines are the script's log.
/// </summary>
public static class AuthorsTopics
{
    public static IReadOnlyList<AuthorsRun> Load(int topics) => Parse(File.ReadAllLines(DataFiles.Get(DataPath(topics))), topics);

    /// <summary>The authors' files for each of <paramref name="topics"/>, checked before the first step.</summary>
    public static IEnumerable<Prerequisite> Prerequisites(IEnumerable<int> topics) => topics.Select(k => Prerequisite.DataFile(DataPath(k)));

    private static string DataPath(int topics) => $"20news_prodlda/authors_topics/AVTIM_{topics}";

    public static IReadOnlyList<AuthorsRun> Parse(IEnumerable<string> lines, int topics)
    {
        var runs = new List<AuthorsRun>();
        var (words, npmi) = (new List<string[]>(), new List<double>());
        foreach (var line in lines.Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
            {
                var close = line.IndexOf(']');
                npmi.Add(double.Parse(line[1..close], CultureInfo.InvariantCulture));
                words.Add(line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (line.StartsWith("Average Topic Coherence", StringComparison.Ordinal))
            {
                if (words.Count != topics) throw new InvalidDataException($"AVTIM_{topics}: run {runs.Count + 1} lists {words.Count} topics, not {topics}");
                var average = double.Parse(line[(line.IndexOf('=') + 1)..], CultureInfo.InvariantCulture);
                runs.Add(new AuthorsRun(topics, runs.Count + 1, words.ToArray(), npmi.ToArray(), average));
                (words, npmi) = (new List<string[]>(), new List<double>());
            }
        }
        if (runs.Count == 0) throw new InvalidDataException($"AVTIM_{topics}: no run closed by 'Average Topic Coherence'");
        return runs;
    }

    /// <summary>Every topic of <paramref name="runs"/> as a topics.csv row, scored by our NPMI over the training and the test documents.</summary>
    public static List<TopicRow> Score(IReadOnlyList<AuthorsRun> runs, IReadOnlyList<string> vocabulary, Npmi train, Npmi test)
    {
        var ids = vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
        return runs.SelectMany(run => run.Words.Select((words, k) =>
        {
            var topic = Ids(words, ids);
            return new TopicRow(TopicSources.Authors, TopicModels.ProdLda, run.Topics, run.Run, k, train.Topic(topic), test.Topic(topic), string.Join(' ', words));
        })).ToList();
    }

    /// <summary>A topic's words as ids of <paramref name="vocabulary"/>; every published word is in the 1995-word vocabulary.</summary>
    public static int[] Ids(string[] words, IReadOnlyDictionary<string, int> vocabulary) =>
        words.Select(w => vocabulary.TryGetValue(w, out var id) ? id : throw new InvalidDataException($"published topic word '{w}' is not in the vocabulary")).ToArray();
}
