using Papers.Shared.Data;
using Xunit.Abstractions;

namespace Papers.ProdLda.Tests;

/// <summary>Whether ProdLDA's 20 Newsgroups files are present; tests on real data print why they skip when they are not.</summary>
internal static class NewsgroupsData
{
    public static bool Available(ITestOutputHelper output)
    {
        if (DataFiles.Find("20news_prodlda/nvdm_feat/train.feat") is not null) return true;
        output.WriteLine("SKIPPED: 20news_prodlda/nvdm_feat/* not found (set PAPERS_DATA or see the data README)");
        return false;
    }
}
