using BarrierNet.Core.Crystal;
using BarrierNet.Core.Neighbors;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Lists symmetry-distinct hops: every pair of ion sites (with periodic image) within the maximum hop length, grouped
/// into orbits of the space group. A hop maps onto another when a symmetry operation carries its two endpoints onto
/// the other's endpoints, in either direction; the orbit size per unit cell is the multiplicity.
/// </summary>
internal static class HopFinder
{
    /// <summary>Result: the ion sites with their equivalence classes and labels, and the distinct hops sorted by length.</summary>
    public sealed record Result(IReadOnlyList<IonSite> IonSites, IReadOnlyList<Hop> Hops, int OperationsUsed);

    /// <param name="operations">Space-group operations of the structure (identity alone gives every pair as its own hop).</param>
    /// <param name="tolerance">Cartesian distance (Å) within which an operated site must land on a site.</param>
    public static Result Find(IonFramework framework, IReadOnlyList<SymmetryOperation> operations, double maxHop = 5.0, double tolerance = 0.1)
    {
        if (!(maxHop > 0) || !double.IsFinite(maxHop)) throw new HopException("--max-hop must be a positive number of Å");
        var lattice = framework.Lattice;
        var sites = framework.IonSites;
        int n = sites.Count;
        var frac = sites.Select(s => s.Frac.Wrap()).ToArray();

        // How each usable operation permutes the ion sites: op(site i) = site k + lattice shift.
        var maps = new List<(int Site, Vec3 Shift)[]>();
        var ops = new List<SymmetryOperation>();
        var grid = new SiteGrid(new Structure(lattice, frac.Select(f => new Site(framework.Ion, f)).ToList()), new int[n], tolerance);
        foreach (var op in operations.Prepend(SymmetryOperation.Identity).Distinct())
        {
            var map = MapSites(op, frac, grid);
            if (map is not null) { maps.Add(map); ops.Add(op); }
        }

        var classes = EquivalenceClasses(n, maps);
        // A class keeps the file's label when all its sites share one (CIF "Li1" expanded by symmetry); otherwise
        // (P1 files label every atom apart) it is named by element and class: Li1, Li2, ...
        var classLabel = new Dictionary<int, string>();
        foreach (var g in Enumerable.Range(0, n).GroupBy(i => classes[i]))
        {
            var labels = g.Select(i => sites[i].Label).Distinct().ToList();
            classLabel[g.Key] = labels.Count == 1 && !string.IsNullOrEmpty(labels[0]) ? labels[0]! : $"{sites[g.First()].Element}{g.Key + 1}";
        }
        var labelled = sites.Select((s, i) => s with { Frac = frac[i], EquivalenceClass = classes[i], Label = classLabel[classes[i]] }).ToList();

        // Every undirected pair once, in canonical form.
        var neighbours = NeighborSearch.WithinRadius(lattice, frac, maxHop);
        var pairs = new List<PairKey>();
        var pairIndex = new Dictionary<PairKey, int>();
        for (int i = 0; i < n; i++)
            foreach (var nb in neighbours[i])
            {
                if (nb.Distance < 1e-6) continue;
                var key = PairKey.Canonical(i, nb.Index, nb.Image);
                if (pairIndex.ContainsKey(key)) continue;
                pairIndex[key] = pairs.Count;
                pairs.Add(key);
            }

        // Orbits of pairs under the operations.
        var orbit = new int[pairs.Count];
        Array.Fill(orbit, -1);
        var orbits = new List<List<int>>();
        for (int p = 0; p < pairs.Count; p++)
        {
            if (orbit[p] >= 0) continue;
            var members = new List<int>();
            orbit[p] = orbits.Count;
            members.Add(p);
            var key = pairs[p];
            for (int g = 0; g < maps.Count; g++)
            {
                var image = Transform(key, maps[g], ops[g]);
                if (pairIndex.TryGetValue(image, out int q) && orbit[q] < 0)
                {
                    orbit[q] = orbits.Count;
                    members.Add(q);
                }
            }
            orbits.Add(members);
        }

        var hops = new List<Hop>();
        foreach (var members in orbits)
        {
            // Representative: from the lowest class to the highest, then the shortest image offset, then site indices.
            var rep = members.Select(m => Oriented(pairs[m], classes))
                .OrderBy(k => classes[k.I]).ThenBy(k => classes[k.J])
                .ThenBy(k => Math.Abs(k.A) + Math.Abs(k.B) + Math.Abs(k.C))
                .ThenBy(k => k.I).ThenBy(k => k.J).First();
            var from = frac[rep.I];
            var to = frac[rep.J] + new Vec3(rep.A, rep.B, rep.C);
            var fromCart = lattice.ToCartesian(from);
            var toCart = lattice.ToCartesian(to);
            hops.Add(new Hop(0, framework.Ion,
                rep.I, labelled[rep.I].Label, classes[rep.I],
                rep.J, labelled[rep.J].Label, classes[rep.J],
                (rep.A, rep.B, rep.C), (toCart - fromCart).Norm, members.Count,
                Bottleneck.Of(lattice, framework.Host, from, to),
                from, to, fromCart, toCart));
        }
        var sorted = hops.OrderBy(h => Math.Round(h.Length, 4)).ThenBy(h => h.FromClass).ThenBy(h => h.ToClass).ThenByDescending(h => h.Multiplicity)
            .ThenBy(h => Math.Round(h.Bottleneck, 4))
            .Select((h, i) => h with { Index = i }).ToList();
        return new Result(labelled, sorted, ops.Count);
    }

