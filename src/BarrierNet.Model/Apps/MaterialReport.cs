using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Apps;

/// <summary>A distinct hop with its predicted barrier and good/bad class (good: barrier below the threshold).</summary>
/// <param name="Orderings">For a disordered structure scored on several orderings: how the barrier varied between them.</param>
public sealed record HopPrediction(Hop Hop, BarrierPrediction Prediction, string Class, OrderingSpread? Orderings = null);

/// <summary>The barrier of one hop over several orderings of a disordered structure: count, standard deviation, range (eV).</summary>
public sealed record OrderingSpread(int Count, double StandardDeviation, double Min, double Max)
{
    /// <summary>
    /// The hop's prediction over its orderings: the mean of their barriers, and the model's interval widened by the
    /// orderings' spread (half-widths, averaged over orderings in quadrature, combined in quadrature with 1.645 σ).
    /// </summary>
    public static (BarrierPrediction Prediction, OrderingSpread Spread) Combine(IReadOnlyList<BarrierPrediction> orderings)
    {
        int n = orderings.Count;
        double mean = orderings.Average(p => p.Mean);
        double sd = n > 1 ? Math.Sqrt(orderings.Sum(p => (p.Mean - mean) * (p.Mean - mean)) / (n - 1)) : 0;
        var spread = new OrderingSpread(n, sd, orderings.Min(p => p.Mean), orderings.Max(p => p.Mean));
        double? uncertainty = orderings.All(p => p.Uncertainty is not null)
            ? Math.Sqrt(orderings.Average(p => p.Uncertainty!.Value * p.Uncertainty!.Value) + sd * sd) : null;
        double? lower = null, upper = null;
        if (orderings.All(p => p.Lower90 is not null && p.Upper90 is not null))
        {
            double below = Math.Sqrt(orderings.Average(p => Sq(p.Mean - p.Lower90!.Value)) + Sq(BarrierPrediction.Z90 * sd));
            double above = Math.Sqrt(orderings.Average(p => Sq(p.Upper90!.Value - p.Mean)) + Sq(BarrierPrediction.Z90 * sd));
            lower = mean - below; upper = mean + above;
            // Barriers are not negative: keep the model's own floor when every ordering's interval respects it.
            if (orderings.All(p => p.Lower90 >= 0)) lower = Math.Max(0, lower.Value);
        }
        return (new BarrierPrediction(mean, uncertainty, lower, upper), spread);
    }

    private static double Sq(double x) => x * x;
}

/// <summary>
/// What `predict` says about one structure: the hops sorted by barrier, the lowest barrier, and the percolation
/// barriers. The material's class follows from the lowest percolating barrier, because a conductor needs a connected
/// network of easy hops, not one easy hop.
/// </summary>
public sealed record MaterialReport(string Source, string Formula, HopAnalysis Analysis, IReadOnlyList<HopPrediction> Hops,
    PercolationResult Percolation, double Threshold)
{
    /// <summary>Percolation barriers of the bond-valence site-energy landscape, independent of the model (null fields with the reason when it could not be computed).</summary>
    public BvsePercolation Bvse { get; init; } = BvsePercolation.NotComputed;

    public double LowestBarrier => Hops.Min(h => h.Prediction.Mean);

    /// <summary>The smallest barrier at which the ion sites form an infinite network in any dimension.</summary>
    public double? PercolationBarrier => Percolation.OneD;

    public string Class => PercolationBarrier is double e ? BarrierClass.Of(e, Threshold) : "bad";

    /// <summary>Spread (1σ) of the hop that sets the percolation barrier, or of the lowest hop when none percolates.</summary>
    public double? Uncertainty
    {
        get
        {
            double target = PercolationBarrier ?? LowestBarrier;
            return Hops.OrderBy(h => Math.Abs(h.Prediction.Mean - target)).First().Prediction.Uncertainty;
        }
    }
}

/// <summary>The good/bad convention of the reference paper: good conductor when Em &lt; threshold (0.65 eV).</summary>
public static class BarrierClass
{
    public const double DefaultThreshold = 0.65;
    public static string Of(double barrier, double threshold) => barrier < threshold ? "good" : "bad";
}
