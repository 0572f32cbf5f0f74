using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using Xunit;

namespace BarrierNet.Tests.Apps;

/// <summary>Known physics the predictions must not contradict, with the shipped model and with a stand-in.</summary>
public class HonestHopsTests
{
    private static string Physics(string name) => RepoPaths.Fixture("physics", name);

    private static readonly Lazy<IBarrierPredictor> Shipped = new(() => BarrierModelLoader.Load(ModelPaths.HeadDirectory(ModelPaths.DefaultHead)));

    private static MaterialReport PredictShipped(string file, double maxHop = 5) =>
        new MaterialPredictor(Shipped.Value, new HopOptions(MaxHop: maxHop)).Predict(StructureReader.Read(Physics(file)), file);

    [Fact]
    public void NaClVacancyHopIsNotCalledGoodAndItsIntervalHoldsTheLiteratureBarrier()
    {
        var r = PredictShipped("NaCl.cif");
        var hop = Assert.Single(r.Hops);
        Assert.Equal(3.988, hop.Hop.Length, 3);
        Assert.False(hop.PathBlocked);
        Assert.NotEqual(BarrierClass.Good, hop.Class);
        Assert.NotEqual(BarrierClass.Good, r.Class);
        var (lo, hi) = hop.Prediction.Interval90!.Value;
        Assert.True(lo <= 0.65 && hi >= 0.8, $"interval [{lo}, {hi}] misses the literature 0.65–0.8 eV");
    }

    [Fact]
    public void Li2OOpenVacancyHopHoldsItsBarrierHopThroughOxygenIsBlocked()
    {
        var r = PredictShipped("POSCAR_Li2O");
        var open = r.Hops.Single(h => Math.Abs(h.Hop.Length - 2.3115) < 0.01);
        Assert.False(open.PathBlocked);
        Assert.Equal(1.634, open.Hop.Bottleneck, 2);
        var (lo, hi) = open.Prediction.Interval90!.Value;
        Assert.True(lo <= 0.3 && 0.3 <= hi, $"interval [{lo}, {hi}] misses the computed 0.3 eV");
        var through = r.Hops.Where(h => h.Hop.Bottleneck < 0.01).ToList();
        Assert.NotEmpty(through);
        Assert.All(through, h => { Assert.True(h.PathBlocked); Assert.NotEqual(BarrierClass.Good, h.Class); });
    }

    [Fact]
    public void CsMetalIsRefusedWithAReason()
    {
        var s = StructureReader.Read(Physics("POSCAR_Cs_bcc"));
        var predictor = new MaterialPredictor(new LengthModel(), new HopOptions(MaxHop: 6));
        var e = Assert.Throws<HopException>(() => predictor.Prepare(s, "Cs"));
        Assert.Contains("no atoms besides Cs", e.Message);
        var (report, error) = predictor.PredictMany(new[] { (s, "Cs") })[0];
        Assert.Null(report);
        Assert.Contains("metal", error);
    }

    [Fact]
    public void IntermetallicIsRefusedAnIonNotTrainedOnToo()
    {
        // LiAl-like: Li and Al on a CsCl lattice; with Li as the ion, Al is the host and no anion.
        var s = PoscarReader.Read("LiAl\n1.0\n3.2 0 0\n0 3.2 0\n0 0 3.2\nLi Al\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n");
        var reason = IonicHost.Refusal(HopAnalysis.Analyze(s, new HopOptions("Li")).Framework);
        Assert.NotNull(reason);
        var lfp = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        Assert.Contains("not a mobile ion", IonicHost.Refusal(HopAnalysis.Analyze(lfp, new HopOptions("Fe")).Framework));
        Assert.Null(IonicHost.Refusal(HopAnalysis.Analyze(lfp).Framework));
    }

    [Fact]
    public void HopThroughAnAtomIsBlockedNeverGoodEvenWhenTheModelSaysLow()
    {
        // The stand-in predicts 0.2 eV/Å × length with σ 0.05: every hop here would read good.
        var s = StructureReader.Read(Physics("POSCAR_Li_through_O"));
        var r = new MaterialPredictor(new LengthModel(), new HopOptions()).Predict(s, "chain");
        var through = r.Hops.Single(h => h.Hop.Length < 2.01 && h.Hop.Bottleneck < 1e-9);
        Assert.True(through.PathBlocked);
        Assert.Equal(BarrierClass.Uncertain, through.Class);
        Assert.All(r.Hops.Where(h => !h.PathBlocked && h.Prediction.Interval90!.Value.Upper < 0.65), h => Assert.Equal(BarrierClass.Good, h.Class));
    }

    [Fact]
    public void AHopThroughAnAtomDoesNotCarryThePercolationNetwork()
    {
        // The 2 Å hops along c alternate: one through the O at z = 0.25 (blocked), one clear. With the stand-in's
        // 0.4 eV for both, the chain would percolate at 0.4 eV; without the blocked hop it needs the 4 Å hops.
        var s = StructureReader.Read(Physics("POSCAR_Li_through_O"));
        var r = new MaterialPredictor(new LengthModel(), new HopOptions()).Predict(s, "chain");
        var through = r.Hops.Single(h => h.PathBlocked && Math.Abs(h.Hop.Length - 2.0) < 1e-6);
        Assert.Contains(r.Hops, h => !h.PathBlocked && Math.Abs(h.Hop.Length - 2.0) < 1e-6);
        var alongA = r.Hops.Single(h => !h.PathBlocked && Math.Abs(h.Hop.Length - 4.0) < 1e-6);
        Assert.Equal(alongA.Prediction.Mean, r.PercolationBarrier!.Value, 9);
        Assert.True(r.PercolationBarrier > through.Prediction.Mean);
    }

    [Theory]
    [InlineData(0.30, 0.20, 0.40, false, "good")]
    [InlineData(0.30, 0.20, 0.70, false, "uncertain")]  // interval straddles 0.65
    [InlineData(0.90, 0.70, 1.10, false, "bad")]
    [InlineData(0.60, 0.64, 0.66, false, "uncertain")]
    [InlineData(0.30, 0.20, 0.40, true, "uncertain")]   // blocked path: never good
    [InlineData(0.90, 0.70, 1.10, true, "bad")]
    public void ClassValues(double mean, double lo, double hi, bool blocked, string expected) =>
        Assert.Equal(expected, BarrierClass.Of(new BarrierPrediction(mean, null, lo, hi), 0.65, blocked));

    [Fact]
    public void WithoutAnIntervalTheClassIsTheMeanAgainstTheThreshold()
    {
        Assert.Equal("good", BarrierClass.Of(new BarrierPrediction(0.64), 0.65));
        Assert.Equal("bad", BarrierClass.Of(new BarrierPrediction(0.65), 0.65));
    }
}
