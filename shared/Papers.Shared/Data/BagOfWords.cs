using System.Globalization;

namespace Papers.Shared.Data;

/// <summary>One document as word ids (0-based vocabulary lines) and how often each occurs, in file order.</summary>
public sealed record BagOfWordsDocument(int Label, int[] Ids, int[] Counts)
{
    public int Length => Counts.Sum();
}

/// <summary>
/// The bag-of-words text formats of the ProdLDA data: NVDM's <c>.feat</c> (SVMlight-style
/// <c>label id:count id:count ...</c>, ids 1-based), its <c>vocab.new</c> (line i: <c>word count</c>, the word with
/// id i), and plain token documents (one document a line, space-separated words) mapped through a vocabulary.
/// </summary>
public static class BagOfWords
{
    /// <summary>
    /// Reads a <c>.feat</c> file. Ids are 1-based in the file, as SVMlight writes them, and returned 0-based, so that
    /// id k is line k of vocab.new. Documents without words (a line holding only its label) are kept.
    /// </summary>
    public static List<BagOfWordsDocument> LoadFeat(string path)
    {
        var documents = new List<BagOfWordsDocument>();
        var lines = Lines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) throw Bad(path, i, "empty line (a document needs at least its label)");
            if (!int.TryParse(fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
                throw Bad(path, i, $"label '{fields[0]}' is not an integer");
            var ids = new int[fields.Length - 1];
            var counts = new int[fields.Length - 1];
            for (var k = 1; k < fields.Length; k++)
            {
                var pair = fields[k].Split(':');
                if (pair.Length != 2 || !int.TryParse(pair[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1
                    || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
                    throw Bad(path, i, $"'{fields[k]}' is not id:count with a 1-based id and a positive count");
                ids[k - 1] = id - 1;
                counts[k - 1] = count;
            }
            documents.Add(new BagOfWordsDocument(label, ids, counts));
        }
        return documents;
    }

    /// <summary>Reads <c>vocab.new</c>: line i is <c>word count</c>, and word i is the word of id i.</summary>
    public static string[] LoadVocab(string path)
    {
        var lines = Lines(path);
        var words = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2 || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw Bad(path, i, $"'{lines[i]}' is not 'word count'");
            words[i] = fields[0];
        }
        var duplicate = words.GroupBy(w => w).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{path}: word '{duplicate.Key}' appears on more than one line");
        return words;
    }

    /// <summary>
    /// Reads token documents (ProdLDA's test.txt): each line a document of space-separated words, counted through
    /// <paramref name="vocabulary"/> (word → id). Ids appear in order of first occurrence. A word not in the
    /// vocabulary is an error, since the corpus was built from that vocabulary.
    /// </summary>
    public static List<BagOfWordsDocument> LoadTokens(string path, IReadOnlyDictionary<string, long> vocabulary)
    {
        var documents = new List<BagOfWordsDocument>();
        var lines = Lines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var slots = new Dictionary<long, int>();
            var (ids, counts) = (new List<int>(), new List<int>());
            foreach (var word in lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!vocabulary.TryGetValue(word, out var id)) throw Bad(path, i, $"word '{word}' is not in the vocabulary");
                if (slots.TryGetValue(id, out var slot))
                {
                    counts[slot]++;
                    continue;
                }
                slots[id] = ids.Count;
                ids.Add(checked((int)id));
                counts.Add(1);
            }
            documents.Add(new BagOfWordsDocument(0, ids.ToArray(), counts.ToArray()));
        }
        return documents;
    }

    /// <summary>The document-term count matrix, row-major [documents, vocabularySize].</summary>
    public static float[] ToDense(IReadOnlyList<BagOfWordsDocument> documents, int vocabularySize)
    {
        var dense = new float[(long)documents.Count * vocabularySize];
        for (var d = 0; d < documents.Count; d++)
        {
            var (ids, counts) = (documents[d].Ids, documents[d].Counts);
            for (var k = 0; k < ids.Length; k++)
            {
                if ((uint)ids[k] >= (uint)vocabularySize)
                    throw new ArgumentException($"document {d} has word id {ids[k]}, outside a vocabulary of {vocabularySize}");
                dense[(long)d * vocabularySize + ids[k]] += counts[k];
            }
        }
        return dense;
    }

    // Lines without their terminators; the newline ending the last line does not start another.
    private static string[] Lines(string path)
    {
        var lines = File.ReadAllText(path).Split('\n');
        if (lines[^1].Length == 0) lines = lines[..^1];
        return lines.Select(l => l.TrimEnd('\r')).ToArray();
    }

    private static InvalidDataException Bad(string path, int line, string what) => new($"{path}: line {line + 1}: {what}");
}
