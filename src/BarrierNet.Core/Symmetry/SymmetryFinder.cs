using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// Space-group operations of a structure in its own cell. Operations listed by the file are used when they really
/// map the atoms onto themselves; otherwise (P1 files, Materials Project dumps, files whose operations do not
/// match their atoms) the operations are found from the atoms: the lattice point group first, then for each
/// lattice rotation R the translations t = f_j − R·f_ref that carry one atom of the rarest species onto another,
/// accepted when every site lands within the tolerance on a site of the same element and occupancy.
/// </summary>
internal static class SymmetryFinder
{
    /// <summary>
    /// The operations to use for this structure and the space-group type they determine. The file's operations are
    /// used when they all map the structure onto itself and are not fewer than the operations found from the atoms
    /// (a file listing only "x,y,z", as P1 and Materials Project files do, is not taken as proof of no symmetry).
    /// </summary>
    public static SpaceGroupInfo Analyze(Structure s, double tolerance = 0.1)
    {
        CheckTolerance(tolerance);
        var found = FindOperations(s, tolerance);
        IReadOnlyList<SymmetryOperation> ops = found;
        string source = "found";
        if (s.SymmetryOperations.Count > 0)
        {
            var fileOps = Distinct(s.SymmetryOperations);
            if (fileOps.Count >= found.Count && AllMapOntoItself(s, fileOps, tolerance))
            {
                ops = fileOps;
                source = "cif";
            }
        }
        var (number, symbol) = IdentifyType(s, ops, tolerance);
        return new SpaceGroupInfo(number, symbol, ops, source);
    }

    /// <summary>
    /// Identifies the type in the primitive cell when the operations contain pure translations (centred cell or
    /// supercell): only there are all the crystal's rotations guaranteed to be lattice symmetries of the cell.
    /// </summary>
    private static (int? Number, string? Symbol) IdentifyType(Structure s, IReadOnlyList<SymmetryOperation> ops, double tolerance)
    {
        var primitive = PrimitiveCell.Of(s, ops, tolerance);
        if (primitive is not null)
            return SpaceGroupIdentifier.Identify(FindOperations(primitive, tolerance), IsRightHanded(primitive.Lattice));
        return SpaceGroupIdentifier.Identify(ops, IsRightHanded(s.Lattice));
    }

    private static bool IsRightHanded(Lattice l) => l.A.Dot(l.B.Cross(l.C)) > 0;

    /// <summary>
    /// All operations (R, t) of the structure in its own cell, found from the atoms; identity first.
    /// When atoms sit near the tolerance, the accepted operations may fail to form a group (a product of two of
    /// them is not among them); then, as spglib does, the tolerance is lowered step by step (×0.9, at most 20 times)
    /// until they do.
    /// </summary>
    public static IReadOnlyList<SymmetryOperation> FindOperations(Structure s, double tolerance = 0.1)
    {
        CheckTolerance(tolerance);
        var ops = FindOperationsAt(s, tolerance);
        for (int attempt = 0; attempt < 20 && !IsClosed(s.Lattice, ops, tolerance); attempt++)
        {
            tolerance *= 0.9;
            ops = FindOperationsAt(s, tolerance);
        }
        return ops;
    }

    /// <summary>True when the product of every two operations is again one of them (translations within the tolerance).</summary>
    private static bool IsClosed(Lattice lattice, IReadOnlyList<SymmetryOperation> ops, double tolerance)
    {
        var byRotation = ops.GroupBy(o => RotationCode(o.Rotation)).ToDictionary(g => g.Key, g => g.ToList());
        // Products of cosets only: composing with a pure translation cannot leave the set when each coset is complete.
        var reps = byRotation.Values.Select(l => l[0]).ToList();
        foreach (var a in reps)
            foreach (var b in ops)
            {
                // a ∘ b = (Ra·Rb, Ra·tb + ta), as SymmetryOperation.Compose gives it, without building the operation.
                if (!byRotation.TryGetValue(ProductCode(a.Rotation, b.Rotation), out var same)) return false;
                var translation = a.RotateOnly(b.Translation) + a.Translation;
                if (!AnyCloseTranslation(lattice, same, translation, tolerance)) return false;
            }
        return true;
    }

