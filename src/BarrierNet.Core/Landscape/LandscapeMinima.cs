using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>A local minimum of the landscape: where the mobile ion could sit. <see cref="Energy"/> is in eV above the landscape's minimum; <see cref="Multiplicity"/> counts the symmetry-equivalent minima in the cell that this one stands for.</summary>
internal sealed record LandscapeSite(Vec3 Frac, double Energy, int Multiplicity, int GridIndex);

/// <summary>
/// The local minima of an energy grid (a point lower than its 26 periodic neighbours, ties broken by index so a flat
/// plateau yields one point), up to a window above the global minimum, merged into symmetry-distinct sites when
/// space-group operations are given: minima that an operation maps within a tolerance of each other and that agree in
/// energy are one site.
/// </summary>
internal static class LandscapeMinima
{
    /// <summary>Minima up to this many eV above the global minimum are kept.</summary>
    public const double DefaultWindow = 2.0;

    public static IReadOnlyList<LandscapeSite> Find(EnergyGrid grid, IReadOnlyList<SymmetryOperation>? operations = null, double window = DefaultWindow)
    {
        double min = grid.Minimum;
        var minima = new List<int>();
        for (int p = 0; p < grid.Count; p++)
            if (grid[p] - min <= window && IsMinimum(grid, p)) minima.Add(p);
        minima.Sort((x, y) => grid[x] != grid[y] ? grid[x].CompareTo(grid[y]) : x.CompareTo(y));
        return Distinct(grid, minima, operations ?? Array.Empty<SymmetryOperation>(), min);
    }

    private static bool IsMinimum(EnergyGrid grid, int p)
    {
        var (i, j, k) = grid.Point(p);
        double e = grid[p];
        for (int di = -1; di <= 1; di++)
            for (int dj = -1; dj <= 1; dj++)
                for (int dk = -1; dk <= 1; dk++)
                {
                    if (di == 0 && dj == 0 && dk == 0) continue;
                    int q = grid.Index(i + di, j + dj, k + dk);
                    if (q == p) continue;
                    if (grid[q] < e || (grid[q] == e && q < p)) return false;
                }
        return true;
    }

    private static List<LandscapeSite> Distinct(EnergyGrid grid, List<int> minima, IReadOnlyList<SymmetryOperation> ops, double min)
    {
        var lattice = grid.Lattice;
        double tolerance = 1.5 * new[] { lattice.LengthA / grid.Na, lattice.LengthB / grid.Nb, lattice.LengthC / grid.Nc }.Max();
        var classes = new List<(int Representative, List<int> Members)>();
        foreach (int p in minima)
        {
            var f = grid.Fractional(p);
            var match = classes.FirstOrDefault(c =>
                Math.Abs(grid[c.Representative] - grid[p]) < 0.02 &&
                ops.Any(op => lattice.MinimumImageDistance(op.Apply(grid.Fractional(c.Representative)), f) < tolerance));
            if (match.Members is null) classes.Add((p, new List<int> { p }));
            else match.Members.Add(p);
        }
        return classes.Select(c => new LandscapeSite(grid.Fractional(c.Representative), grid[c.Representative] - min, c.Members.Count, c.Representative)).ToList();
    }
}
