using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class ConditionalCalibrationTests
{
    /// <summary>
    /// Synthetic out-of-fold residuals: errors ~ N(0, σ_true) with σ_true = 0.1 eV, except K hops (×3) whose reported
    /// σ does not say so, and, in the "random" split, a reported σ four times too small (the familiar-hop case): one
    /// scale cannot fit all.
    /// </summary>
    private static List<CalibrationResidual> Residuals(int perSource = 600, int seed = 1)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var ions = new[] { "Li", "Na", "K" };
        var list = new List<CalibrationResidual>();
        foreach (var source in new[] { "grouped", "random" })
            for (int i = 0; i < perSource; i++)
            {
                string ion = ions[i % 3];
                double target = 0.1 + 2.0 * rng.NextDouble();
                double trueSd = 0.1 * (ion == "K" ? 3 : 1);
                double reported = source == "random" ? 0.025 : 0.1; // the model does not know K hops are harder
                list.Add(new CalibrationResidual(target + trueSd * Normal(), reported, ion, target, source, $"hop{i}"));
            }
        return list;
    }

    private static double Coverage(ConditionalCalibration c, IEnumerable<CalibrationResidual> rs) =>
        rs.Average(r => { var (lo, hi) = c.Interval(r.Prediction, r.Sigma, r.Ion); return r.Target >= lo && r.Target <= hi ? 1.0 : 0.0; });

    [Fact]
    public void EveryIonAndSplitReachesTheLevelWhereOneScaleDoesNot()
    {
        var rs = Residuals();
        var grouped = rs.Where(r => r.Source == "grouped").ToList();
        var single = IntervalCalibration.Fit(grouped.Select(r => r.Prediction - r.Target).ToList(), grouped.Select(r => r.Sigma).ToList());
        double SingleCoverage(IEnumerable<CalibrationResidual> g) =>
            g.Average(r => { var (lo, hi) = single.Interval(r.Prediction, r.Sigma); return r.Target >= lo && r.Target <= hi ? 1.0 : 0.0; });
        Assert.True(SingleCoverage(rs.Where(r => r.Source == "random")) < 0.6); // the familiar-hop failure, reproduced
        Assert.True(SingleCoverage(grouped.Where(r => r.Ion == "K")) < 0.8);

        var c = ConditionalCalibration.Fit(rs);
        foreach (var g in rs.GroupBy(r => (r.Source, r.Ion)))
            Assert.InRange(Coverage(c, g), 0.86, 1.0);
        foreach (var g in rs.GroupBy(r => r.Source))
            Assert.InRange(Coverage(c, g), 0.89, 0.99);
        Assert.True(c.Ions["K"].Upper > 2 * c.Ions["Li"].Upper, "K's errors are three times larger");
        Assert.Equal(new[] { "grouped", "random" }, c.Sources.Keys);
    }

    [Fact]
    public void HeldOutResidualsOfTheSameProcessAreCovered()
    {
        var c = ConditionalCalibration.Fit(Residuals(seed: 1));
        var fresh = Residuals(seed: 2);
        foreach (var g in fresh.GroupBy(r => r.Ion)) Assert.InRange(Coverage(c, g), 0.85, 0.99);
    }

    [Fact]
    public void EveryJudgedGroupReachesTheLevelAndNoNarrowerLowerSideWould()
    {
        var rs = Residuals();
        var c = ConditionalCalibration.Fit(rs, tau: 0.05);
        Assert.True(c.WorstJudgedCoverage(rs) >= 0.9);
        // The multipliers are the smallest that hold: 3% less reach below the prediction drops some group under 90%.
        var narrower = c with { Ranges = c.Ranges.Select(f => f with { Lower = f.Lower * 0.97 }).ToList() };
        Assert.True(narrower.WorstJudgedCoverage(rs) < 0.9);
    }

    [Fact]
    public void RoundTripsThroughModelJsonAndStopsAtZero()
    {
        var dir = Directory.CreateTempSubdirectory("condcal").FullName;
        try
        {
            var c = ConditionalCalibration.Fit(Residuals());
            new ModelManifest { Kind = "gnn-head", ConditionalCalibration = c }.Write(dir);
            var back = ModelManifest.Read(dir).ConditionalCalibration!;
            Assert.Equal(PredictedBins.Quintiles, back.Bins);
            Assert.Equal(c.RangeEdges, back.RangeEdges);
            foreach (var (mean, sigma, ion) in new[] { (0.3, 0.05, "Li"), (1.0, 0.2, "K"), (2.0, 0.1, "Mg") })
                Assert.Equal(c.Interval(mean, sigma, ion), back.Interval(mean, sigma, ion));
            Assert.Equal(0, back.Predict(0.01, 0.5, "K").Lower90);
            var broken = back with { Ranges = Array.Empty<ConditionalCalibration.Factor>() };
            Assert.Contains("not a valid conditional_calibration", Assert.Throws<ArgumentException>(() => broken.Validate("model.json")).Message);
            var unordered = back with { RangeEdges = back.RangeEdges.Reverse().ToArray() };
            Assert.Contains("increasing range edges", Assert.Throws<ArgumentException>(() => unordered.Validate("model.json")).Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ACalibrationWithoutBinsReadsAsTheThresholdsItWasFittedWith()
    {
        const string json = """{"level":0.9,"sigma_floor":0.02,"tau":0.05,"range_edges":[0.65,1.5],"ranges":[{"lower":2,"upper":3,"n":1},{"lower":2,"upper":3,"n":1},{"lower":2,"upper":3,"n":1}]}""";
        var old = System.Text.Json.JsonSerializer.Deserialize<ConditionalCalibration>(json)!;
        Assert.Equal(PredictedBins.Thresholds, old.Bins);
        old.Validate("model.json");
    }

    [Fact]
    public void AnIonsFactorIsItsKnownErrorRatio()
    {
        // K hops err three times as much as Li and Na hops with the same reported σ, in both splits.
        var c = ConditionalCalibration.Fit(Residuals(perSource: 3000), tau: 0.0);
        foreach (var side in new Func<ConditionalCalibration.Factor, double>[] { f => f.Lower, f => f.Upper })
        {
            Assert.InRange(side(c.Ions["K"]) / side(c.Ions["Li"]), 2.6, 3.4);
            Assert.InRange(side(c.Ions["Na"]) / side(c.Ions["Li"]), 0.87, 1.15);
        }
    }

    /// <summary>
    /// One split whose errors grow with the barrier: N(0, 0.02 + 0.15·Em²) eV with a reported σ of 0.1 eV for every hop,
    /// barriers uniform in 0.1–1.5 eV, so most fall in the thresholds' one bin from 0.65 to 1.5 eV.
    /// </summary>
    private static List<CalibrationResidual> GrowingErrors(int n, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return Enumerable.Range(0, n).Select(i =>
        {
            double target = 0.1 + 1.4 * rng.NextDouble();
            return new CalibrationResidual(target + (0.02 + 0.15 * target * target) * Normal(), 0.1, "Li", target, "grouped", $"hop{i}");
        }).ToList();
    }

    [Fact]
    public void QuintileBinsHoldAlongThePredictedBarrierWhereThresholdBinsDoNot()
    {
        var fit = GrowingErrors(3000, seed: 3);
        var fresh = GrowingErrors(3000, seed: 4);
        var quintiles = ConditionalCalibration.Fit(fit, tau: 0.0);
        var thresholds = ConditionalCalibration.Fit(fit, tau: 0.0, bins: PredictedBins.Thresholds);
        Assert.Equal(PredictedBins.Quintiles, quintiles.Bins);
        Assert.Equal(4, quintiles.RangeEdges.Count);
        Assert.Equal(PredictedBinEdges.Thresholds, thresholds.RangeEdges);
        // Coverage of fresh hops in each fifth of the predictions.
        var fifths = fresh.OrderBy(r => r.Prediction).Chunk(fresh.Count / 5).ToList();
        foreach (var part in fifths) Assert.InRange(Coverage(quintiles, part), 0.85, 0.95);
        Assert.Contains(fifths, part => Coverage(thresholds, part) is < 0.85 or > 0.95);
    }

    [Fact]
    public void QuintileEdgesSplitTheResidualsEvenlyWhateverTheirOrder()
    {
        var rng = new Random(7);
        var predictions = Enumerable.Range(0, 1001).Select(_ => Math.Round(3 * rng.NextDouble() * rng.NextDouble(), 6)).ToArray();
        var edges = PredictedBinEdges.Of(PredictedBins.Quintiles, predictions);
        Assert.Equal(edges, PredictedBinEdges.Of(PredictedBins.Quintiles, predictions.Reverse()));
        Assert.Equal(4, edges.Count);
        var counts = predictions.GroupBy(p => edges.Count(e => p >= e)).Select(g => g.Count()).ToList();
        Assert.Equal(5, counts.Count);
        Assert.All(counts, n => Assert.InRange(n, 195, 205));
        Assert.Equal(PredictedBinEdges.Thresholds, PredictedBinEdges.Of(PredictedBins.Thresholds, predictions));
    }

    [Fact]
    public void AnIonNeverSeenGetsTheRangeScalesAlone()
    {
        var c = ConditionalCalibration.Fit(Residuals(), tau: 0.0);
        var (lo, hi) = c.Interval(1.0, 0.1, "Cs");
        int bin = c.RangeEdges.Count(e => 1.0 >= e);
        Assert.Equal(1.0 - c.Ranges[bin].Lower * 0.1, lo, 12);
        Assert.Equal(1.0 + c.Ranges[bin].Upper * 0.1, hi, 12);
    }

    /// <summary>
    /// Synthetic residuals of two splits with known quantiles: errors ~ N(0, 0.1 eV) everywhere; every grouped hop is
    /// novel and reports σ = 0.1; on the random split the familiar half reports σ = 0.025 (four times too small), the
    /// novel half σ = 0.1. The 95% quantile of |error| / σ is 1.645 for novel hops and 4 × 1.645 for familiar ones.
    /// </summary>
    private static List<CalibrationResidual> FamiliarityResiduals(int perSource = 800, int seed = 5)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var list = new List<CalibrationResidual>();
        foreach (var source in new[] { "grouped", "random" })
            for (int i = 0; i < perSource; i++)
            {
                double target = 0.1 + 2.0 * rng.NextDouble();
                bool familiar = source == "random" && i % 2 == 0;
                list.Add(new CalibrationResidual(target + 0.1 * Normal(), familiar ? 0.025 : 0.1, "Li", target, source, $"hop{i}", familiar));
            }
        return list;
    }

    private static double Coverage(ConditionalCalibration c, IEnumerable<CalibrationResidual> rs, bool useFamiliarity) => rs.Average(r =>
    {
        var (lo, hi) = c.Interval(r.Prediction, r.Sigma, r.Ion, useFamiliarity ? r.Familiar : null);
        return r.Target >= lo && r.Target <= hi ? 1.0 : 0.0;
    });

    [Fact]
    public void FamiliarHopsGetTheirOwnFactorAndNovelOnesStayNarrow()
    {
        var rs = FamiliarityResiduals();
        var c = ConditionalCalibration.Fit(rs, tau: 0.0);
        var k = c.Familiarity!;
        Assert.Equal(1.0, k.Novel.Upper, 12); // novel hops carry no extra factor
        Assert.InRange(k.Familiar.Upper, 3.3, 4.8); // the known ratio of the scales, 4
        Assert.InRange(k.Familiar.Lower, 3.3, 4.8);
        Assert.InRange(c.Ranges[1].Upper, 1.645 * 0.85, 1.645 * 1.2); // the normal 95% quantile
        foreach (var g in rs.GroupBy(r => (r.Source, r.Familiar)))
            Assert.InRange(Coverage(c, g, true), 0.86, 0.95);

        // Without the distinction the novel hops pay for the familiar ones: the grouped split is over-covered.
        var same = ConditionalCalibration.Fit(rs, tau: 0.0, byFamiliarity: false);
        Assert.Null(same.Familiarity);
        Assert.True(Coverage(same, rs.Where(r => r.Source == "grouped"), false) > 0.97);
        double Width(ConditionalCalibration cal, bool use) => rs.Where(r => r.Source == "grouped")
            .Average(r => { var (lo, hi) = cal.Interval(r.Prediction, r.Sigma, r.Ion, use ? r.Familiar : null); return hi - lo; });
        Assert.True(Width(c, true) < 0.7 * Width(same, false));
    }

    [Fact]
    public void AnUnknownHostIsScaledAsANovelOne()
    {
        var c = ConditionalCalibration.Fit(FamiliarityResiduals(), tau: 0.0);
        Assert.Equal(c.Interval(1.0, 0.1, "Li", false), c.Interval(1.0, 0.1, "Li", null));
        Assert.NotEqual(c.Interval(1.0, 0.1, "Li", false), c.Interval(1.0, 0.1, "Li", true));
        Assert.True(c.Predict(1.0, 0.1, "Li", true).Familiar);
        Assert.Null(c.Predict(1.0, 0.1, "Li").Familiar);
    }

    [Fact]
    public void FamiliarityFactorsRoundTripThroughModelJson()
    {
        var dir = Directory.CreateTempSubdirectory("condcal").FullName;
        try
        {
            var c = ConditionalCalibration.Fit(FamiliarityResiduals());
            new ModelManifest { Kind = "gnn-head", ConditionalCalibration = c }.Write(dir);
            var back = ModelManifest.Read(dir).ConditionalCalibration!;
            Assert.Equal(c.Familiarity, back.Familiarity);
            foreach (bool? familiar in new bool?[] { true, false, null })
                Assert.Equal(c.Interval(0.8, 0.05, "Li", familiar), back.Interval(0.8, 0.05, "Li", familiar));
            var broken = back with { Familiarity = back.Familiarity! with { Novel = null! } };
            Assert.Contains("not a valid conditional_calibration", Assert.Throws<ArgumentException>(() => broken.Validate("model.json")).Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TooFewResidualsIsAnError() =>
        Assert.Throws<ArgumentException>(() => ConditionalCalibration.Fit(Residuals().Take(9).ToList()));

    [Fact]
    public void CrossFittingPredictsEveryResidualWithoutItsOwnPart()
    {
        var rs = Residuals(perSource: 300);
        var cross = ConditionalRecalibration.CrossFit(rs, 0.9);
        Assert.Equal(rs.Count, cross.Length);
        Assert.All(cross, p => Assert.NotNull(p.Interval90));
        double coverage = rs.Select((r, i) => r.Target >= cross[i].Lower90 && r.Target <= cross[i].Upper90 ? 1.0 : 0.0).Average();
        Assert.InRange(coverage, 0.85, 0.97);
    }
}
