using System.Text.Json;
using BarrierNet.Model.Evaluation;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class RegressionMetricsTests
{
    // Hand-computed: errors +0.1, −0.1, −0.2, +0.2; mean target 0.625, SS_tot 0.3675, SS_res 0.10.
    private static readonly double[] Targets = { 0.2, 0.5, 0.8, 1.0 };
    private static readonly double[] Means = { 0.3, 0.4, 0.6, 1.2 };
    private static readonly string[] Ions = { "Li", "Li", "Na", "Mg" };

    [Fact]
    public void HandComputedExample()
    {
        var m = RegressionMetrics.Compute(Targets, Means.Select(x => new BarrierPrediction(x)).ToList(), Ions);
        Assert.Equal(4, m.N);
        Assert.Equal(0.15, m.Mae, 12);
        Assert.Equal(Math.Sqrt(0.025), m.Rmse, 12);
        Assert.Equal(1 - 0.10 / 0.3675, m.R2!.Value, 12);
        // Good (positive) = Em < 0.65. Truth: G G B B; predicted: G G G B → TP 2, FP 1, FN 0, TN 1.
        Assert.Equal(0.75, m.Accuracy, 12);
        Assert.Equal(2.0 / 3, m.Precision!.Value, 12);
        Assert.Equal(1.0, m.Recall!.Value, 12);
        Assert.Equal(0.8, m.F1!.Value, 12);
        Assert.Equal(0.1, m.MaeByIon["Li"], 12);
        Assert.Equal(0.2, m.MaeByIon["Na"], 12);
        Assert.Equal(0.2, m.MaeByIon["Mg"], 12);
        Assert.Null(m.Coverage90);
        Assert.Null(m.IntervalWidth90);
    }

    [Fact]
    public void ThresholdMovesTheClasses()
    {
        // With threshold 0.45 only the 0.2 target is good; predictions 0.3 and 0.4 are good → TP 1, FP 1.
        var m = RegressionMetrics.Compute(Targets, Means.Select(x => new BarrierPrediction(x)).ToList(), Ions, threshold: 0.45);
        Assert.Equal(0.75, m.Accuracy, 12);
        Assert.Equal(0.5, m.Precision!.Value, 12);
        Assert.Equal(1.0, m.Recall!.Value, 12);
    }

    [Fact]
    public void IntervalsFromStandardDeviationAndFromBounds()
    {
        // σ = 0.1 → half-width 0.1645: the two 0.1 errors are covered, the two 0.2 errors are not.
        var withSigma = RegressionMetrics.Compute(Targets, Means.Select(x => new BarrierPrediction(x, Uncertainty: 0.1)).ToList());
        Assert.Equal(0.5, withSigma.Coverage90!.Value, 12);
        Assert.Equal(2 * BarrierPrediction.Z90 * 0.1, withSigma.IntervalWidth90!.Value, 12);

        var bounds = Means.Select((x, i) => new BarrierPrediction(x, Lower90: x - 0.25, Upper90: x + 0.05 * i)).ToList();
        // Intervals [x−0.25, x+0.05 i]: [0.05,0.30] ∋ 0.2; [0.15,0.45] ∌ 0.5; [0.35,0.70] ∌ 0.8; [0.95,1.35] ∋ 1.0.
        var m = RegressionMetrics.Compute(Targets, bounds);
        Assert.Equal(0.5, m.Coverage90!.Value, 12);
        Assert.Equal((0.25 * 4 + 0.05 * (0 + 1 + 2 + 3)) / 4, m.IntervalWidth90!.Value, 12);
    }

    [Fact]
    public void UndefinedMetricsAreNull()
    {
        // One repeated target: R² undefined. Nothing predicted good and no good target: precision and recall undefined.
        var m = RegressionMetrics.Compute(new[] { 1.0, 1.0 }, new[] { new BarrierPrediction(1.1), new BarrierPrediction(0.9) });
        Assert.Null(m.R2);
        Assert.Null(m.Precision);
        Assert.Null(m.Recall);
        Assert.Null(m.F1);
        Assert.Equal(1.0, m.Accuracy);
    }

    /// <summary>The interface fields in order; "conditional" (per range and ion) was added after the others, never renamed.</summary>
    [Fact]
    public void JsonUsesTheIssueFieldNames()
    {
        var m = RegressionMetrics.Compute(Targets, Means.Select(x => new BarrierPrediction(x)).ToList(), Ions);
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(m));
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(new[] { "n", "mae", "rmse", "r2", "accuracy", "precision", "recall", "f1", "mae_by_ion", "coverage90", "interval_width90", "conditional" }, names);
    }

    [Fact]
    public void ADecidedClassIsTheAnswerAndItsDisagreementsWithTheBarrierAreCounted()
    {
        // Targets 0.3 (good), 0.9 (bad), 0.6 (good), 1.2 (bad); barriers 0.7, 0.8, 0.5, 1.1 → by the barrier 2 of 4 right.
        var targets = new[] { 0.3, 0.9, 0.6, 1.2 };
        var barriers = new[] { 0.7, 0.8, 0.5, 1.1 };
        var plain = RegressionMetrics.Compute(targets, barriers.Select(b => new BarrierPrediction(b)).ToList());
        Assert.Equal(0.75, plain.Accuracy);
        Assert.Null(plain.ClassDisagreement);
        Assert.Null(plain.BarrierAccuracy);
        Assert.DoesNotContain("class_disagreement", JsonSerializer.Serialize(plain));
        // The first hop decided good (against its 0.7 eV barrier), the last decided good (wrongly, against 1.1 eV).
        var decided = new[] { true, false, true, true };
        var m = RegressionMetrics.Compute(targets, barriers.Select((b, i) => new BarrierPrediction(b) { GoodConductor = decided[i] }).ToList());
        Assert.Equal(0.75, m.Accuracy);
        Assert.Equal(0.75, m.BarrierAccuracy);
        Assert.Equal(0.5, m.ClassDisagreement);
        Assert.Equal(2.0 / 3, m.Precision!.Value, 12);
        Assert.Equal(1.0, m.Recall);
        Assert.Equal(plain.Mae, m.Mae);
    }

    [Fact]
    public void RejectsMismatchedOrNonFiniteInput()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute(Targets, new[] { new BarrierPrediction(1) }));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute(new[] { 1.0 }, new[] { new BarrierPrediction(double.NaN) }));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute(Array.Empty<double>(), Array.Empty<BarrierPrediction>()));
    }
}
