using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Neighbors;

/// <summary>
/// Periodic neighbour search. Atoms are binned by fractional coordinate into cells at least one radius wide
/// (measured perpendicular to the cell faces, so skewed triclinic cells are handled exactly); a neighbour of an atom
/// in bin b along an axis can only sit in the "virtual" bins b − k … b + k with k = ⌈r / bin width⌉, each virtual bin
/// being a real bin in some periodic image. Thin cells (width &lt; r) simply get k &gt; 1.
/// </summary>
internal static class NeighborSearch
{
    /// <summary>All neighbours within <paramref name="radius"/> Å of every atom (self-images included, the atom itself excluded).</summary>
    public static List<Neighbor>[] WithinRadius(Structure s, double radius) =>
        WithinRadius(s.Lattice, s.Sites.Select(x => x.Frac).ToArray(), radius);

    public static List<Neighbor>[] WithinRadius(Lattice lattice, IReadOnlyList<Vec3> fractional, double radius) =>
        WithinRadius(lattice, fractional, radius, null);

    /// <summary>As above, searching only around the atoms flagged in <paramref name="centers"/> (null: all); the
    /// other atoms still count as neighbours but get empty lists of their own.</summary>
    public static List<Neighbor>[] WithinRadius(Lattice lattice, IReadOnlyList<Vec3> fractional, double radius, bool[]? centers)
    {
        var result = new List<Neighbor>[fractional.Count];
        for (int i = 0; i < result.Length; i++) result[i] = new List<Neighbor>();
        var collect = new Collector(result);
        Search(lattice, fractional, radius, ref collect, centers);
        return result;
    }

    /// <summary>What the search does with each pair found: the image relative to the given (unwrapped) coordinates,
    /// the Cartesian vector and its squared length.</summary>
    private interface IPairSink
    {
        /// <summary>
        /// True when the sink only needs each unordered pair once: the search then skips j &lt; i, since atom j sees
        /// atom i through the opposite image at the same distance, and the sink counts that pair for both directions.
        /// </summary>
        static abstract bool OneDirection { get; }

        void Add(int i, int j, (int, int, int) image, Vec3 d, double d2);
    }

    private readonly struct Collector(List<Neighbor>[] lists) : IPairSink
    {
        public static bool OneDirection => false;
        public void Add(int i, int j, (int, int, int) image, Vec3 d, double d2) => lists[i].Add(new Neighbor(i, j, image, d, Math.Sqrt(d2)));
    }

    /// <summary>Counts directed pairs: a pair of two atoms found once stands for both directions; an atom's own
    /// images are found in both directions already (image L and −L).</summary>
    private struct Counter : IPairSink
    {
        public long Count;
        public static bool OneDirection => true;
        public void Add(int i, int j, (int, int, int) image, Vec3 d, double d2) => Count += i == j ? 1 : 2;
    }

