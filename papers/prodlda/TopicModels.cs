namespace Papers.ProdLda;

/// <summary>The models of Tables 1 and 2 that this repository runs, by their command-line names.</summary>
public static class TopicModels
{
    public const string ProdLda = "prodlda";
    public const string NvLda = "nvlda";
    public const string GibbsLda = "lda-gibbs";

    public static readonly string[] Names = [ProdLda, NvLda, GibbsLda];

    public static string Of(Decoder decoder) => decoder == Decoder.ProdLda ? ProdLda : NvLda;
}
