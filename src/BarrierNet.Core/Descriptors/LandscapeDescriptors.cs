using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Descriptors of one hop from the bond-valence site-energy landscape (<see cref="BvseLandscape"/>) of the mobile ion
/// in the band's host (the host plus the ion at its from-site, so that valences can be assigned; the ion's own
/// sublattice is never part of its landscape). They say what the straight-line geometry cannot: whether the ion can go
/// round an atom in its way, how high the lowest route between the two sites climbs, and how easily the whole lattice
/// percolates.
/// <para>Raw BVSE barriers are heavy-tailed (tens of eV where the straight line runs through an atom) and only
/// rank-correlated with DFT barriers, so every energy enters as log(1 + min(E, <see cref="EnergyCap"/>)); a hop whose
/// landscape cannot be computed (no valence assignment, no softBV parameters) has <c>bvse_available</c> = 0 and every
/// energy at the cap. Values depend on the structure only through the landscape, which is invariant to atom order, to
/// the choice of cell and to the origin.</para>
/// </summary>
internal static class LandscapeDescriptors
{
    /// <summary>Grid spacing (Å) of the landscape: coarser than the `landscape` command's default to keep descriptors of a supercell cheap.</summary>
    public const double Resolution = 0.3;

    /// <summary>Energies above this (eV) say only "blocked"; the cap keeps the tail from dominating distances in descriptor space.</summary>
    public const double EnergyCap = 10.0;

    /// <summary>Room (Å) around the straight hop the tight minimum-energy path may use: it may step round an atom in the way, not take another route.</summary>
    public const double TightMargin = 1.0;

    /// <summary>Room (Å) of the free minimum-energy path (<see cref="MinimumEnergyPath.DefaultMargin"/>).</summary>
    public const double FreeMargin = MinimumEnergyPath.DefaultMargin;

    /// <summary>Points sampled on the straight line and along each path.</summary>
    public const int ProfilePoints = 41;

    /// <summary>Descriptor names, in the order of <see cref="Compute(Band)"/>'s values.</summary>
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "bvse_available",
        "bvse_line_barrier", "bvse_tight_path_barrier", "bvse_path_barrier", "bvse_line_minus_path",
        "bvse_path_length_ratio", "bvse_path_max_offset", "bvse_path_saddle_curvature", "bvse_path_saddle_pos",
        "bvse_site_energy", "bvse_percolation_1d", "bvse_percolation_2d", "bvse_percolation_3d",
    };

    /// <summary>Landscape descriptors of an entry: its band, or the straight band between its endpoints.</summary>
    public static double[] Compute(BarrierEntry entry) => Compute(entry.AsBand());

    /// <summary>Landscape descriptors of a band: the landscape of its host, the hop from its first image to its last.</summary>
    public static double[] Compute(Band band)
    {
        EnergyGrid grid;
        try { grid = BvseLandscape.For(band.InitialStructure(), Elements.BySymbol(band.Ion), new BvseOptions(Resolution)).Grid(); }
        catch (LandscapeException) { return Unavailable(); }
        return Describe(grid, band.Start.Frac, band.End.Frac);
    }

    /// <summary>The values for a landscape on <paramref name="grid"/> and a hop from fractional <paramref name="from"/> to <paramref name="to"/> (unwrapped).</summary>
    internal static double[] Describe(EnergyGrid grid, Vec3 from, Vec3 to)
    {
        var lattice = grid.Lattice;
        double hopLength = lattice.ToCartesian(to - from).Norm;
        double minimum = grid.Minimum;
        var line = Enumerable.Range(0, ProfilePoints)
            .Select(k => GridSampling.Interpolate(grid, from + (to - from) * (k / (double)(ProfilePoints - 1)))).ToArray();
        double lineBarrier = line.Max() - Math.Min(line[0], line[^1]);
        var tight = MinimumEnergyPath.Find(grid, from, to, TightMargin, ProfilePoints);
        var free = MinimumEnergyPath.Find(grid, from, to, FreeMargin, ProfilePoints);
        var (curvature, saddlePos) = Saddle(free);
        var percolation = GridPercolation.Analyze(grid);

        return new[]
        {
            1.0,
            Energy(lineBarrier), Energy(tight.Barrier), Energy(free.Barrier),
            Energy(lineBarrier) - Energy(free.Barrier),
            free.Length / Math.Max(hopLength, 1e-9), MaxOffset(lattice, free, from, to), curvature, saddlePos,
            Energy(0.5 * (line[0] + line[^1]) - minimum),
            Energy(percolation.OneD), Energy(percolation.TwoD), Energy(percolation.ThreeD),
        };
    }

    /// <summary>A hop without a landscape: the flag 0, energies at the cap, geometry of the straight line.</summary>
    private static double[] Unavailable()
    {
        double capped = Energy(EnergyCap);
        return new[] { 0.0, capped, capped, capped, 0, 1, 0, 0, 0.5, capped, capped, capped, capped };
    }

    /// <summary>log(1 + E) of an energy capped to [0, <see cref="EnergyCap"/>]; no percolation at all counts as the cap.</summary>
    internal static double Energy(double? e) => Math.Log(1 + Math.Clamp(e ?? EnergyCap, 0, EnergyCap));

    /// <summary>
    /// How sharp the top of the path's profile is: −d²E/ds² (eV/Å²) at its highest interior point by a three-point
    /// difference, as log(1 + |c|) with c's sign (a flat or dome-shaped top is small, a spike through an atom large),
    /// and where along the path (0–1, folded so that the hop's direction does not matter) it lies.
    /// </summary>
    private static (double Curvature, double Position) Saddle(EnergyPath path)
    {
        var e = path.Energies;
        int top = 1;
        for (int p = 2; p < e.Count - 1; p++) if (e[p] > e[top]) top = p;
        double h = path.Length / (e.Count - 1);
        double c = h > 1e-9 ? -(e[top - 1] - 2 * e[top] + e[top + 1]) / (h * h) : 0;
        double t = top / (double)(e.Count - 1);
        return (Math.Sign(c) * Math.Log(1 + Math.Abs(c)), Math.Min(t, 1 - t));
    }

    /// <summary>Largest distance (Å) of the path from the straight segment between the sites.</summary>
    private static double MaxOffset(Lattice lattice, EnergyPath path, Vec3 from, Vec3 to)
    {
        var a = lattice.ToCartesian(from);
        var hop = lattice.ToCartesian(to) - a;
        double hh = Math.Max(hop.NormSquared, 1e-12), worst = 0;
        foreach (var p in path.Points)
        {
            var q = lattice.ToCartesian(p);
            double t = Math.Clamp((q - a).Dot(hop) / hh, 0, 1);
            worst = Math.Max(worst, (q - (a + hop * t)).Norm);
        }
        return worst;
    }
}
