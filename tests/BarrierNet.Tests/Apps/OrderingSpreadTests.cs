using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using BarrierNet.Tests.Migration;
using Xunit;

namespace BarrierNet.Tests.Apps;

public class OrderingSpreadTests
{
    /// <summary>A model whose barrier depends on the ordering: 0.1 eV per host ion within 4 Å of the hop's midpoint.</summary>
    private sealed class CrowdingModel : IBarrierPredictor
    {
        public string Kind => "test-crowding";
        public int Entries { get; private set; }

        public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
        {
            Entries += entries.Count;
            return new PredictionResult(entries.Select(e =>
            {
                var band = e.Band!;
                var mid = band.Images[2].Frac;
                int near = band.Host.Sites.Count(s => s.Element == band.Ion && band.Lattice.MinimumImageDistance(s.Frac, mid) < 4);
                double mean = 0.1 * near;
                return new BarrierPrediction(mean, 0.05, Math.Max(0, mean - 0.1), mean + 0.1);
            }).ToList());
        }
    }

    [Fact]
    public void CombineAveragesAndWidensByTheSpread()
    {
        var (p, spread) = OrderingSpread.Combine(new[] { new BarrierPrediction(0.2, 0.05, 0.1, 0.3), new BarrierPrediction(0.4, 0.05, 0.3, 0.5) });
        double sd = Math.Sqrt(0.02);
        Assert.Equal(0.3, p.Mean, 12);
        Assert.Equal(sd, spread.StandardDeviation, 12);
        Assert.Equal(0.2, spread.Min); Assert.Equal(0.4, spread.Max);
        double half = Math.Sqrt(0.01 + Math.Pow(BarrierPrediction.Z90 * sd, 2));
        Assert.Equal(0.3 - half, p.Lower90!.Value, 12);
        Assert.Equal(0.3 + half, p.Upper90!.Value, 12);
        Assert.Equal(Math.Sqrt(0.0025 + 0.02), p.Uncertainty!.Value, 12);
    }

    [Fact]
    public void OneOrderingIsTheModelsOwnPrediction()
    {
        var only = new BarrierPrediction(0.3, 0.05, 0.2, 0.4);
        var (p, spread) = OrderingSpread.Combine(new[] { only });
        Assert.Equal(only, p);
        Assert.Equal(0, spread.StandardDeviation);
    }

    [Fact]
    public void DisorderedGarnetIsScoredOnEveryOrderingAndOrderedOnesOnce()
    {
        var garnet = StructureReader.Read(DisorderSamplingTests.Disordered("Li7La3Zr2O12-cubic.cif"));
        var model = new CrowdingModel();
        var predictor = new MaterialPredictor(model, new HopOptions(MaxHop: 2.5), orderings: new DisorderSampling(4, 11));
        var report = predictor.Predict(garnet, "garnet");
        Assert.Equal(report.Hops.Count * 4, model.Entries);
        Assert.All(report.Hops, h => Assert.Equal(4, h.Orderings!.Count));
        Assert.All(report.Hops, h => Assert.InRange(h.Prediction.Mean, h.Orderings!.Min - 1e-12, h.Orderings!.Max + 1e-12));

        var single = new MaterialPredictor(new CrowdingModel(), new HopOptions(MaxHop: 2.5), orderings: DisorderSampling.Single).Predict(garnet, "garnet");
        Assert.All(single.Hops, h => Assert.Null(h.Orderings));

        var ordered = HopFixtures.Load("olivine");
        var orderedModel = new CrowdingModel();
        var olivine = new MaterialPredictor(orderedModel, new HopOptions(ordered.Ion), orderings: new DisorderSampling(4)).Predict(ordered.Structure, "olivine");
        Assert.Equal(olivine.Hops.Count, orderedModel.Entries);
        Assert.All(olivine.Hops, h => Assert.Null(h.Orderings));
    }

    [Fact]
    public void SuggestScoresADisorderedStructureOnTheOrderingsLikePredict()
    {
        // The garnet's hops on 4 orderings: suggest's barrier and σ are predict's mean and its widened spread.
        var file = DisorderSamplingTests.Disordered("Li7La3Zr2O12-cubic.cif");
        var sampling = new DisorderSampling(4, 11);
        var report = new MaterialPredictor(new CrowdingModel(), new HopOptions(MaxHop: 2.5), orderings: sampling).Predict(StructureReader.Read(file), file);
        var model = new CrowdingModel();
        var predictor = new MaterialPredictor(model, new HopOptions(MaxHop: 2.5), orderings: sampling, landscapeResolution: 0);
        var o = new StringWriter(); var e = new StringWriter();
        Assert.Equal(0, BarrierNet.Cli.Commands.SuggestCommand.Run(new[] { file }, predictor, 1, "uncertainty", null, "json", o, e));
        Assert.Equal(report.Hops.Count * 4, model.Entries);
        var pick = System.Text.Json.JsonDocument.Parse(o.ToString()).RootElement.GetProperty("suggestions")[0];
        var hop = report.Hops.Single(h => h.Hop.Index + 1 == pick.GetProperty("index").GetInt32());
        Assert.Equal(hop.Prediction.Mean, pick.GetProperty("barrier").GetDouble(), 4);
        Assert.Equal(HopSuggester.Sigma(hop.Prediction)!.Value, pick.GetProperty("uncertainty").GetDouble(), 4);
        Assert.True(hop.Orderings!.StandardDeviation > 0, "the orderings differ, so σ carries their spread");
    }
}
