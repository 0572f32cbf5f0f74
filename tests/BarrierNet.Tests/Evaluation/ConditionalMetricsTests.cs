using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class ConditionalMetricsTests
{
    [Fact]
    public void RangesAreOfTheTargetAndEdgesBelongToTheHigherRange()
    {
        var t = new[] { 0.1, 0.65, 1.49, 1.5, 3.0 };
        var p = t.Select(x => new BarrierPrediction(x - 0.1, 0.1, x - 0.2, x + 0.2)).ToList();
        var rows = ConditionalMetrics.Compute(t, p, new[] { "Li", "Li", "Na", "Li", "Na" });
        Assert.Equal(new[] { "< 0.65", "0.65–1.5", "≥ 1.5" }, rows.Where(r => r.Group == "range").Select(r => r.Key));
        Assert.Equal(new[] { 1, 2, 2 }, rows.Where(r => r.Group == "range").Select(r => r.N));
        Assert.Equal(new[] { "Li", "Na" }, rows.Where(r => r.Group == "ion").Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal(-0.1, r.Bias, 12));
        Assert.All(rows, r => Assert.Equal(0.1, r.Mae, 12));
        Assert.All(rows, r => Assert.Equal(0.4, r.IntervalWidth90!.Value, 12));
        Assert.All(rows, r => Assert.Equal(1.0, r.Coverage90));
    }

    [Fact]
    public void WithoutIntervalsCoverageIsNull()
    {
        var rows = ConditionalMetrics.Compute(new[] { 0.5, 2.0 }, new[] { new BarrierPrediction(0.4), new BarrierPrediction(1.0) });
        Assert.All(rows, r => Assert.Null(r.Coverage90));
        Assert.Equal(-1.0, rows.Single(r => r.Key == "≥ 1.5").Bias, 12);
    }
}
