using BarrierNet.Model.Evaluation;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class TargetScaleTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("log1p")]
    [InlineData("sqrt")]
    public void BarriersSurviveTheRoundTripThroughEachScale(string name)
    {
        var scale = ChoiceNames.Parse<BarrierScale>(name, "scale");
        foreach (var em in new[] { 0.0, 0.05, 0.3, 0.65, 1.0, 2.7, 8.8 })
            Assert.Equal(em, TargetScale.ToBarrier(scale, TargetScale.ToFitted(scale, em)), 12);
    }

    [Fact]
    public void NegativeBarriersAreFittedAsZeroAndNeverPredictedOnTheSqrtScale()
    {
        Assert.Equal(0, TargetScale.ToFitted(BarrierScale.Sqrt, -0.2));
        Assert.Equal(0, TargetScale.ToFitted(BarrierScale.Log1p, -0.2));
        Assert.Equal(0, TargetScale.ToBarrier(BarrierScale.Sqrt, -0.3)); // a kernel can undershoot √Em = 0
        Assert.Equal(0.09, TargetScale.ToBarrier(BarrierScale.Sqrt, 0.3), 12);
    }

    [Theory]
    [InlineData("log1p")]
    [InlineData("sqrt")]
    public void AFittedStandardDeviationBecomesEVByTheSlopeOfTheInverse(string name)
    {
        var scale = ChoiceNames.Parse<BarrierScale>(name, "scale");
        // Delta method: σ(Em) = σ(fitted) · dEm/d(fitted), checked by a central difference at each barrier.
        const double s = 0.1, h = 1e-6;
        foreach (var em in new[] { 0.1, 0.65, 2.0, 6.0 })
        {
            double f = TargetScale.ToFitted(scale, em);
            double slope = (TargetScale.ToBarrier(scale, f + h) - TargetScale.ToBarrier(scale, f - h)) / (2 * h);
            Assert.Equal(s * slope, TargetScale.StdToBarrier(scale, s, em), 6);
        }
        Assert.Equal(0.25, TargetScale.StdToBarrier(BarrierScale.None, 0.25, 3.0));
    }
}
