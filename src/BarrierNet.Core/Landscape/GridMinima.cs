using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The local minima of a periodic energy grid: the places the mobile ion would sit. A grid point is a minimum when it
/// lies below all 26 neighbours across the periodic boundary (on an exactly flat stretch the point with the smallest
/// flat index counts, so a plateau gives one minimum). Its position is refined within the voxel by a parabola
/// through the neighbours along each axis; minima closer than a merge distance are one site, the lower one kept.
/// </summary>
internal static class GridMinima
{
    /// <summary>One minimum: fractional position in [0, 1) and its grid energy (eV).</summary>
    public sealed record Minimum(Vec3 Frac, double Energy);

    /// <param name="mergeDistance">Minima closer than this (Å, periodic) are one site; the lower is kept.</param>
    public static IReadOnlyList<Minimum> Find(EnergyGrid grid, double mergeDistance = 0.5)
    {
        var found = new List<Minimum>();
        for (int i = 0; i < grid.Na; i++)
            for (int j = 0; j < grid.Nb; j++)
                for (int k = 0; k < grid.Nc; k++)
                    if (IsMinimum(grid, i, j, k)) found.Add(new Minimum(Refine(grid, i, j, k), grid.Energies[grid.Index(i, j, k)]));
        return Merge(grid.Lattice, found, mergeDistance);
    }

    private static bool IsMinimum(EnergyGrid grid, int i, int j, int k)
    {
        int self = grid.Index(i, j, k);
        double e = grid.Energies[self];
        if (!double.IsFinite(e)) return false;
        for (int di = -1; di <= 1; di++)
            for (int dj = -1; dj <= 1; dj++)
                for (int dk = -1; dk <= 1; dk++)
                {
                    if (di == 0 && dj == 0 && dk == 0) continue;
                    int n = grid.Index(GridSampling.Mod(i + di, grid.Na), GridSampling.Mod(j + dj, grid.Nb), GridSampling.Mod(k + dk, grid.Nc));
                    if (n == self) continue;
                    double en = grid.Energies[n];
                    if (en < e || (en == e && n < self)) return false;
                }
        return true;
    }

    /// <summary>Sub-voxel position: the vertex of the parabola through the three points along each axis.</summary>
    private static Vec3 Refine(EnergyGrid grid, int i, int j, int k)
    {
        double e0 = GridSampling.At(grid, i, j, k);
        double Offset(double em, double ep)
        {
            double curvature = em - 2 * e0 + ep;
            return curvature > 1e-12 ? Math.Clamp(0.5 * (em - ep) / curvature, -0.5, 0.5) : 0;
        }
        double oi = grid.Na > 2 ? Offset(GridSampling.At(grid, i - 1, j, k), GridSampling.At(grid, i + 1, j, k)) : 0;
        double oj = grid.Nb > 2 ? Offset(GridSampling.At(grid, i, j - 1, k), GridSampling.At(grid, i, j + 1, k)) : 0;
        double ok = grid.Nc > 2 ? Offset(GridSampling.At(grid, i, j, k - 1), GridSampling.At(grid, i, j, k + 1)) : 0;
        return new Vec3((i + oi) / grid.Na, (j + oj) / grid.Nb, (k + ok) / grid.Nc).Wrap();
    }

    private static IReadOnlyList<Minimum> Merge(Lattice lattice, List<Minimum> found, double mergeDistance)
    {
        var kept = new List<Minimum>();
        foreach (var m in found.OrderBy(m => m.Energy).ThenBy(m => m.Frac.X).ThenBy(m => m.Frac.Y).ThenBy(m => m.Frac.Z))
            if (!kept.Any(k => lattice.MinimumImageDistance(k.Frac, m.Frac) < mergeDistance)) kept.Add(m);
        return kept;
    }
}
