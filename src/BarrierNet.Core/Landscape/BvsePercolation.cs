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
    /// <summary>The value for a structure whose landscape was not asked for.</summary>
    public static BvsePercolation NotComputed { get; } = new(null, "not computed");

    /// <summary>Computes the landscape of <paramref name="ion"/> in <paramref name="structure"/> and its percolation barriers; a structure without parameters or a valence assignment gives null barriers and the reason, never an exception.</summary>
    /// <param name="structure">The crystal, occupancies included.</param>
    /// <param name="ion">Element symbol of the mobile ion.</param>
    /// <param name="options">Grid spacing (Å) and pair tolerances; null for the defaults.</param>
    /// <returns>Percolation barriers in eV above the landscape minimum, or the reason there are none.</returns>
    public static BvsePercolation Of(Structure structure, string ion, BvseOptions? options = null)
    {
        try { return new BvsePercolation(LandscapeAnalysis.PercolationOf(structure, Elements.BySymbol(ion), options), null); }
        catch (LandscapeException e) { return new BvsePercolation(null, e.Message); }
    }

    /// <summary>The percolation barriers of the cell hops were found in, from the grid hop finding already computed
    /// when it used the same options; otherwise computed here.</summary>
    internal static BvsePercolation Of(HopAnalysis analysis, Structure input, BvseOptions options) =>
        analysis.Grid is { } grid && options == HopAnalysis.LandscapeOptions
            ? new BvsePercolation(GridPercolation.Analyze(grid), null)
            : Of(analysis.Reduction?.Cell ?? input, analysis.Ion, options);
}
