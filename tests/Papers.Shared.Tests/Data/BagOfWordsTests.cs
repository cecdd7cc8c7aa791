using System.Text;
using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

public class BagOfWordsTests
{
    [Fact]
    public void FeatIdsAreOneBasedInTheFileAndZeroBasedWhenRead()
    {
        using var folder = new TempFolder();
        var path = folder.Write("train.feat", Encoding.ASCII.GetBytes("1 68:1 2:12 3:4\n1 5:1\n1 \n"));

        var documents = BagOfWords.LoadFeat(path);

        Assert.Equal(3, documents.Count);
        Assert.Equal([67, 1, 2], documents[0].Ids);
        Assert.Equal([1, 12, 4], documents[0].Counts);
        Assert.Equal(17, documents[0].Length);
        Assert.Equal(1, documents[1].Label);
        Assert.Empty(documents[2].Ids);
    }

    [Theory]
    [InlineData("1 3:1\n1 0:2\n", "line 2: '0:2' is not id:count with a 1-based id and a positive count")]
    [InlineData("1 3:1 4\n", "line 1: '4' is not id:count")]
    [InlineData("1 3:-1\n", "line 1: '3:-1' is not id:count")]
    [InlineData("x 3:1\n", "line 1: label 'x' is not an integer")]
    [InlineData("1 3:1\n\n1 2:1\n", "line 2: empty line")]
    public void MalformedFeatLinesAreRefusedNamingFileAndLine(string text, string reason)
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad.feat", Encoding.ASCII.GetBytes(text));
        var e = Assert.Throws<InvalidDataException>(() => BagOfWords.LoadFeat(path));
        Assert.StartsWith($"{path}: {reason}", e.Message);
    }

    [Fact]
    public void VocabNewGivesTheWordOfEachLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write("vocab.new", Encoding.ASCII.GetBytes("_eos_ 0 \nwrite 0 \none 0 \n"));
        Assert.Equal(["_eos_", "write", "one"], BagOfWords.LoadVocab(path));

        var twice = folder.Write("twice.new", Encoding.ASCII.GetBytes("one 0 \none 0 \n"));
        Assert.Contains("'one' appears on more than one line", Assert.Throws<InvalidDataException>(() => BagOfWords.LoadVocab(twice)).Message);
    }

    [Fact]
    public void TokenDocumentsAreCountedThroughTheVocabulary()
    {
        using var folder = new TempFolder();
        var vocabulary = new Dictionary<string, long> { ["_eos_"] = 0, ["write"] = 1, ["one"] = 2, ["use"] = 3 };
        var path = folder.Write("test.txt", Encoding.ASCII.GetBytes("use write use use\none\n"));

        var documents = BagOfWords.LoadTokens(path, vocabulary);

        Assert.Equal([3, 1], documents[0].Ids);
        Assert.Equal([3, 1], documents[0].Counts);
        Assert.Equal([0f, 1, 0, 3, 0, 0, 1, 0], BagOfWords.ToDense(documents, 4));
        var unknown = folder.Write("oov.txt", Encoding.ASCII.GetBytes("one two\n"));
        Assert.Equal($"{unknown}: line 1: word 'two' is not in the vocabulary",
                     Assert.Throws<InvalidDataException>(() => BagOfWords.LoadTokens(unknown, vocabulary)).Message);
        Assert.Throws<ArgumentException>(() => BagOfWords.ToDense(documents, 3));
    }

    [DataTheory("20news_prodlda/nvdm_feat/train.feat", "20news_prodlda/nvdm_feat/test.feat")]
    [InlineData("train.feat", 11259, 991_493)]
    [InlineData("test.feat", 7488, 629_312)]
    public void NewsgroupsFeatFilesHaveTheRecordedDocumentsAndTokens(string file, int lines, int tokens)
    {
        var documents = BagOfWords.LoadFeat(DataFiles.Get($"20news_prodlda/nvdm_feat/{file}"));

        Assert.Equal(lines, documents.Count);
        Assert.Equal(tokens, documents.Sum(d => d.Length));
        Assert.Equal([documents.Count - 1], documents.Select((d, i) => (d, i)).Where(x => x.d.Ids.Length == 0).Select(x => x.i));
        Assert.All(documents, d => Assert.All(d.Ids, id => Assert.InRange(id, 1, 1994)));
    }

    [DataFact("20news_prodlda/akashgit/test.txt", "20news_prodlda/akashgit/vocab.pkl", "20news_prodlda/nvdm_feat/vocab.new", "20news_prodlda/nvdm_feat/test.feat")]
    public void NewsgroupsTestFeatIsTheBagOfWordsOfTestTxtThroughVocabPkl()
    {
        var vocabulary = Pickle.LoadVocabulary(DataFiles.Get("20news_prodlda/akashgit/vocab.pkl"));
        var words = BagOfWords.LoadVocab(DataFiles.Get("20news_prodlda/nvdm_feat/vocab.new"));
        Assert.Equal(words.Select((w, i) => (w, (long)i)).OrderBy(p => p.w, StringComparer.Ordinal),
                     vocabulary.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));

        var fromTokens = BagOfWords.LoadTokens(DataFiles.Get("20news_prodlda/akashgit/test.txt"), vocabulary);
        var fromFeat = BagOfWords.LoadFeat(DataFiles.Get("20news_prodlda/nvdm_feat/test.feat"))[..^1];
        Assert.Equal(7487, fromTokens.Count);
        // Same documents, same counts; the pairs' order differs between the two files.
        Assert.Equal(fromTokens.Select(Sorted), fromFeat.Select(Sorted));
    }

    private static string Sorted(BagOfWordsDocument document) =>
        string.Join(' ', document.Ids.Zip(document.Counts).Order().Select(p => $"{p.First}:{p.Second}"));
}
