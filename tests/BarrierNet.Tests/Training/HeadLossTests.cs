using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using Xunit;
using static TorchSharp.torch;

namespace BarrierNet.Tests.Training;

/// <summary>The GNN's training loss: L1, Huber and the row weights, against values worked out by hand.</summary>
[Collection("torch")]
public class HeadLossTests
{
    public HeadLossTests() => TorchRuntime.EnsureLoadable();

    private static double Loss(HeadLoss loss, float[] pred, float[] y, float[]? w)
    {
        using var p = tensor(pred);
        using var t = tensor(y);
        using var weights = w is null ? null : tensor(w);
        using var value = HeadTrainer.LossOf(loss, p, t, weights);
        return value.item<float>();
    }

    [Fact]
    public void HuberIsQuadraticInsideDeltaAndHasTheL1SlopeBeyond()
    {
        double d = HeadRecipe.HuberDelta;
        // Errors 0.05 (inside δ = 0.1) and 1.0 (beyond): ½·0.05²/0.1 = 0.0125 and 1 − 0.05 = 0.95.
        Assert.Equal((0.5 * 0.05 * 0.05 / d + (1.0 - 0.5 * d)) / 2, Loss(HeadLoss.Huber, new[] { 1.05f, 3f }, new[] { 1f, 2f }, null), 5);
        Assert.Equal((0.05 + 1.0) / 2, Loss(HeadLoss.L1, new[] { 1.05f, 3f }, new[] { 1f, 2f }, null), 5);
    }

    [Fact]
    public void RowWeightsMakeAWeightedMeanAndEqualWeightsChangeNothing()
    {
        float[] pred = { 0.5f, 1f, 4f }, y = { 0.4f, 1.3f, 2f };
        double plain = Loss(HeadLoss.L1, pred, y, null);
        Assert.Equal(plain, Loss(HeadLoss.L1, pred, y, new[] { 2f, 2f, 2f }), 5);
        // Errors 0.1, 0.3, 2 weighted 1, 1, 2: (0.1 + 0.3 + 4) / 4.
        Assert.Equal((0.1 + 0.3 + 4.0) / 4, Loss(HeadLoss.L1, pred, y, new[] { 1f, 1f, 2f }), 5);
    }
}