    /// <summary>
    /// Site permutation of one operation, or null when the operation does not map the ion sublattice onto itself.
    /// The site grid makes this linear in the number of sites (a search over all sites made large cells cubic).
    /// </summary>
    private static (int, Vec3)[]? MapSites(SymmetryOperation op, Vec3[] frac, SiteGrid grid)
    {
        var map = new (int, Vec3)[frac.Length];
        for (int i = 0; i < frac.Length; i++)
        {
            var p = op.Apply(frac[i]);
            var (found, _) = grid.Find(p, 0);
            if (found < 0) return null;
            map[i] = (found, (p - frac[found]).Round());
        }
        return map;
    }

    private static int[] EquivalenceClasses(int n, List<(int Site, Vec3 Shift)[]> maps)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var map in maps)
            for (int i = 0; i < n; i++)
            {
                int a = Find(i), b = Find(map[i].Site);
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        var classOfRoot = new Dictionary<int, int>();
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int r = Find(i);
            if (!classOfRoot.TryGetValue(r, out int c)) classOfRoot[r] = c = classOfRoot.Count;
            result[i] = c;
        }
        return result;
    }

    /// <summary>Image of a pair under an operation: both endpoints move, the relative lattice offset follows the rotation.</summary>
    private static PairKey Transform(PairKey key, (int Site, Vec3 Shift)[] map, SymmetryOperation op)
    {
        var (si, ti) = map[key.I];
        var (sj, tj) = map[key.J];
        var rotated = op.RotateOnly(new Vec3(key.A, key.B, key.C));
        var offset = rotated + tj - ti;
        return PairKey.Canonical(si, sj, ((int)Math.Round(offset.X), (int)Math.Round(offset.Y), (int)Math.Round(offset.Z)));
    }

    /// <summary>The pair directed from the lower equivalence class to the higher (either direction when equal).</summary>
    private static PairKey Oriented(PairKey k, int[] classes) =>
        classes[k.I] <= classes[k.J] ? k : new PairKey(k.J, k.I, -k.A, -k.B, -k.C);

    /// <summary>An undirected pair (site I in the home cell, site J in cell (A, B, C)), stored with I ≤ J.</summary>
    private readonly record struct PairKey(int I, int J, int A, int B, int C)
    {
        public static PairKey Canonical(int i, int j, (int A, int B, int C) img)
        {
            if (i < j) return new PairKey(i, j, img.A, img.B, img.C);
            if (i > j) return new PairKey(j, i, -img.A, -img.B, -img.C);
            // Same site: (a, b, c) and (−a, −b, −c) are one hop; keep the lexicographically positive one.
            bool positive = img.A > 0 || (img.A == 0 && (img.B > 0 || (img.B == 0 && img.C > 0)));
            return positive ? new PairKey(i, i, img.A, img.B, img.C) : new PairKey(i, i, -img.A, -img.B, -img.C);
        }
    }
}