    private static bool AnyCloseTranslation(Lattice lattice, List<SymmetryOperation> ops, Vec3 t, double tolerance)
    {
        foreach (var o in ops)
            if (CloseTranslation(lattice, o.Translation, t, tolerance)) return true;
        return false;
    }

    /// <summary><see cref="RotationCode"/> of the product a·b.</summary>
    private static long ProductCode(int[,] a, int[,] b)
    {
        long code = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                code = code * 64 + (a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j] + 32);
        return code;
    }

    /// <summary>A number identifying an integer rotation matrix (entries are small).</summary>
    private static long RotationCode(int[,] r)
    {
        long code = 0;
        foreach (int v in r) code = code * 64 + (v + 32);
        return code;
    }

    private static IReadOnlyList<SymmetryOperation> FindOperationsAt(Structure s, double tolerance)
    {
        if (s.Count == 0) return new[] { SymmetryOperation.Identity };
        var species = SpeciesKey.Assign(s);
        var grid = new SiteGrid(s, species, tolerance);

        // Translations are generated from the species with the fewest sites: fewest candidates to test.
        int rarest = species.GroupBy(x => x).OrderBy(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var rareSites = Enumerable.Range(0, s.Count).Where(i => species[i] == rarest).ToArray();
        int reference = rareSites[0];
        var fref = grid.FracOf(reference);

        var ops = new List<SymmetryOperation>();
        foreach (var r in OrderedWithIdentityFirst(LatticePointGroup.Find(s.Lattice, tolerance)))
        {
            var probe = new SymmetryOperation(r, Vec3.Zero);
            var rf = probe.RotateOnly(fref);
            var accepted = new List<Vec3>();
            foreach (int j in rareSites)
            {
                var t = (grid.FracOf(j) - rf).Wrap();
                if (accepted.Any(a => CloseTranslation(s.Lattice, a, t, tolerance))) continue;
                var refined = TryOperation(grid, species, r, t);
                if (refined is { } tt)
                {
                    accepted.Add(tt);
                    ops.Add(new SymmetryOperation(r, tt));
                }
            }
        }
        return ops;
    }

    /// <summary>
    /// The pure translations that map the structure onto itself (zero first): more than one when the cell is a
    /// supercell or a centred cell. Only the identity rotation is tried, so this costs one pass over the sites per
    /// candidate that survives its first few atoms, and it is what makes reducing a large supercell cheap.
    /// </summary>
    internal static IReadOnlyList<Vec3> PureTranslations(Structure s, double tolerance = 0.1)
    {
        CheckTolerance(tolerance);
        if (s.Count == 0) return new[] { Vec3.Zero };
        var species = SpeciesKey.Assign(s);
        var grid = new SiteGrid(s, species, tolerance);
        int rarest = species.GroupBy(x => x).OrderBy(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var rareSites = Enumerable.Range(0, s.Count).Where(i => species[i] == rarest).ToArray();
        var fref = grid.FracOf(rareSites[0]);
        var identity = SymmetryOperation.Identity.Rotation;
        var accepted = new List<Vec3> { Vec3.Zero };
        foreach (int j in rareSites.Skip(1))
        {
            var t = (grid.FracOf(j) - fref).Wrap();
            if (accepted.Any(a => CloseTranslation(s.Lattice, a, t, tolerance))) continue;
            if (TryOperation(grid, species, identity, t) is { } refined) accepted.Add(refined);
        }
        // A set of translations that cannot be a lattice (sites near the tolerance) is not used.
        bool consistent = accepted.Count > 1 && s.Count % accepted.Count == 0
            && species.GroupBy(x => x).All(g => g.Count() % accepted.Count == 0);
        return consistent ? accepted : new[] { Vec3.Zero };
    }

    /// <summary>
    /// Orbit id for each of <paramref name="siteIndices"/> under <paramref name="ops"/> (union of the site with every
    /// image of it); ids are 0, 1, 2… in order of first appearance, and -1 for indices not given.
    /// </summary>
    public static int[] EquivalenceClasses(Structure s, IReadOnlyList<SymmetryOperation> ops, IReadOnlyList<int> siteIndices, double tolerance = 0.1)
    {
        CheckTolerance(tolerance);
        var species = SpeciesKey.Assign(s);
        var grid = new SiteGrid(s, species, tolerance);
        var parent = Enumerable.Range(0, s.Count).ToArray();
        int Root(int i) { while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; }
        var given = new bool[s.Count];
        foreach (int i in siteIndices)
        {
            if (i < 0 || i >= s.Count) throw new ArgumentOutOfRangeException(nameof(siteIndices), $"site index {i} is outside 0..{s.Count - 1}");
            given[i] = true;
        }
        foreach (var op in ops)
            foreach (int i in siteIndices)
            {
                var (m, _) = grid.Find(op.Apply(grid.FracOf(i)), species[i]);
                if (m >= 0 && given[m]) parent[Root(m)] = Root(i);
            }
        var result = Enumerable.Repeat(-1, s.Count).ToArray();
        var idOfRoot = new Dictionary<int, int>();
        foreach (int i in siteIndices.OrderBy(i => i))
        {
            int root = Root(i);
            if (!idOfRoot.TryGetValue(root, out int id)) { id = idOfRoot.Count; idOfRoot[root] = id; }
            result[i] = id;
        }
        return result;
    }

    /// <summary>True when every operation maps every site onto a site of the same species within the tolerance.</summary>
    public static bool AllMapOntoItself(Structure s, IReadOnlyList<SymmetryOperation> ops, double tolerance = 0.1)
    {
        var species = SpeciesKey.Assign(s);
        var grid = new SiteGrid(s, species, tolerance);
        return ops.All(op => TryOperation(grid, species, op.Rotation, op.Translation) is not null);
    }

    /// <summary>
    /// Checks (R, t) against every site; when it is a symmetry returns t corrected by the mean residual, so that
    /// the reported translation is the best fit rather than the one taken from a single atom pair.
    /// </summary>
    private static Vec3? TryOperation(SiteGrid grid, int[] species, int[,] r, Vec3 t)
    {
        var op = new SymmetryOperation(r, t);
        var sum = Vec3.Zero;
        for (int i = 0; i < species.Length; i++)
        {
            var (m, residual) = grid.Find(op.Apply(grid.FracOf(i)), species[i]);
            if (m < 0) return null;
            sum += residual;
        }
        return (t + sum / species.Length).Wrap();
    }

    private static bool CloseTranslation(Lattice l, Vec3 a, Vec3 b, double tol)
    {
        var d = a - b;
        d -= d.Round();
        return l.ToCartesian(d).Norm < tol;
    }

    private static IEnumerable<int[,]> OrderedWithIdentityFirst(List<int[,]> rotations) =>
        rotations.OrderBy(r => IsIdentity(r) ? 0 : 1);

    private static bool IsIdentity(int[,] r)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (r[i, j] != (i == j ? 1 : 0)) return false;
        return true;
    }

    private static List<SymmetryOperation> Distinct(IReadOnlyList<SymmetryOperation> ops)
    {
        var list = new List<SymmetryOperation>();
        foreach (var op in ops)
            if (!list.Contains(op)) list.Add(op);
        return list;
    }

    private static void CheckTolerance(double tolerance)
    {
        if (!(tolerance > 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), "symmetry tolerance must be a positive number of Å");
    }
}
