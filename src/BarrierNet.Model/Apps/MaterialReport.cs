using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Apps;

/// <summary>
/// A distinct hop with its predicted barrier and class (<see cref="BarrierClass"/>: good, bad or uncertain).
/// <see cref="PathBlocked"/>: the straight path runs through a host atom (<see cref="PathClearance"/>), so the
/// barrier is not that of a real path and the hop is never called good.
/// <paramref name="Orderings"/>: for a disordered structure scored on several orderings, how the barrier varied between them.
/// </summary>
public sealed record HopPrediction(Hop Hop, BarrierPrediction Prediction, string Class, OrderingSpread? Orderings = null)
{
    /// <summary>True when the straight path passes within 1 Å of a host atom.</summary>
    public bool PathBlocked => PathClearance.IsBlocked(Hop.Bottleneck);
}

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
    /// <summary>Percolation barriers of the bond-valence site-energy landscape, independent of the model (null fields with the reason when it could not be computed).</summary>
    public BvsePercolation Bvse { get; init; } = BvsePercolation.NotComputed;

    /// <summary>The lowest predicted hop barrier, eV.</summary>
    public double LowestBarrier => Hops.Min(h => h.Prediction.Mean);

    /// <summary>The smallest barrier at which the ion sites form an infinite network in any dimension, through hops whose straight path is clear of host atoms.</summary>
    public double? PercolationBarrier => Percolation.OneD;

    /// <summary>
    /// The material's class from the networks of hops: good when the hops classed good alone connect the ion sites
    /// into an infinite network (1D or more), bad when even the good and uncertain hops together do not, uncertain
    /// otherwise. Without intervals or blocked paths this is the lowest percolating barrier against the threshold.
    /// </summary>
    public string Class
    {
        get
        {
            var rank = Hops.ToDictionary(h => h.Hop.Index, h => h.Class switch { BarrierClass.Good => 0.0, BarrierClass.Uncertain => 1.0, _ => 2.0 });
            var edges = HopNetwork.Edges(Analysis, Analysis.Hops.Select(h => rank[h.Index]).ToList(), SymmetryTolerance);
            return BarrierNet.Core.Migration.Percolation.Analyze(Analysis.IonSites.Count, edges).OneD switch
            {
                0.0 => BarrierClass.Good,
                1.0 => BarrierClass.Uncertain,
                _ => BarrierClass.Bad,
            };
        }
    }

    /// <summary>Symmetry tolerance (Å) the hops were found with, to map each distinct hop onto its copies.</summary>
    public double SymmetryTolerance { get; init; } = 0.1;

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

/// <summary>
/// The good/bad convention of the reference paper (good conductor when Em &lt; 0.65 eV), with a third value for what
/// the model cannot decide: uncertain when the 90% interval straddles the threshold, or when the hop's straight path
/// runs through a host atom and the barrier would otherwise read good.
/// </summary>
public static class BarrierClass
{
    /// <summary>The reference paper's threshold, eV.</summary>
    public const double DefaultThreshold = 0.65;
    /// <summary>The class values written in every output: good (below the threshold), bad, uncertain.</summary>
    public const string Good = "good", Bad = "bad", Uncertain = "uncertain";

    /// <summary>Good or bad from a barrier alone.</summary>
    /// <param name="barrier">Barrier, eV.</param>
    /// <param name="threshold">Good/bad threshold, eV.</param>
    /// <returns><see cref="Good"/> when the barrier is below the threshold, else <see cref="Bad"/>.</returns>
    public static string Of(double barrier, double threshold) => barrier < threshold ? Good : Bad;

    /// <summary>The class of a prediction with its interval.</summary>
    /// <param name="p">The prediction (eV) with its 90% interval.</param>
    /// <param name="threshold">Good/bad threshold, eV.</param>
    /// <param name="pathBlocked">The hop's straight path runs through a host atom.</param>
    /// <returns>Good, bad, or uncertain when the interval straddles the threshold or a blocked path would read good.</returns>
    public static string Of(BarrierPrediction p, double threshold, bool pathBlocked = false)
    {
        var cls = p.Interval90 is (double lo, double hi) && lo < threshold && threshold <= hi ? Uncertain : Of(p.Mean, threshold);
        return pathBlocked && cls == Good ? Uncertain : cls;
    }
}

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
        // Familiar when some ordering's host is a training host; unknown when the model keeps no list.
        bool? familiar = orderings.All(p => p.Familiar is null) ? null : orderings.Any(p => p.Familiar == true);
        return (new BarrierPrediction(mean, uncertainty, lower, upper) { Familiar = familiar }, spread);
    }

    private static double Sq(double x) => x * x;
}
