using System.Globalization;
using BarrierNet.Core.Crystal;

using BarrierNet.Core.Symmetry;

namespace BarrierNet.Tests.Symmetry;

/// <summary>
/// The first implementation of <see cref="SpaceGroupFingerprint.Of"/>, which wrote every rotation, axis vector and
/// glide kind out as text; kept to check that the implementation on values gives the same fingerprint.
/// </summary>
internal static class ReferenceSpaceGroupFingerprint
{
    /// <summary>
    /// Lattice translations up to <c>reach</c> cells are tried when looking for a true mirror or a pure two-fold in a
    /// coset; enough for standard, primitive and moderately skewed cells (tested on random unimodular cells).
    /// </summary>
    public const int DefaultReach = 3;

    /// <summary>
    /// Tolerance on fractional translations. Operations found from atoms carry translations fitted to coordinates
    /// known to ~0.01 Å, while the distinctions drawn here are between 0 and at least 1/12 of a cell.
    /// </summary>
    private const double Slack = 0.02;

    public static string Of(IReadOnlyList<SymmetryOperation> ops, bool rightHanded = true, int reach = DefaultReach)
    {
        var centrings = new List<Vec3>();
        foreach (var op in ops)
            if (IsIdentity(op.Rotation) && !centrings.Any(c => SameModLattice(c, op.Translation)))
                centrings.Add(op.Translation.Wrap());
        if (centrings.Count == 0) centrings.Add(Vec3.Zero);
        int nT = centrings.Count;

        // Every quantity below is the same for all operations of a coset (same rotation, translations differing by
        // a lattice vector), so one representative per rotation suffices: each counts once per primitive cell.
        var cosets = ops.GroupBy(op => RotationKey(op.Rotation)).Select(x => x.First()).ToList();
        var elements = cosets.Select(op => Classify(op, centrings, rightHanded, reach)).ToList();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Count(string key, int weight = 1) => counts[key] = counts.GetValueOrDefault(key) + weight;
        foreach (var e in elements) Count(e.Key);

        // Glide components along the rotation axes lying in the glide plane: tells n from c glides, Pnnn from Pban.
        foreach (var g in elements.Where(e => e.Det < 0 && e.Order == 2))
        {
            string normalKeys = NormalRotationKeys(g, elements);
            foreach (var h in elements.Where(e => e.Order >= 2))
            {
                if (ReferenceEquals(g, h) || !IsInPlane(g.Op.Rotation, h.Axis) || Parallel(g.Axis, h.Axis)) continue;
                bool zero = IsZeroModProjection(h, g.Op.Translation, nT);
                Count($"G[{g.Key}|{normalKeys}][{h.Key}]{(zero ? 0 : 1)}");
            }
        }

        // Whether pure two-fold axes of different directions meet: I222 from I2_12_12_1, I23 from I2_13.
        var twofolds = elements.Where(e => e.Det > 0 && e.Order == 2 && e.Key.StartsWith("2_0", StringComparison.Ordinal)).ToList();
        var pure = twofolds.ToDictionary(e => e, e => PureRotationTranslations(e, centrings, reach));
        int meeting = 0;
        foreach (var g in twofolds)
            foreach (var h in twofolds)
                if (!ReferenceEquals(g, h) && !Parallel(g.Axis, h.Axis) && AxesCanMeet(g, h, pure[g], pure[h])) meeting++;
        counts["X"] = meeting;

        var parts = counts.Select(kv => kv.Key + "x" + kv.Value.ToString(CultureInfo.InvariantCulture)).ToList();

        // Sublattices spanned by the axes of each pair of element kinds (P321 from P312, P3m1 from P31m, I from F).
        var axesByKey = elements.Where(e => e.AxisVector is not null).GroupBy(e => e.Key, StringComparer.Ordinal)
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => (x.Key, Vectors: x.Select(e => e.AxisVector!).ToList())).ToList();
        for (int a = 0; a < axesByKey.Count; a++)
            for (int b = a; b < axesByKey.Count; b++)
                parts.Add($"L[{axesByKey[a].Key}][{axesByKey[b].Key}]:" + SublatticeIndex(axesByKey[a].Vectors.Concat(axesByKey[b].Vectors).ToList(), nT));
        return string.Join(" ", parts);
    }

    /// <summary>One operation seen as a symmetry element: its kind (Key), rotation order, axis and the data to project onto it.</summary>
    private sealed record Element(SymmetryOperation Op, string Key, int Det, int Order, int[,] S, long[] Axis, long ProjectedGcd, long[]? AxisVector);

    private static Element Classify(SymmetryOperation op, List<Vec3> centrings, bool rightHanded, int reach)
    {
        var r = op.Rotation;
        int det = LatticePointGroup.Det(r);
        var rp = Scale(r, det); // proper part: the rotation itself, or −R for an improper operation
        int trace = rp[0, 0] + rp[1, 1] + rp[2, 2];
        int n = trace switch { 3 => 1, -1 => 2, 0 => 3, 1 => 4, 2 => 6, _ => throw new ArgumentException($"operation {op} is not a crystallographic rotation") };
        string type = (det > 0 ? "" : "-") + n.ToString(CultureInfo.InvariantCulture);
        if (n == 1) return new Element(op, type, det, 1, Identity(), new long[] { 0, 0, 0 }, 1, null);

        int nT = centrings.Count;
        // S = Σ Rp^k maps every vector onto the rotation axis (n times its projection).
        var s = new int[3, 3];
        var pow = Identity();
        for (int k = 0; k < n; k++) { Add(s, pow); pow = Mul(pow, rp); }
        var d = AxisDirection(s);
        long dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];

        // Shortest lattice vector along the axis: d/m with the largest m for which d/m is a lattice vector.
        int m = 1;
        for (int cand = nT; cand >= 1; cand--)
            if (nT % cand == 0 && IsLatticeVector(new Vec3((double)d[0] / cand, (double)d[1] / cand, (double)d[2] / cand), centrings)) { m = cand; break; }

        // Projection of the whole lattice onto the axis, with coordinate λ(v) = v·d/d·d scaled by nT·n·d·d so that
        // it is an integer: generated by S·e_i and S·c for the centring translations c.
        long denom = (long)nT * n * dd;
        long g = 0;
        for (int i = 0; i < 3; i++) g = Gcd(g, (long)nT * (s[0, i] * d[0] + s[1, i] * d[1] + s[2, i] * d[2]));
        foreach (var c in centrings)
        {
            var sc = Apply(s, c * nT);
            g = Gcd(g, (long)Math.Round(sc.X * d[0] + sc.Y * d[1] + sc.Z * d[2]));
        }
        g = Math.Max(g, 1);
        // Index of (lattice ∩ axis) in (projection of lattice): (denom/m) / g.
        long axisIndex = denom / m / g;
        var axisVector = new[] { d[0] * nT / m, d[1] * nT / m, d[2] * nT / m };

        string key;
        if (det > 0)
        {
            // Intrinsic (screw) translation along the axis, in units of the projected lattice period.
            double q = ProjectedFraction(s, d, g, nT, op.Translation);
            int pn = (int)Math.Round(q * n) % n;
            int sense = n >= 3 ? RotationSense(rp, d) * (rightHanded ? 1 : -1) : 1;
            int p = ((pn * sense) % n + n) % n;
            key = $"{type}_{p}/i{axisIndex}";
        }
        else if (n == 2) key = (HasFixedPlane(op, centrings, reach) ? "m" : "g") + $"/i{axisIndex}";
        else key = $"{type}/i{axisIndex}"; // rotoinversions always have a fixed point
        return new Element(op, key, det, n, s, d, g, axisVector);
    }

    /// <summary>Coordinate of the projection of t onto the axis of S, in periods of the projected lattice, modulo 1.</summary>
    private static double ProjectedFraction(int[,] s, long[] d, long g, int nT, Vec3 t)
    {
        var st = Apply(s, t);
        double lambda = (st.X * d[0] + st.Y * d[1] + st.Z * d[2]) * nT / g;
        double q = lambda - Math.Floor(lambda);
        return q;
    }

    private static bool IsZeroModProjection(Element h, Vec3 t, int nT)
    {
        // The component is 0 or half a period; anything near 0 (or 1) is 0.
        double q = ProjectedFraction(h.S, h.Axis, h.ProjectedGcd, nT, t);
        return q < 0.25 || q > 0.75;
    }

    /// <summary>Keys of the proper two-fold rotations about the normal of a mirror/glide (those with rotation −R).</summary>
    private static string NormalRotationKeys(Element g, List<Element> elements)
    {
        var minus = Scale(g.Op.Rotation, -1);
        var keys = elements.Where(e => e.Det > 0 && RotationKey(e.Op.Rotation) == RotationKey(minus)).Select(e => e.Key).Distinct().OrderBy(k => k, StringComparer.Ordinal);
        return string.Join(",", keys);
    }

    /// <summary>
    /// True when some pure-rotation representatives of the two two-fold cosets have intersecting axes. The axis of
    /// (R, v) with (I+R)v = 0 passes through v/2, so the axes meet when (v_g − v_h)/2 lies in the plane of the two
    /// axis directions. Searches lattice translations of the representatives over the neighbouring cells.
    /// </summary>
    private static bool AxesCanMeet(Element g, Element h, List<Vec3> pureG, List<Vec3> pureH)
    {
        var normal = Cross(g.Axis, h.Axis);
        double Component(Vec3 v) => v.X * normal[0] + v.Y * normal[1] + v.Z * normal[2];
        var fromG = pureG.Select(Component).OrderBy(x => x).ToArray();
        foreach (var v in pureH)
        {
            double c = Component(v);
            int i = Array.BinarySearch(fromG, c - Slack);
            if (i < 0) i = ~i;
            if (i < fromG.Length && fromG[i] <= c + Slack) return true;
        }
        return false;
    }

    private static List<Vec3> PureRotationTranslations(Element e, List<Vec3> centrings, int reach)
    {
        var list = new List<Vec3>();
        var rot = new SymmetryOperation(e.Op.Rotation, Vec3.Zero);
        foreach (var c in centrings)
            for (int a = -reach; a <= reach; a++)
                for (int b = -reach; b <= reach; b++)
                    for (int k = -reach; k <= reach; k++)
                    {
                        var v = e.Op.Translation.Wrap() + c + new Vec3(a, b, k);
                        var w = v + rot.RotateOnly(v);
                        if (Math.Abs(w.X) < Slack && Math.Abs(w.Y) < Slack && Math.Abs(w.Z) < Slack) list.Add(v);
                    }
        return list;
    }

    private static string RotationKey(int[,] r) => string.Join(",", r.Cast<int>());

    private static bool IsInPlane(int[,] mirror, long[] axis)
    {
        for (int i = 0; i < 3; i++)
            if (mirror[i, 0] * axis[0] + mirror[i, 1] * axis[1] + mirror[i, 2] * axis[2] != axis[i]) return false;
        return true;
    }

    private static bool Parallel(long[] a, long[] b) => Cross(a, b).All(x => x == 0);

    /// <summary>True when some operation of the coset (op composed with a lattice translation) is a true mirror.</summary>
    private static bool HasFixedPlane(SymmetryOperation op, List<Vec3> centrings, int reach)
    {
        var rotation = new SymmetryOperation(op.Rotation, Vec3.Zero);
        foreach (var c in centrings)
            for (int a = -reach; a <= reach; a++)
                for (int b = -reach; b <= reach; b++)
                    for (int e = -reach; e <= reach; e++)
                    {
                        var t = op.Translation + c + new Vec3(a, b, e);
                        // Glide part (I + R)·t / 2 must vanish for a mirror.
                        var rt = rotation.RotateOnly(t);
                        var w = (t + rt) * 0.5;
                        if (Math.Abs(w.X) < Slack && Math.Abs(w.Y) < Slack && Math.Abs(w.Z) < Slack) return true;
                    }
        return false;
    }

    /// <summary>+1 when Rp turns counter-clockwise (by less than 180°) looking down +d, in a right-handed cell.</summary>
    private static int RotationSense(int[,] rp, long[] d)
    {
        // Pick the basis vector least parallel to d.
        int i = Math.Abs(d[0]) <= Math.Abs(d[1]) && Math.Abs(d[0]) <= Math.Abs(d[2]) ? 0 : Math.Abs(d[1]) <= Math.Abs(d[2]) ? 1 : 2;
        var v = new long[3]; v[i] = 1;
        var rv = new long[] { rp[0, i], rp[1, i], rp[2, i] };
        long triple = d[0] * (v[1] * rv[2] - v[2] * rv[1]) - d[1] * (v[0] * rv[2] - v[2] * rv[0]) + d[2] * (v[0] * rv[1] - v[1] * rv[0]);
        return Math.Sign(triple);
    }

    /// <summary>Index in the lattice (volume 1/nT) of the sublattice spanned by the given vectors (scaled by nT); "r1"/"r2" when they span less than 3D.</summary>
    private static string SublatticeIndex(List<long[]> vectors, int nT)
    {
        var distinct = vectors.Select(v => Canonical(v)).Distinct().Select(k => k.Split(',').Select(long.Parse).ToArray()).ToList();
        long g = 0;
        for (int a = 0; a < distinct.Count; a++)
            for (int b = a + 1; b < distinct.Count; b++)
                for (int c = b + 1; c < distinct.Count; c++)
                    g = Gcd(g, Math.Abs(Det3(distinct[a], distinct[b], distinct[c])));
        if (g == 0)
        {
            bool plane = false;
            for (int a = 0; a < distinct.Count && !plane; a++)
                for (int b = a + 1; b < distinct.Count && !plane; b++)
                    plane = Cross(distinct[a], distinct[b]).Any(x => x != 0);
            return plane ? "r2" : "r1";
        }
        return (g / ((long)nT * nT)).ToString(CultureInfo.InvariantCulture);
    }

    private static string Canonical(long[] v)
    {
        // v and −v span the same line; keep the one whose first non-zero component is positive.
        int sign = v.First(x => x != 0) > 0 ? 1 : -1;
        return string.Join(",", v.Select(x => x * sign));
    }

    private static long[] AxisDirection(int[,] s)
    {
        long[] best = { 0, 0, 0 }; long bestNorm = 0;
        for (int i = 0; i < 3; i++)
        {
            var col = new long[] { s[0, i], s[1, i], s[2, i] };
            long norm = col.Sum(x => x * x);
            if (norm > bestNorm) { best = col; bestNorm = norm; }
        }
        long g = Gcd(Gcd(Math.Abs(best[0]), Math.Abs(best[1])), Math.Abs(best[2]));
        return best.Select(x => x / g).ToArray();
    }

    private static bool IsLatticeVector(Vec3 v, List<Vec3> centrings) => centrings.Any(c => SameModLattice(v, c));

    private static bool SameModLattice(Vec3 a, Vec3 b)
    {
        var d = a - b;
        d -= d.Round();
        return Math.Abs(d.X) < Slack && Math.Abs(d.Y) < Slack && Math.Abs(d.Z) < Slack;
    }

    private static bool IsIdentity(int[,] r)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (r[i, j] != (i == j ? 1 : 0)) return false;
        return true;
    }

    private static int[,] Identity() => new[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

    private static int[,] Scale(int[,] r, int f)
    {
        var o = new int[3, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) o[i, j] = f * r[i, j];
        return o;
    }

    private static void Add(int[,] acc, int[,] x)
    {
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) acc[i, j] += x[i, j];
    }

    private static int[,] Mul(int[,] a, int[,] b)
    {
        var o = new int[3, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) o[i, j] += a[i, k] * b[k, j];
        return o;
    }

    private static Vec3 Apply(int[,] s, Vec3 v) => new(
        s[0, 0] * v.X + s[0, 1] * v.Y + s[0, 2] * v.Z,
        s[1, 0] * v.X + s[1, 1] * v.Y + s[1, 2] * v.Z,
        s[2, 0] * v.X + s[2, 1] * v.Y + s[2, 2] * v.Z);

    private static long Det3(long[] a, long[] b, long[] c) =>
        a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);

    private static long[] Cross(long[] a, long[] b) =>
        new[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };

    private static long Gcd(long a, long b) { a = Math.Abs(a); b = Math.Abs(b); while (b != 0) (a, b) = (b, a % b); return a; }
}
