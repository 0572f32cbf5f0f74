using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// Everything the `landscape` command reports for one structure: the BVSE grid of the mobile ion, its percolation
/// barriers (eV above the grid's minimum), its symmetry-distinct local minima, and the valences and notes behind them.
/// </summary>
internal sealed record LandscapeAnalysis(BvseLandscape Landscape, EnergyGrid Grid, PercolationResult Percolation, IReadOnlyList<LandscapeSite> Sites)
{
    public static LandscapeAnalysis Of(Structure structure, Element ion, BvseOptions? options = null, double symmetryTolerance = 0.1)
    {
        var landscape = BvseLandscape.For(structure, ion, options);
        var grid = landscape.Grid();
        var percolation = GridPercolation.Analyze(grid);
        var operations = SymmetryOperationsOf(structure, symmetryTolerance);
        return new LandscapeAnalysis(landscape, grid, percolation, LandscapeMinima.Sites(grid, landscape, operations));
    }

    /// <summary>The structure's space-group operations; none (every minimum its own site) when they cannot be found.</summary>
    private static IReadOnlyList<SymmetryOperation> SymmetryOperationsOf(Structure structure, double tolerance)
    {
        try { return SymmetryFinder.Analyze(structure, tolerance).Operations; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return Array.Empty<SymmetryOperation>(); }
    }

    /// <summary>Percolation barriers only (for predict and screen, which need no sites).</summary>
    public static PercolationResult PercolationOf(Structure structure, Element ion, BvseOptions? options = null) =>
        GridPercolation.Analyze(BvseLandscape.Compute(structure, ion, options));
}
