using BarrierNet.Core.Crystal;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Tests.Symmetry;

/// <summary>
/// Battery-relevant reference structures built in code from their Wyckoff positions and the standard-setting
/// operations (spglib's tables, <see cref="SpaceGroupTable"/>), plus the cell manipulations the tests apply:
/// shuffling, origin shifts, supercells and other cell choices.
/// </summary>
internal static class KnownStructures
{
    public static Structure RockSalt() => Expand(225, Lattice.FromParameters(5.64, 5.64, 5.64, 90, 90, 90),
        ("Na", 0, 0, 0, 1), ("Cl", 0.5, 0.5, 0.5, 1));

    public static Structure Perovskite() => Expand(221, Lattice.FromParameters(3.905, 3.905, 3.905, 90, 90, 90),
        ("Ti", 0, 0, 0, 1), ("Sr", 0.5, 0.5, 0.5, 1), ("O", 0.5, 0, 0, 1));

    /// <summary>LiMn2O4 spinel in Fd-3m origin choice 1 (Li 8a, Mn 16d, O 32e).</summary>
    public static Structure Spinel() => Expand(227, Lattice.FromParameters(8.24, 8.24, 8.24, 90, 90, 90),
        ("Li", 0, 0, 0, 1), ("Mn", 0.625, 0.625, 0.625, 1), ("O", 0.3886, 0.3886, 0.3886, 1));

    /// <summary>Olivine LiFePO4, Pnma (Li 4a; Fe, P, O1, O2 4c; O3 8d).</summary>
    public static Structure Olivine() => Expand(62, Lattice.FromParameters(10.332, 6.010, 4.692, 90, 90, 90),
        ("Li", 0, 0, 0, 1), ("Fe", 0.28222, 0.25, 0.97472, 1), ("P", 0.09486, 0.25, 0.41820, 1),
        ("O", 0.09678, 0.25, 0.74279, 1), ("O", 0.45710, 0.25, 0.20602, 1), ("O", 0.16558, 0.04646, 0.28473, 1));

    /// <summary>Layered LiCoO2, R-3m on hexagonal axes (Co 3a, Li 3b, O 6c).</summary>
    public static Structure LayeredLiCoO2() => Expand(166, Lattice.FromParameters(2.816, 2.816, 14.05, 90, 90, 120),
        ("Co", 0, 0, 0, 1), ("Li", 0, 0, 0.5, 1), ("O", 0, 0, 0.2396, 1));

    /// <summary>
    /// Cubic garnet Li7La3Zr2O12, Ia-3d, with its partially occupied Li sublattice (24d 0.56, 96h 0.44): 256 sites,
    /// the disordered case the hop finder must handle.
    /// </summary>
    public static Structure Garnet() => Expand(230, Lattice.FromParameters(12.97, 12.97, 12.97, 90, 90, 90),
        ("La", 0.125, 0, 0.25, 1), ("Zr", 0, 0, 0, 1), ("O", 0.2832, 0.1004, 0.1945, 1),
        ("Li", 0.375, 0, 0.25, 0.56), ("Li", 0.0948, 0.6907, 0.5852, 0.44));

    /// <summary>All images of the given asymmetric-unit sites under the standard operations of space group <paramref name="number"/>.</summary>
    public static Structure Expand(int number, Lattice lattice, params (string El, double X, double Y, double Z, double Occ)[] asym)
    {
        var sites = new List<Site>();
        foreach (var a in asym)
        {
            var images = new List<Vec3>();
            foreach (var op in SpaceGroupTable.Get(number).Operations)
            {
                var f = op.Apply(new Vec3(a.X, a.Y, a.Z)).Wrap();
                if (!images.Any(g => Close(g, f))) images.Add(f);
            }
            sites.AddRange(images.Select(f => new Site(a.El, f, a.Occ)));
        }
        return new Structure(lattice, sites, name: SpaceGroupTable.Get(number).Symbol);
    }

    /// <summary>The same crystal in a new cell whose rows are <paramref name="p"/> (new vectors in old fractional units).</summary>
    public static Structure Transform(Structure s, double[,] p)
    {
        var m = s.Lattice.Matrix;
        var newM = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) newM[i, j] += p[i, k] * m[k, j];
        var lattice = Lattice.FromMatrix(newM);
        var sites = new List<Site>();
        var placed = new List<(Vec3 F, string El)>();
        const int range = 3;
        foreach (var site in s.Sites)
            for (int a = -range; a <= range; a++)
                for (int b = -range; b <= range; b++)
                    for (int c = -range; c <= range; c++)
                    {
                        var f = lattice.ToFractional(s.Lattice.ToCartesian(site.Frac + new Vec3(a, b, c)));
                        if (f.X < -1e-9 || f.Y < -1e-9 || f.Z < -1e-9 || f.X >= 1 - 1e-9 || f.Y >= 1 - 1e-9 || f.Z >= 1 - 1e-9) continue;
                        f = f.Wrap();
                        if (placed.Any(q => q.El == site.Element && Close(q.F, f))) continue;
                        placed.Add((f, site.Element));
                        sites.Add(site with { Frac = f });
                    }
        return new Structure(lattice, sites, name: s.Name);
    }

    public static Structure Supercell(Structure s, int na, int nb, int nc) =>
        Transform(s, new double[,] { { na, 0, 0 }, { 0, nb, 0 }, { 0, 0, nc } });

    public static Structure Shuffled(Structure s, int seed)
    {
        var rng = new Random(seed);
        return s.WithSites(s.Sites.OrderBy(_ => rng.Next()).ToList());
    }

    public static Structure OriginShifted(Structure s, int seed)
    {
        var rng = new Random(seed);
        var shift = new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
        return s.WithSites(s.Sites.Select(x => x with { Frac = (x.Frac + shift).Wrap() }).ToList());
    }

    /// <summary>Every coordinate moved by up to <paramref name="amplitude"/> Å in a random direction (measurement noise).</summary>
    public static Structure Jittered(Structure s, double amplitude, int seed)
    {
        var rng = new Random(seed);
        return s.WithSites(s.Sites.Select(x =>
        {
            var d = new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
            var cart = s.Lattice.ToCartesian(x.Frac) + d * (2 * amplitude / Math.Sqrt(3));
            return x with { Frac = s.Lattice.ToFractional(cart).Wrap() };
        }).ToList());
    }

    public static readonly double[,] FccPrimitive = { { 0, 0.5, 0.5 }, { 0.5, 0, 0.5 }, { 0.5, 0.5, 0 } };
    public static readonly double[,] RhombohedralFromHexagonal = { { 2.0 / 3, 1.0 / 3, 1.0 / 3 }, { -1.0 / 3, 1.0 / 3, 1.0 / 3 }, { -1.0 / 3, -2.0 / 3, 1.0 / 3 } };
    /// <summary>Pnma → Pbnm: a' = c, b' = a, c' = b.</summary>
    public static readonly double[,] PnmaToPbnm = { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } };

    private static bool Close(Vec3 a, Vec3 b)
    {
        var d = a - b;
        d -= d.Round();
        return Math.Abs(d.X) < 1e-4 && Math.Abs(d.Y) < 1e-4 && Math.Abs(d.Z) < 1e-4;
    }
}