    /// <summary>
    /// The binned search, handing every pair within the radius to <paramref name="sink"/> (a struct, so that counting
    /// compiles to a counter increment instead of building a million neighbour records). The atoms of each bin sit
    /// next to each other in index order (<paramref name="fractional"/>'s order within a bin, as lists would keep
    /// them), with their wrapped coordinates, so the innermost loop reads arrays front to back.
    /// </summary>
    private static void Search<TSink>(Lattice lattice, IReadOnlyList<Vec3> fractional, double radius, ref TSink sink, bool[]? centers = null) where TSink : struct, IPairSink
    {
        if (centers is not null && centers.Length != fractional.Count) throw new ArgumentException("one centre flag per atom is needed");
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentException("neighbour radius must be a positive number");
        int n = fractional.Count;
        if (n == 0) return;

        var widths = lattice.PerpendicularWidths;
        var nb = new int[3];
        var reach = new int[3];
        for (int ax = 0; ax < 3; ax++)
        {
            nb[ax] = Math.Max(1, Math.Min(64, (int)Math.Floor(widths[ax] / radius)));
            double binWidth = widths[ax] / nb[ax];
            reach[ax] = (int)Math.Ceiling(radius / binWidth - 1e-12);
            if (reach[ax] < 1) reach[ax] = 1;
        }

        // Wrapped coordinates, the lattice shift that wrapped them, and the bin of each atom.
        var wrapped = new Vec3[n];
        var shift = new (int, int, int)[n];
        var binOf = new (int, int, int)[n];
        var key = new int[n];
        var binStart = new int[nb[0] * nb[1] * nb[2] + 1];
        for (int i = 0; i < n; i++)
        {
            var f = fractional[i];
            var fl = f.Floor();
            var w = f - fl;
            // Guard against w == 1 from rounding.
            w = new Vec3(w.X >= 1 ? 0 : w.X, w.Y >= 1 ? 0 : w.Y, w.Z >= 1 ? 0 : w.Z);
            wrapped[i] = w;
            shift[i] = ((int)fl.X, (int)fl.Y, (int)fl.Z);
            int ba = Math.Min(nb[0] - 1, (int)(w.X * nb[0]));
            int bb = Math.Min(nb[1] - 1, (int)(w.Y * nb[1]));
            int bc = Math.Min(nb[2] - 1, (int)(w.Z * nb[2]));
            binOf[i] = (ba, bb, bc);
            key[i] = (ba * nb[1] + bb) * nb[2] + bc;
            binStart[key[i] + 1]++;
        }
        // Bin b holds atoms[binStart[b] .. binStart[b + 1]), in index order; bx, by, bz are their wrapped coordinates.
        for (int b = 1; b < binStart.Length; b++) binStart[b] += binStart[b - 1];
        var atoms = new int[n];
        var bx = new double[n];
        var by = new double[n];
        var bz = new double[n];
        var fill = binStart[..^1];
        for (int i = 0; i < n; i++)
        {
            int slot = fill[key[i]]++;
            atoms[slot] = i;
            (bx[slot], by[slot], bz[slot]) = (wrapped[i].X, wrapped[i].Y, wrapped[i].Z);
        }

        // The lattice matrix in locals: the same products as Lattice.ToCartesian, in the same order (same rounding),
        // without its two-dimensional array reads in the innermost loop.
        var m = lattice.Matrix;
        double m00 = m[0, 0], m01 = m[0, 1], m02 = m[0, 2], m10 = m[1, 0], m11 = m[1, 1], m12 = m[1, 2], m20 = m[2, 0], m21 = m[2, 1], m22 = m[2, 2];
        double r2 = radius * radius;
        for (int i = 0; i < n; i++)
        {
            if (centers is not null && !centers[i]) continue;
            var (ba, bb, bc) = binOf[i];
            var fi = wrapped[i];
            for (int va = ba - reach[0]; va <= ba + reach[0]; va++)
            {
                int ra = Mod(va, nb[0]), ia = FloorDiv(va, nb[0]);
                for (int vb = bb - reach[1]; vb <= bb + reach[1]; vb++)
                {
                    int rb = Mod(vb, nb[1]), ib = FloorDiv(vb, nb[1]);
                    for (int vc = bc - reach[2]; vc <= bc + reach[2]; vc++)
                    {
                        int rc = Mod(vc, nb[2]), ic = FloorDiv(vc, nb[2]);
                        int bin = (ra * nb[1] + rb) * nb[2] + rc;
                        for (int slot = binStart[bin], end = binStart[bin + 1]; slot < end; slot++)
                        {
                            int j = atoms[slot];
                            if (TSink.OneDirection && j < i) continue;
                            if (j == i && ia == 0 && ib == 0 && ic == 0) continue;
                            double fx = bx[slot] + ia - fi.X, fy = by[slot] + ib - fi.Y, fz = bz[slot] + ic - fi.Z;
                            var d = new Vec3(fx * m00 + fy * m10 + fz * m20, fx * m01 + fy * m11 + fz * m21, fx * m02 + fy * m12 + fz * m22);
                            double l2 = d.NormSquared;
                            if (l2 > r2) continue;
                            // Express the image relative to the original (unwrapped) coordinates.
                            sink.Add(i, j, (ia + shift[i].Item1 - shift[j].Item1, ib + shift[i].Item2 - shift[j].Item2, ic + shift[i].Item3 - shift[j].Item3), d, l2);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Reference implementation: every atom against every image in a box large enough to be exact.</summary>
    public static List<Neighbor>[] BruteForce(Lattice lattice, IReadOnlyList<Vec3> fractional, double radius)
    {
        int n = fractional.Count;
        var widths = lattice.PerpendicularWidths;
        var m = new int[3];
        // The box must also cover the spread of the given coordinates, which need not lie in [0, 1).
        for (int ax = 0; ax < 3; ax++)
        {
            double span = n == 0 ? 0 : fractional.Max(f => f[ax]) - fractional.Min(f => f[ax]);
            m[ax] = (int)Math.Ceiling(radius / widths[ax] + span) + 1;
        }
        var result = new List<Neighbor>[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = new List<Neighbor>();
            for (int j = 0; j < n; j++)
                for (int a = -m[0]; a <= m[0]; a++)
                    for (int b = -m[1]; b <= m[1]; b++)
                        for (int c = -m[2]; c <= m[2]; c++)
                        {
                            if (i == j && a == 0 && b == 0 && c == 0) continue;
                            var d = lattice.ToCartesian(fractional[j] + new Vec3(a, b, c) - fractional[i]);
                            double l = d.Norm;
                            if (l <= radius) result[i].Add(new Neighbor(i, j, (a, b, c), d, l));
                        }
        }
        return result;
    }

    /// <summary>Number of directed neighbour pairs within <paramref name="radius"/> Å (what `info --neighbors` reports).</summary>
    public static long CountPairs(Structure s, double radius) => CountWithinRadius(s.Lattice, s.Sites.Select(x => x.Frac).ToArray(), radius);

    /// <summary>
    /// Directed pairs within <paramref name="radius"/> Å between distinct positions: a mixed site (several
    /// <see cref="Site"/>s at one point) counts once, as pymatgen's <c>get_neighbor_list</c> counts it.
    /// Equal to <see cref="CountPairs"/> for an ordered structure.
    /// </summary>
    public static long CountPositionPairs(Structure s, double radius) => CountWithinRadius(s.Lattice, SitePositions.Distinct(s), radius);

    /// <summary>Number of directed pairs within <paramref name="radius"/> Å: the pairs <see cref="WithinRadius(Lattice, IReadOnlyList{Vec3}, double)"/> lists, without listing them.</summary>
    public static long CountWithinRadius(Lattice lattice, IReadOnlyList<Vec3> fractional, double radius)
    {
        var count = new Counter();
        Search(lattice, fractional, radius, ref count);
        return count.Count;
    }

    /// <summary>
    /// For each atom, every neighbour up to its k-th nearest distance (ties within <paramref name="tieTolerance"/> kept),
    /// searched within <paramref name="cutoff"/> Å; when an atom has fewer than k neighbours the cutoff grows by 2 Å and
    /// the search repeats, as in the reference ALIGNN graph. Pairs closer than <paramref name="minDistance"/> are dropped.
    /// Lists are sorted by distance.
    /// The search starts at a smaller radius, enough for about 2k atoms at the cell's mean density, and widens towards
    /// the cutoff only while some atom's k-th neighbour (plus the tie tolerance) lies beyond it: the answer is the same
    /// as a search at the full cutoff, at a fraction of the distances (graph building was most of screening's cost).
    /// </summary>
    public static List<Neighbor>[] KNearest(Lattice lattice, IReadOnlyList<Vec3> fractional, int k = 12, double cutoff = 8.0,
        double minDistance = 0.15, double tieTolerance = 1e-4) => KNearest(lattice, fractional, null, k, cutoff, minDistance, tieTolerance);

    /// <summary>
    /// As above, for the atoms flagged in <paramref name="centers"/> only (null: all): each of them gets the same
    /// neighbours as in the search over every atom (all atoms are candidates), the others empty lists. A graph cropped
    /// to a region needs no more, and the search costs in proportion to the atoms kept.
    /// </summary>
    public static List<Neighbor>[] KNearest(Lattice lattice, IReadOnlyList<Vec3> fractional, bool[]? centers, int k = 12, double cutoff = 8.0,
        double minDistance = 0.15, double tieTolerance = 1e-4)
    {
        if (k < 1) throw new ArgumentException("k must be at least 1");
        int n = fractional.Count;
        double r = n == 0 ? cutoff : Math.Min(cutoff, Math.Cbrt(3.0 * 2 * k * Math.Abs(lattice.Volume) / (4 * Math.PI * n)));
        for (int attempt = 0; ; attempt++)
        {
            var all = WithinRadius(lattice, fractional, r, centers);
            bool enough = true;
            var result = new List<Neighbor>[all.Length];
            for (int i = 0; i < all.Length; i++)
            {
                if (centers is not null && !centers[i]) { result[i] = all[i]; continue; }
                var list = all[i].Where(x => x.Distance >= minDistance).ToList();
                list.Sort((x, y) => x.Distance.CompareTo(y.Distance));
                // Below the cutoff the k-th distance plus its ties must lie inside r, or a closer image may be missing.
                if (list.Count < k || (r < cutoff && list[k - 1].Distance + tieTolerance > r)) { enough = false; break; }
                double kth = list[k - 1].Distance + tieTolerance;
                int cnt = k;
                while (cnt < list.Count && list[cnt].Distance <= kth) cnt++;
                result[i] = list.GetRange(0, cnt);
            }
            if (enough) return result;
            if (attempt > 40) throw new InvalidOperationException($"fewer than {k} neighbours within {r:F1} Å; structure is too sparse");
            r = r < cutoff ? Math.Min(cutoff, r * 1.3) : r + 2.0;
        }
    }

    public static List<Neighbor>[] KNearest(Structure s, int k = 12, double cutoff = 8.0) =>
        KNearest(s.Lattice, s.Sites.Select(x => x.Frac).ToArray(), k, cutoff);

    private static int Mod(int a, int m) { int r = a % m; return r < 0 ? r + m : r; }
    private static int FloorDiv(int a, int m) => (int)Math.Floor((double)a / m);
}
