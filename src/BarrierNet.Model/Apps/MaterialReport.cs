using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Apps;

/// <summary>A distinct hop with its predicted barrier and good/bad class (good: barrier below the threshold).</summary>
public sealed record HopPrediction(Hop Hop, BarrierPrediction Prediction, string Class);

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
