using BarrierNet.Core.Migration;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Apps;

/// <summary>A distinct hop with its predicted barrier and good/bad class (good: barrier below the threshold).</summary>
/// <param name="Hop">The hop: sites, length (Å), multiplicity, bottleneck (Å).</param>
/// <param name="Prediction">Its barrier, eV, with spread and 90% interval when the model gives them.</param>
/// <param name="Class">"good" or "bad" (<see cref="BarrierClass.Of"/>).</param>
public sealed record HopPrediction(Hop Hop, BarrierPrediction Prediction, string Class);

/// <summary>
/// What `predict` says about one structure: the hops sorted by barrier, the lowest barrier, and the percolation
/// barriers. The material's class follows from the lowest percolating barrier, because a conductor needs a connected
/// network of easy hops, not one easy hop.
/// </summary>
/// <param name="Source">The name the structure was predicted under (file name or material id).</param>
/// <param name="Formula">Reduced formula, e.g. "LiFePO4".</param>
/// <param name="Analysis">The hop analysis the barriers belong to.</param>
/// <param name="Hops">The distinct hops, lowest barrier first.</param>
/// <param name="Percolation">Percolation barriers in 1, 2 and 3 dimensions, eV (null where none).</param>
/// <param name="Threshold">The good/bad threshold used, eV.</param>
public sealed record MaterialReport(string Source, string Formula, HopAnalysis Analysis, IReadOnlyList<HopPrediction> Hops,
    PercolationResult Percolation, double Threshold)
{
    /// <summary>The smallest hop barrier, eV.</summary>
    public double LowestBarrier => Hops.Min(h => h.Prediction.Mean);

    /// <summary>The smallest barrier at which the ion sites form an infinite network in any dimension.</summary>
    public double? PercolationBarrier => Percolation.OneD;

    /// <summary>"good" when the 1-D percolation barrier is below <see cref="Threshold"/>, else "bad" (also when nothing percolates).</summary>
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
    /// <summary>The reference paper's threshold, eV.</summary>
    public const double DefaultThreshold = 0.65;
    /// <summary>The class of one barrier.</summary>
    /// <param name="barrier">Barrier, eV.</param>
    /// <param name="threshold">Threshold, eV.</param>
    /// <returns>"good" when <paramref name="barrier"/> &lt; <paramref name="threshold"/>, else "bad".</returns>
    public static string Of(double barrier, double threshold) => barrier < threshold ? "good" : "bad";
}
