using BarrierNet.Model.Apps;
using Xunit;

namespace BarrierNet.Tests.Apps;

public class HopSuggesterTests
{
    private static HopCandidate C(string file, double e, double s, double length = 3) =>
        new(file, "Li1", "Li1", length, null!, e, s);

    [Fact]
    public void StrategiesRankByTheirOwnCriterion()
    {
        var hops = new[] { C("a", 0.2, 0.05), C("b", 0.66, 0.10), C("c", 1.5, 0.40) };
        Assert.Equal("c", HopSuggester.Suggest(hops, 1, "uncertainty")[0].Candidate.File);
        Assert.Equal("b", HopSuggester.Suggest(hops, 1, "threshold")[0].Candidate.File);
        Assert.Equal("a", HopSuggester.Suggest(hops, 1, "ucb")[0].Candidate.File);
    }

    [Fact]
    public void ABatchSpreadsOverStructuresBeforeRepeatingOne()
    {
        var hops = Enumerable.Range(0, 5).Select(i => C("big", 1.0, 0.5 - 0.01 * i))
            .Append(C("small", 1.0, 0.1)).Append(C("tiny", 1.0, 0.05)).ToList();
        var chosen = HopSuggester.Suggest(hops, 4, "uncertainty");
        Assert.Equal(new[] { "big", "small", "tiny", "big" }, chosen.Select(s => s.Candidate.File));
        Assert.Equal(7, HopSuggester.Suggest(hops, 50, "uncertainty").Count);
        Assert.Throws<ArgumentException>(() => HopSuggester.Suggest(hops, 0, "ucb"));
        Assert.Throws<ArgumentException>(() => HopSuggester.Score("random", 1, 1, 0.65));
    }

    [Fact]
    public void ACalibratedIntervalGivesSigmaInEVAndUcbScoresItsLowerEnd()
    {
        // Spread 0.05 scaled by the calibration to a 90% interval of ±0.3 eV, cut at 0 eV below.
        var cal = new BarrierNet.Model.Evaluation.IntervalCalibration(0.9, 6.0, 0.02, 100);
        var p = cal.Predict(0.2, 0.05);
        Assert.Equal(0.0, p.Lower90);
        double sigma = HopSuggester.Sigma(p)!.Value;
        Assert.Equal(0.3 / 1.6448536269514722, sigma, 12);
        Assert.Equal(-(0.2 - 0.3), HopSuggester.Score("ucb", p.Mean, sigma, 0.65), 12);
        // Without an interval the raw spread is all there is; without either, nothing.
        Assert.Equal(0.05, HopSuggester.Sigma(new BarrierNet.Model.Evaluation.BarrierPrediction(0.2, 0.05)));
        Assert.Null(HopSuggester.Sigma(new BarrierNet.Model.Evaluation.BarrierPrediction(0.2)));
    }
}
