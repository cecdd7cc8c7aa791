using Papers.Shared.Data;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.ProdLda;

/// <summary>
/// A bag-of-words corpus: each document's word ids and counts, over a vocabulary. ProdLDA's 20 Newsgroups
/// (<c>20news_clean</c>) as run.py builds it: V = 1995, empty documents dropped.
/// </summary>
public sealed record Corpus(string Name, string[] Vocabulary, IReadOnlyList<BagOfWordsDocument> Documents)
{
    public int V => Vocabulary.Length;

    public int Count => Documents.Count;

    public long Tokens => Documents.Sum(d => (long)d.Length);

    /// <summary>The document-term count matrix as a float32 tensor [D, V].</summary>
    public Tensor ToTensor() => tensor(BagOfWords.ToDense(Documents, V), [Count, V]);

    private const string VocabularyFile = "20news_prodlda/nvdm_feat/vocab.new";
    private const string TrainFile = "20news_prodlda/nvdm_feat/train.feat";
    private const string TestFile = "20news_prodlda/nvdm_feat/test.feat";

    /// <summary>The files <see cref="TwentyNewsgroups"/> reads, checked before the first step.</summary>
    public static IEnumerable<Prerequisite> Prerequisites => [Prerequisite.DataFile(VocabularyFile), Prerequisite.DataFile(TrainFile), Prerequisite.DataFile(TestFile)];

    /// <summary>The training and test documents of 20 Newsgroups (NVDM's .feat files, the authors' corpus: see the data README).</summary>
    public static (Corpus Train, Corpus Test) TwentyNewsgroups()
    {
        var vocabulary = BagOfWords.LoadVocab(DataFiles.Get(VocabularyFile));
        return (Load("20ng-train", DataFiles.Get(TrainFile), vocabulary), Load("20ng-test", DataFiles.Get(TestFile), vocabulary));
    }

    // run.py: `[onehot(doc) for doc in data if np.sum(doc) != 0]`: documents without words are dropped.
    private static Corpus Load(string name, string path, string[] vocabulary)
    {
        var documents = BagOfWords.LoadFeat(path).Where(d => d.Length > 0).ToList();
        foreach (var d in documents)
            if (d.Ids.Any(id => id >= vocabulary.Length))
                throw new InvalidDataException($"{path}: word id outside the {vocabulary.Length}-word vocabulary");
        return new Corpus(name, vocabulary, documents);
    }
}
