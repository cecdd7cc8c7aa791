using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT.Tests;

public class EmaTests
{
    [Fact]
    public void UpdateMovesEachShadowByOneMinusDecay()
    {
        using var bn = new BatchNorm(2);
        using var ema = new Ema(bn, 0.75);
        using (no_grad())
        {
            bn.get_parameter("gamma").copy_(tensor(new[] { 5f, 9f }));
            bn.get_parameter("beta").copy_(tensor(new[] { -4f, 8f }));
        }
        ema.Update();                                          // shadow = ¾ · initial + ¼ · current
        AssertClose.Equal(new[] { 2f, 3f }, ema.get_buffer("gamma").data<float>(), 1e-7);
        AssertClose.Equal(new[] { -1f, 2f }, ema.get_buffer("beta").data<float>(), 1e-7);
        ema.Update();
        AssertClose.Equal(new[] { 2.75f, 4.5f }, ema.get_buffer("gamma").data<float>(), 1e-6);
    }

    [Fact]
    public void TeacherRefreshTakesAveragedWeightsAndLiveStatistics()
    {
        using var model = new BatchNorm(2);
        using var teacher = new BatchNorm(2);
        using var ema = new Ema(model, 0.5);
        using (no_grad())
        {
            model.get_parameter("gamma").copy_(tensor(new[] { 3f, 5f }));
            model.get_buffer("mean").copy_(tensor(new[] { 0.25f, -0.5f }));   // batch-norm statistics are not averaged
        }
        ema.Update();
        ema.CopyTo(teacher, model);
        AssertClose.Equal(new[] { 2f, 3f }, teacher.get_parameter("gamma").data<float>(), 1e-7);
        AssertClose.Equal(new[] { 0.25f, -0.5f }, teacher.get_buffer("mean").data<float>(), 0);
        using (no_grad()) model.get_parameter("gamma").copy_(tensor(new[] { 7f, 7f }));
        AssertClose.Equal(new[] { 2f, 3f }, teacher.get_parameter("gamma").data<float>(), 1e-7);  // a copy, not a view
    }
}
