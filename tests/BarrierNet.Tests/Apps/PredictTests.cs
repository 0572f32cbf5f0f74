using System.Text.Json;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using Xunit;

namespace BarrierNet.Tests.Apps;

public class PredictTests
{
    [Fact]
    public void OlivineHopsGetBarriersAndOneDimensionalPercolation()
    {
        var s = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var report = new MaterialPredictor(new LengthModel(), new HopOptions()).Predict(s, "LiFePO4");
        Assert.Equal("Li", report.Analysis.Ion);
        Assert.Equal(2, report.Hops.Count);
        // Barriers follow the stand-in model exactly and come sorted.
        Assert.All(report.Hops, h => Assert.Equal(0.2 * h.Hop.Length, h.Prediction.Mean, 6));
        Assert.True(report.Hops[0].Prediction.Mean <= report.Hops[1].Prediction.Mean);
        // The 3.03 Å hops form the b-axis channels: 1D percolation at the lowest barrier, 2D only with the longer hop.
        Assert.Equal(report.Hops[0].Prediction.Mean, report.Percolation.OneD!.Value, 9);
        Assert.Equal(report.Hops[1].Prediction.Mean, report.Percolation.TwoD!.Value, 9);
        // 0.2 × 3.03 = 0.61 < 0.65, but the stand-in's 90% interval 0.61 ± 0.08 straddles the threshold.
        Assert.Equal("uncertain", report.Class);
        Assert.Equal(new[] { "uncertain", "bad" }, report.Hops.Select(h => h.Class));
        Assert.Null(report.Bvse.Reason);
        Assert.True(report.Bvse.Percolation!.OneD < report.Bvse.Percolation.TwoD);
    }

    [Fact]
    public void PredictingAStructureWithoutTheIonThrowsTheReason()
    {
        var s = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var e = Assert.Throws<HopException>(() => new MaterialPredictor(new LengthModel(), new HopOptions("Na")).Predict(s, "LiFePO4"));
        Assert.Contains("Na", e.Message);
    }

    [Fact]
    public void HopNetworkHoldsMultiplicityEdgesPerDistinctHop()
    {
        var s = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var a = HopAnalysis.Analyze(s);
        var edges = HopNetwork.Edges(a, a.Hops.Select(h => (double)h.Index).ToList());
        for (int h = 0; h < a.Hops.Count; h++)
            Assert.Equal(a.Hops[h].Multiplicity, edges.Count(e => e.Barrier == h));
    }

    [Fact]
    public void PredictCommandWritesTheJsonInterfaceAndReportsBadFiles()
    {
        var model = LengthModel.Directory();
        var bad = Path.Combine(model, "broken.cif");
        File.WriteAllText(bad, "data_x\n_cell_length_a 5\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var settings = new BarrierNet.Cli.Commands.PredictCommand.Settings(new HopOptions(), "band", model, 0.65, "json");
        int code = BarrierNet.Cli.Commands.PredictCommand.Run(new[] { RepoPaths.Example("LiFePO4.cif"), bad, RepoPaths.Example("LiMn2O4.cif") }, settings, stdout, stderr);
        Assert.Equal(2, code);
        var err = stderr.ToString().Trim().Split('\n');
        Assert.Single(err);
        Assert.StartsWith($"error: {bad}: ", err[0]);
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        var first = doc.RootElement[0];
        foreach (var key in new[] { "ion", "spacegroup", "hops", "percolation" }) Assert.True(first.TryGetProperty(key, out _), key);
        var hop = first.GetProperty("hops")[0];
        foreach (var key in new[] { "from", "to", "length", "multiplicity", "barrier", "interval", "class" }) Assert.True(hop.TryGetProperty(key, out _), key);
        Assert.Equal(2, hop.GetProperty("interval").GetArrayLength());
        foreach (var key in new[] { "1d", "2d", "3d" }) Assert.True(first.GetProperty("percolation").TryGetProperty(key, out _), key);
        // The bond-valence landscape's barriers sit beside the model's: olivine's b channel is 1D, its 3D network far higher.
        var bvse = first.GetProperty("bvse_percolation");
        Assert.InRange(bvse.GetProperty("1d").GetDouble(), 0.2, 0.7);
        Assert.True(bvse.GetProperty("3d").GetDouble() > 2);
        Directory.Delete(model, true);
    }
}
