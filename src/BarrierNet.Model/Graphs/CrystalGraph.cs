using BarrierNet.Core;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Neighbors;

namespace BarrierNet.Model.Graphs;

/// <summary>
/// A periodic crystal as a graph, in plain arrays (no tensors, so graphs are cheap to build in parallel and cache):
/// atoms are nodes; bonds are directed edges src → dst carrying the bond vector r = (f_dst + image − f_src)·L;
/// the line graph links bond a→b to bond b→c and carries cos θ between r_ba and r_bc, the bond angle at b.
/// Every bond found from one end is also added from the other, without duplicates, so messages flow both ways.
/// </summary>
internal sealed class CrystalGraph
{
    /// <summary>Atomic number of each atom (index into <see cref="AtomFeatures.Table"/>).</summary>
    public required int[] AtomicNumbers { get; init; }
    public required int[] EdgeSource { get; init; }
    public required int[] EdgeTarget { get; init; }
    /// <summary>Bond vectors, 3 floats per edge, Å.</summary>
    public required float[] BondVectors { get; init; }
    public required float[] BondLengths { get; init; }
    /// <summary>Line-graph edges: bond <see cref="AngleIncoming"/> (a→b) to bond <see cref="AngleOutgoing"/> (b→c).</summary>
    public required int[] AngleIncoming { get; init; }
    public required int[] AngleOutgoing { get; init; }
    public required float[] AngleCosines { get; init; }

    /// <summary>
    /// Optional per-atom pooling weights (null = all 1): the mean over atoms becomes Σ wᵢhᵢ / Σ wᵢ. Barrier heads use it
    /// to give the migrating-ion images, or atoms near the hop, more of the vote.
    /// </summary>
    public float[]? AtomWeights { get; init; }

    /// <summary>Optional flags marking atoms as images of the migrating ion (a band's images); null = none.</summary>
    public bool[]? IsImage { get; init; }

    public int AtomCount => AtomicNumbers.Length;
    public int EdgeCount => EdgeSource.Length;
    public int AngleCount => AngleIncoming.Length;

    /// <summary>The same graph with per-atom weights and image flags attached (arrays are shared, not copied).</summary>
    public CrystalGraph WithAtomAnnotations(float[]? weights, bool[]? isImage)
    {
        if (weights is not null && weights.Length != AtomCount) throw new ArgumentException("one weight per atom is needed");
        if (isImage is not null && isImage.Length != AtomCount) throw new ArgumentException("one image flag per atom is needed");
        return new CrystalGraph
        {
            AtomicNumbers = AtomicNumbers, EdgeSource = EdgeSource, EdgeTarget = EdgeTarget, BondVectors = BondVectors,
            BondLengths = BondLengths, AngleIncoming = AngleIncoming, AngleOutgoing = AngleOutgoing, AngleCosines = AngleCosines,
            AtomWeights = weights, IsImage = isImage,
        };
    }

    public static CrystalGraph Build(Structure s, GraphSettings settings) => Build(s, settings, null);

    /// <summary>
    /// The graph of <paramref name="s"/> restricted to the bonds between atoms flagged in <paramref name="among"/>
    /// (null: all atoms); every atom stays, so <see cref="Heads.GraphCrop"/> then drops the unflagged ones. Without a
    /// line graph the bonds and their order are those of the whole structure's graph cropped alike, at the cost of
    /// the flagged atoms' neighbour search only. With one, each atom's shortest bonds (which carry the angles) may
    /// lead to unflagged atoms, so the whole graph is built.
    /// </summary>
    public static CrystalGraph Build(Structure s, GraphSettings settings, bool[]? among)
    {
        if (settings.HasAngles) among = null;
        var z = new int[s.Count];
        for (int i = 0; i < s.Count; i++)
        {
            if (!Elements.TryGet(s[i].Element, out var el)) throw new ArgumentException($"unknown element '{s[i].Element}'");
            if (el.Z > AtomFeatures.MaxZ) throw new ArgumentException($"element '{el.Symbol}' is beyond Z = {AtomFeatures.MaxZ}");
            z[i] = el.Z;
        }
        var neighbors = NeighborSearch.KNearest(s.Lattice, s.Sites.Select(x => x.Frac).ToArray(), among, settings.Neighbors, settings.Cutoff);
        return FromNeighbors(z, neighbors, settings, among);
    }

