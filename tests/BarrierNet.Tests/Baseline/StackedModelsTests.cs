using BarrierNet.Core.Data;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Baseline;

/// <summary>The two-stage and residual-stacked descriptor models (experiment rows for the high-barrier tail).</summary>
public class StackedModelsTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    private static readonly DescriptorBaselineOptions Small = DescriptorBaselineOptions.ExtraTreesKernel with { Trees = 20, TargetTransform = BarrierScale.Sqrt };

    [Fact]
    public void TheGateMixesTheGeneralAndTheSpecialistModel()
    {
        // The specialist trains on the two fixture hops at or above 1 eV; every prediction lies between the two models'.
        var gate = HighBarrierGate.Train(Bands, Small, seed: 3).Predict(Bands).Predictions;
        var general = DescriptorBaseline.Train(Bands, Small, seed: 3).Predict(Bands).Predictions;
        var specialist = DescriptorBaseline.Train(Bands.Where(e => e.Target >= HighBarrierGate.SpecialistFloor).ToList(), Small, seed: 3).Predict(Bands).Predictions;
        for (int i = 0; i < Bands.Count; i++)
        {
            double lo = Math.Min(general[i].Mean, specialist[i].Mean), hi = Math.Max(general[i].Mean, specialist[i].Mean);
            Assert.InRange(gate[i].Mean, lo - 1e-12, hi + 1e-12);
        }
        Assert.Contains(Enumerable.Range(0, Bands.Count), i => Math.Abs(gate[i].Mean - general[i].Mean) > 1e-6);
        Assert.Throws<ArgumentException>(() => HighBarrierGate.Train(Bands.Where(e => e.Target < 1).ToList(), Small, 0));
    }

    [Fact]
    public void AnIonsOffsetIsItsMedianResidualShrunkByItsCount()
    {
        // Fixture ions: Li ×3, Mg ×2, Na, Ca, Zn. Residuals chosen so that Li's median is 0.2 and Mg's mean of the middle two 0.3.
        var residual = Bands.Select(e => e.Ion switch { "Li" => e.SysName == "RS-CoO_Li_1" ? 0.2 : e.SysName == "RS-CoO_Li_2" ? 0.1 : 0.5, "Mg" => e.SysName == "RS-CoO_Mg" ? 0.2 : 0.4, _ => -1.0 }).ToArray();
        var offsets = ResidualStackedModel.IonOffsets(Bands, residual);
        Assert.Equal(0.2 * 3 / (3 + ResidualStackedModel.Shrinkage), offsets["Li"], 12);
        Assert.Equal(0.3 * 2 / (2 + ResidualStackedModel.Shrinkage), offsets["Mg"], 12);
        Assert.Equal(-1.0 / (1 + ResidualStackedModel.Shrinkage), offsets["Na"], 12);
    }

    [Fact]
    public void AnIonOffsetShiftsEveryHopOfThatIonAlikeOnTheFittedScale()
    {
        var stacked = ResidualStackedModel.Train(Bands, Small, ResidualCorrection.IonOffset, seed: 1).Predict(Bands).Predictions;
        var plain = DescriptorBaseline.Train(Bands, Small, seed: 1).Predict(Bands).Predictions;
        var shifts = Bands.Select((e, i) => (e.Ion, Shift: Math.Sqrt(stacked[i].Mean) - Math.Sqrt(plain[i].Mean))).ToList();
        foreach (var ion in shifts.GroupBy(s => s.Ion))
            Assert.All(ion, s => Assert.Equal(ion.First().Shift, s.Shift, 9));
        var residual = ResidualStackedModel.Train(Bands, Small, ResidualCorrection.IonAndValue, seed: 1).Predict(Bands).Predictions;
        Assert.All(residual, p => Assert.True(double.IsFinite(p.Mean) && p.Mean >= 0));
    }
}
