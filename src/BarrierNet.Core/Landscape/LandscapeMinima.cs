using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>A local minimum of the landscape: where the mobile ion could sit. <see cref="Energy"/> is in eV above the landscape's minimum; <see cref="Multiplicity"/> counts the symmetry-equivalent minima in the cell that this one stands for.</summary>
internal sealed record LandscapeSite(Vec3 Frac, double Energy, int Multiplicity, int GridIndex);

/// <summary>
/// The local minima of the mobile ion's landscape: the places it would sit. One rule serves the `landscape` command's
/// site list and the interstitial sites added to the hop finder (<see cref="LandscapeSites"/>):
/// <list type="number">
/// <item>every grid point lower than its 26 periodic neighbours (ties broken by flat index, so a plateau gives one
/// point) is a candidate;</item>
/// <item>each candidate is followed downhill on the landscape itself (<see cref="BvseLandscape.Relax"/>), off the
/// grid, to the minimum of its basin; candidates that end within <see cref="SameMinimum"/> Å of each other are one
/// minimum. A grid alone finds the shallow dimples of a flat stretch (the 36f and M2 region of a NASICON, within
/// 0.02 eV of each other) at positions and in numbers that change with its sampling; followed to the minima they
/// drain into, they give the same minima in every cell and at every resolution. Without the landscape (a bare grid)
/// the position is refined within the voxel by the parabola through the neighbours along each axis;</item>
/// <item>for the site list, minima that a space-group operation maps onto each other are one symmetry-distinct
/// site.</item>
/// </list>
/// </summary>
internal static class LandscapeMinima
{
    /// <summary>Minima up to this many eV above the global minimum are listed by the `landscape` command.</summary>
    public const double DefaultWindow = 2.0;

    /// <summary>Relaxed candidates closer than this (Å) are the same minimum.</summary>
    public const double SameMinimum = 0.25;

    /// <summary>One minimum: fractional position in [0, 1), energy (eV) above the landscape's lowest point, and the grid point it was found from.</summary>
    public sealed record Minimum(Vec3 Frac, double Energy, int GridIndex);

    /// <summary>The minima at most <paramref name="window"/> eV above the landscape's lowest point, lowest first.</summary>
    /// <param name="grid">The landscape on a grid (candidates).</param>
    /// <param name="landscape">The landscape the grid samples, to follow candidates off the grid; null for a bare grid.</param>
    /// <param name="window">Energy window above the lowest point, eV.</param>
    public static IReadOnlyList<Minimum> Find(EnergyGrid grid, BvseLandscape? landscape = null, double window = DefaultWindow)
    {
        var candidates = Enumerable.Range(0, grid.Count).Where(p => IsMinimum(grid, p)).ToList();
        var found = candidates.Select(p =>
        {
            if (landscape is null) return (Frac: Refine(grid, p), Energy: grid[p], Grid: p);
            var (frac, energy, _) = landscape.Relax(grid.Fractional(p));
            return (Frac: frac, Energy: energy, Grid: p);
        }).OrderBy(m => m.Energy).ThenBy(m => m.Grid).ToList();
        double floor = Math.Min(grid.Minimum, found.Count > 0 ? found[0].Energy : double.PositiveInfinity);
        var kept = new List<Minimum>();
        foreach (var m in found)
        {
            if (m.Energy - floor > window) break;
            if (landscape is not null && kept.Any(k => grid.Lattice.MinimumImageDistance(k.Frac, m.Frac) < SameMinimum)) continue;
            kept.Add(new Minimum(m.Frac, m.Energy - floor, m.Grid));
        }
        return kept;
    }

    /// <summary>The minima merged into symmetry-distinct sites (within 1.5 grid steps, or <see cref="SameMinimum"/> when followed off the grid, and 0.02 eV).</summary>
    public static IReadOnlyList<LandscapeSite> Sites(EnergyGrid grid, BvseLandscape? landscape, IReadOnlyList<SymmetryOperation>? operations = null, double window = DefaultWindow)
    {
        var ops = operations ?? Array.Empty<SymmetryOperation>();
        var lattice = grid.Lattice;
        double tolerance = landscape is not null ? SameMinimum
            : 1.5 * new[] { lattice.LengthA / grid.Na, lattice.LengthB / grid.Nb, lattice.LengthC / grid.Nc }.Max();
        var classes = new List<(Minimum Representative, int Count)>();
        foreach (var m in Find(grid, landscape, window))
        {
            int match = classes.FindIndex(c =>
                Math.Abs(c.Representative.Energy - m.Energy) < 0.02 &&
                ops.Any(op => lattice.MinimumImageDistance(op.Apply(c.Representative.Frac), m.Frac) < tolerance));
            if (match < 0) classes.Add((m, 1));
            else classes[match] = (classes[match].Representative, classes[match].Count + 1);
        }
        return classes.Select(c => new LandscapeSite(c.Representative.Frac, c.Representative.Energy, c.Count, c.Representative.GridIndex)).ToList();
    }

    private static bool IsMinimum(EnergyGrid grid, int p)
    {
        var (i, j, k) = grid.Point(p);
        double e = grid[p];
        if (!double.IsFinite(e)) return false;
        for (int di = -1; di <= 1; di++)
            for (int dj = -1; dj <= 1; dj++)
                for (int dk = -1; dk <= 1; dk++)
                {
                    int q = grid.Index(i + di, j + dj, k + dk);
                    if (q == p) continue;
                    if (grid[q] < e || (grid[q] == e && q < p)) return false;
                }
        return true;
    }

    /// <summary>Sub-voxel position: the vertex of the parabola through the three points along each axis.</summary>
    private static Vec3 Refine(EnergyGrid grid, int flat)
    {
        var (i, j, k) = grid.Point(flat);
        double e0 = grid[flat];
        double Offset(double em, double ep)
        {
            double curvature = em - 2 * e0 + ep;
            return curvature > 1e-12 ? Math.Clamp(0.5 * (em - ep) / curvature, -0.5, 0.5) : 0;
        }
        double oi = grid.Na > 2 ? Offset(grid[i - 1, j, k], grid[i + 1, j, k]) : 0;
        double oj = grid.Nb > 2 ? Offset(grid[i, j - 1, k], grid[i, j + 1, k]) : 0;
        double ok = grid.Nc > 2 ? Offset(grid[i, j, k - 1], grid[i, j, k + 1]) : 0;
        return new Vec3((i + oi) / grid.Na, (j + oj) / grid.Nb, (k + ok) / grid.Nc).Wrap();
    }
}
