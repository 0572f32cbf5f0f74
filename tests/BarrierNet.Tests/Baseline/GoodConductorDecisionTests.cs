using BarrierNet.Core.Data;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Baseline;

/// <summary>The good/bad class decided apart from the regressed barrier (experiment rows for the accuracy).</summary>
public class GoodConductorDecisionTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    private static readonly DescriptorBaselineOptions Small = DescriptorBaselineOptions.ExtraTreesKernel with { Trees = 20, TargetTransform = BarrierScale.Sqrt };

    [Fact]
    public void TheBarrierIsTheRegressionsAndEveryHopCarriesADecidedClass()
    {
        var regression = DescriptorBaseline.Train(Bands, Small, seed: 3).Predict(Bands).Predictions;
        foreach (var decision in Enum.GetValues<ClassDecision>())
        {
            var p = GoodConductorDecision.Train(Bands, Small, decision, seed: 3).Predict(Bands).Predictions;
            Assert.Equal(regression.Select(r => r.Mean), p.Select(r => r.Mean));
            Assert.All(p, r => Assert.NotNull(r.GoodConductor));
        }
    }

    [Fact]
    public void TheClassifierRecallsItsTrainingClassesAndTheThresholdStaysNearTheCut()
    {
        // Extra trees with leaves of two on nine hops: on their own training hops most trees vote for the true class.
        var classified = GoodConductorDecision.Train(Bands, Small, ClassDecision.Classifier, seed: 3).Predict(Bands).Predictions;
        int right = Bands.Select((e, i) => (e.Target < RegressionMetrics.DefaultThreshold) == classified[i].GoodConductor).Count(x => x);
        Assert.True(right >= Bands.Count - 1, $"{right} of {Bands.Count}");
        var calibrated = GoodConductorDecision.Train(Bands, Small, ClassDecision.CalibratedThreshold, seed: 3);
        Assert.InRange(calibrated.Threshold, RegressionMetrics.DefaultThreshold - 0.3, RegressionMetrics.DefaultThreshold + 0.3);
        var p = calibrated.Predict(Bands).Predictions;
        Assert.All(p, r => Assert.Equal(r.Mean < calibrated.Threshold, r.GoodConductor));
    }
}