    /// <summary>Builds the graph from neighbour lists (one list per atom, as <see cref="NeighborSearch.KNearest"/> returns).</summary>
    /// <param name="among">When given, only bonds between flagged atoms are kept (see <see cref="Build(Structure, GraphSettings, bool[])"/>).</param>
    public static CrystalGraph FromNeighbors(int[] atomicNumbers, IReadOnlyList<List<Neighbor>> neighbors, GraphSettings settings, bool[]? among = null)
    {
        int n = atomicNumbers.Length;
        var seen = new HashSet<(int, int, int, int, int)>();
        var edges = new List<(int Src, int Dst, Vec3 V, double L, (int A, int B, int C) Img)>();
        void Add(int i, int j, (int A, int B, int C) img, Vec3 v, double l)
        {
            if (seen.Add((i, j, img.A, img.B, img.C))) edges.Add((i, j, v, l, img));
        }
        for (int i = 0; i < n; i++)
            foreach (var nb in neighbors[i])
            {
                if (among is not null && !(among[nb.Center] && among[nb.Index])) continue;
                Add(nb.Center, nb.Index, nb.Image, nb.Vector, nb.Distance);
                Add(nb.Index, nb.Center, (-nb.Image.A, -nb.Image.B, -nb.Image.C), -nb.Vector, nb.Distance);
            }
        // Order edges by source atom, then length, then target and image: a canonical order that the line graph relies
        // on, the same whatever order the neighbours were found in.
        edges.Sort((x, y) => x.Src != y.Src ? x.Src.CompareTo(y.Src) : x.L != y.L ? x.L.CompareTo(y.L) : x.Dst != y.Dst ? x.Dst.CompareTo(y.Dst) : x.Img.CompareTo(y.Img));
        int e = edges.Count;
        var src = new int[e]; var dst = new int[e]; var vec = new float[3 * e]; var len = new float[e];
        var first = new int[n + 1];
        for (int k = 0; k < e; k++)
        {
            src[k] = edges[k].Src; dst[k] = edges[k].Dst; len[k] = (float)edges[k].L;
            vec[3 * k] = (float)edges[k].V.X; vec[3 * k + 1] = (float)edges[k].V.Y; vec[3 * k + 2] = (float)edges[k].V.Z;
            first[edges[k].Src + 1]++;
        }
        for (int i = 0; i < n; i++) first[i + 1] += first[i];

        var aIn = new List<int>(); var aOut = new List<int>(); var aCos = new List<float>();
        if (settings.HasAngles)
        {
            // For each atom b, its shortest outgoing bonds (ties kept) are the only ones that carry angles.
            var shortEnd = new int[n];
            for (int b = 0; b < n; b++)
            {
                int lo = first[b], hi = first[b + 1];
                int cnt = Math.Min(settings.AnglesPerBond, hi - lo);
                if (cnt == 0) { shortEnd[b] = lo; continue; }
                double limit = edges[lo + cnt - 1].L + 1e-4;
                int end = lo + cnt;
                while (end < hi && edges[end].L <= limit) end++;
                shortEnd[b] = end;
            }
            for (int k1 = 0; k1 < e; k1++)
            {
                int b = dst[k1];
                var rba = -edges[k1].V;
                for (int k2 = first[b]; k2 < shortEnd[b]; k2++)
                {
                    var rbc = edges[k2].V;
                    // Skip the bond straight back (b→a in the same image): its angle is trivially 0.
                    if (dst[k2] == src[k1] && (rbc - rba).NormSquared < 1e-10) continue;
                    double c = rba.Dot(rbc) / (edges[k1].L * edges[k2].L);
                    aIn.Add(k1); aOut.Add(k2); aCos.Add((float)Math.Clamp(c, -1.0, 1.0));
                }
            }
        }
        return new CrystalGraph
        {
            AtomicNumbers = atomicNumbers, EdgeSource = src, EdgeTarget = dst, BondVectors = vec, BondLengths = len,
            AngleIncoming = aIn.ToArray(), AngleOutgoing = aOut.ToArray(), AngleCosines = aCos.ToArray(),
        };
    }

    /// <summary>Builds many graphs on <paramref name="threads"/> threads (graph building is CPU-heavy).</summary>
    public static CrystalGraph[] BuildMany(IReadOnlyList<Structure> structures, GraphSettings settings, int threads)
    {
        var result = new CrystalGraph[structures.Count];
        Parallel.For(0, structures.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            i => result[i] = Build(structures[i], settings));
        return result;
    }
}
