using BarrierNet.Model.Baseline;
using Xunit;

namespace BarrierNet.Tests.Baseline;

public class TargetDensityWeightsTests
{
    // Forty ordinary barriers spread over 0.2–0.8 and three far out: the skew of the training data in miniature.
    private static readonly double[] Skewed = Enumerable.Range(0, 40).Select(i => 0.2 + 0.015 * i).Concat(new[] { 2.0, 3.0, 6.0 }).ToArray();

    [Fact]
    public void PowerZeroWeighsEveryBarrierAlike()
    {
        Assert.All(TargetDensityWeights.Of(Skewed, 0), w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void RareBarriersWeighMoreAndTheWeightsAverageOne()
    {
        var w = TargetDensityWeights.Of(Skewed, 0.5);
        Assert.Equal(1.0, w.Average(), 12);
        Assert.All(w, v => Assert.True(v > 0));
        double ordinary = w.Take(40).Max();
        Assert.All(w.Skip(40), v => Assert.True(v > 2 * ordinary, $"rare weight {v} vs ordinary {ordinary}"));
        // A stronger power separates them further.
        var w1 = TargetDensityWeights.Of(Skewed, 1);
        Assert.True(w1[^1] / w1[20] > w[^1] / w[20]);
    }

    [Fact]
    public void NoWeightExceedsTenTimesTheMedian()
    {
        var w = TargetDensityWeights.Of(Skewed, 2);
        double median = w.Order().ElementAt(w.Length / 2);
        Assert.All(w, v => Assert.True(v <= TargetDensityWeights.MaxRatio * median + 1e-9));
        Assert.Equal(TargetDensityWeights.MaxRatio * median, w.Max(), 9); // the isolated 6 eV barrier is capped
    }

    [Fact]
    public void WeightsFollowTheirBarriersWhateverTheOrder()
    {
        var w = TargetDensityWeights.Of(Skewed, 0.5);
        var reversed = TargetDensityWeights.Of(Skewed.Reverse().ToArray(), 0.5);
        for (int i = 0; i < w.Length; i++) Assert.Equal(w[i], reversed[w.Length - 1 - i], 12);
    }
}
