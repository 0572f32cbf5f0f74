using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// The primitive cell of a structure whose operations include pure translations (a centred conventional cell or a
/// supercell). The space-group type is identified there: a supercell's own lattice may lack symmetry the crystal has
/// (a 2×1×1 cell of a cubic crystal is only tetragonal), while the primitive lattice has all of it.
/// </summary>
internal static class PrimitiveCell
{
    /// <summary>
    /// Primitive structure built from the pure translations among <paramref name="ops"/> (right-handed, shortest
    /// vectors first), or null when there are none beyond the identity or the reduction is inconsistent.
    /// </summary>
    public static Structure? Of(Structure s, IReadOnlyList<SymmetryOperation> ops, double tolerance) =>
        FromTranslations(s, ops.Where(o => IsIdentity(o.Rotation)).Select(o => o.Translation).ToList(), tolerance);

    /// <summary>
    /// Primitive structure spanned by the cell vectors and <paramref name="translations"/> (all pure translations of
    /// the structure, zero included), or null when there are none beyond zero or the reduction is inconsistent.
    /// Sites keep their Cartesian positions, labels and occupancies; of each set of translation-equivalent sites
    /// the first in the file is kept.
    /// </summary>
    public static Structure? FromTranslations(Structure s, IReadOnlyList<Vec3> translations, double tolerance)
    {
        int nT = translations.Count;
        if (nT <= 1) return null;

        // Candidate lattice vectors: the cell vectors and each translation's shortest image.
        var cands = new List<Vec3> { new(1, 0, 0), new(0, 1, 0), new(0, 0, 1) };
        foreach (var t in translations)
        {
            var d = t - t.Round();
            if (d.NormSquared > 1e-8) cands.Add(d);
        }
        cands = cands.OrderBy(v => s.Lattice.ToCartesian(v).NormSquared).ToList();

        double target = 1.0 / nT;
        for (int i = 0; i < cands.Count; i++)
            for (int j = i + 1; j < cands.Count; j++)
                for (int k = j + 1; k < cands.Count; k++)
                {
                    var (a, b, c) = (cands[i], cands[j], cands[k]);
                    double det = a.Dot(b.Cross(c));
                    if (Math.Abs(Math.Abs(det) - target) > 1e-3 * target) continue;
                    if (det < 0) c = -c;
                    var prim = Build(s, translations, a, b, c, tolerance);
                    if (prim is not null && prim.Count * nT == s.Count) return prim;
                }
        return null;
    }

    /// <summary>
    /// Keeps one site of each translation orbit (found with a site grid, so linear in the number of sites times the
    /// number of translations) and expresses it in the new cell.
    /// </summary>
    private static Structure? Build(Structure s, IReadOnlyList<Vec3> translations, Vec3 a, Vec3 b, Vec3 c, double tolerance)
    {
        var lattice = new Lattice(s.Lattice.ToCartesian(a), s.Lattice.ToCartesian(b), s.Lattice.ToCartesian(c));
        var species = SpeciesKey.Assign(s);
        var grid = new SiteGrid(s, species, tolerance);
        var taken = new bool[s.Count];
        var kept = new List<Site>();
        for (int i = 0; i < s.Count; i++)
        {
            if (taken[i]) continue;
            foreach (var t in translations)
            {
                var (m, _) = grid.Find(grid.FracOf(i) + t, species[i]);
                if (m < 0) return null;
                taken[m] = true;
            }
            var f = lattice.ToFractional(s.Lattice.ToCartesian(s[i].Frac)).Wrap();
            kept.Add(s[i] with { Frac = f });
        }
        return new Structure(lattice, kept, name: s.Name);
    }

    private static bool IsIdentity(int[,] r)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (r[i, j] != (i == j ? 1 : 0)) return false;
        return true;
    }
}
