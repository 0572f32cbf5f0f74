using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The BVSE percolation barriers a prediction reports beside the model's: <see cref="Percolation"/> when the
/// landscape could be computed, otherwise <see cref="Reason"/> says why not (no valence assignment, no parameters),
/// and the prediction itself goes on.
/// </summary>
public sealed record BvsePercolation(PercolationResult? Percolation, string? Reason)
{
    public static BvsePercolation NotComputed { get; } = new(null, "not computed");

    public static BvsePercolation Of(Structure structure, string ion, BvseOptions? options = null)
    {
        try { return new BvsePercolation(LandscapeAnalysis.PercolationOf(structure, Elements.BySymbol(ion), options), null); }
        catch (LandscapeException e) { return new BvsePercolation(null, e.Message); }
    }
}
