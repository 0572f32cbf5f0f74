namespace BarrierNet.Core.Crystal;

/// <summary>
/// Groups sites that sit at the same point of the crystal. A mixed site (Li 0.5 / Al 0.25) is several
/// <see cref="Site"/>s at one position; pymatgen and the neighbour counts of `barriernet info` treat it as one
/// position. Sites are hashed on a fractional grid whose cells are at least twice the tolerance wide, so large
/// cells stay linear in time.
/// </summary>
internal static class SitePositions
{
    /// <summary>Two sites closer than this (Å, minimum image) share a position.</summary>
    public const double Tolerance = 0.01;

    /// <summary>Groups of site indices, in order of first appearance; each group is one position.</summary>
    public static List<List<int>> Group(Lattice lattice, IReadOnlyList<Vec3> fractional)
    {
        var widths = lattice.PerpendicularWidths;
        var grid = new int[3];
        for (int ax = 0; ax < 3; ax++) grid[ax] = Math.Clamp((int)(widths[ax] / (2 * Tolerance)), 1, 1000);
        var cellOf = new Dictionary<(int, int, int), List<int>>();
        var groupOf = new int[fractional.Count];
        var groups = new List<List<int>>();
        for (int i = 0; i < fractional.Count; i++)
        {
            var w = fractional[i].Wrap();
            var key = (Math.Min((int)(w.X * grid[0]), grid[0] - 1), Math.Min((int)(w.Y * grid[1]), grid[1] - 1), Math.Min((int)(w.Z * grid[2]), grid[2] - 1));
            int found = -1;
            for (int a = -1; a <= 1 && found < 0; a++)
                for (int b = -1; b <= 1 && found < 0; b++)
                    for (int c = -1; c <= 1 && found < 0; c++)
                    {
                        var k = (Mod(key.Item1 + a, grid[0]), Mod(key.Item2 + b, grid[1]), Mod(key.Item3 + c, grid[2]));
                        if (!cellOf.TryGetValue(k, out var list)) continue;
                        foreach (int j in list)
                        {
                            var d = fractional[j] - fractional[i];
                            d -= d.Round();
                            if (lattice.ToCartesian(d).Norm < Tolerance) { found = groupOf[j]; break; }
                        }
                    }
            if (found < 0) { found = groups.Count; groups.Add(new List<int>()); }
            groups[found].Add(i);
            groupOf[i] = found;
            if (!cellOf.TryGetValue(key, out var own)) cellOf[key] = own = new List<int>();
            own.Add(i);
        }
        return groups;
    }

    public static List<List<int>> Group(Structure s) => Group(s.Lattice, s.Sites.Select(x => x.Frac).ToList());

    /// <summary>One fractional coordinate per distinct position (the first site's).</summary>
    public static List<Vec3> Distinct(Structure s) => Group(s).Select(g => s.Sites[g[0]].Frac).ToList();

    private static int Mod(int a, int m) { int r = a % m; return r < 0 ? r + m : r; }
}
