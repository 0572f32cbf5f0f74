namespace BarrierNet.Core.Migration;

/// <summary>One hop instance between two ion sites of the unit cell: site <see cref="To"/> in cell <see cref="Image"/> seen from site <see cref="From"/> in the home cell.</summary>
internal readonly record struct PercolationEdge(int From, int To, (int A, int B, int C) Image, double Barrier);

/// <summary>Smallest barriers at which the hops form an infinite network of dimension ≥ 1, 2 and 3 (null: none within the hops given).</summary>
public sealed record PercolationResult(double? OneD, double? TwoD, double? ThreeD);

/// <summary>
/// A conductor needs a connected network of low-barrier hops, not one easy hop. The percolation barrier in d
/// dimensions is the smallest E such that hops with barrier ≤ E connect the ion sites into a network that is
/// infinite in at least d independent lattice directions. Dimensionality of a periodic component is found the
/// standard way: walk the component giving each site a cell offset; every hop that closes a loop with a non-zero net
/// lattice translation adds that translation; the rank of those translations is the dimension.
/// </summary>
internal static class Percolation
{
    public static PercolationResult Analyze(int siteCount, IReadOnlyList<PercolationEdge> edges)
    {
        double? oneD = null, twoD = null, threeD = null;
        foreach (var threshold in edges.Select(e => e.Barrier).Where(double.IsFinite).Distinct().OrderBy(x => x))
        {
            int dim = MaxDimension(siteCount, edges.Where(e => e.Barrier <= threshold));
            if (dim >= 1) oneD ??= threshold;
            if (dim >= 2) twoD ??= threshold;
            if (dim >= 3) { threeD = threshold; break; }
        }
        return new PercolationResult(oneD, twoD, threeD);
    }

    /// <summary>Largest periodic dimensionality (0–3) over the connected components formed by <paramref name="edges"/>.</summary>
    public static int MaxDimension(int siteCount, IEnumerable<PercolationEdge> edges)
    {
        var adj = new List<(int To, (int, int, int) T)>[siteCount];
        for (int i = 0; i < siteCount; i++) adj[i] = new();
        foreach (var e in edges)
        {
            if (e.From < 0 || e.From >= siteCount || e.To < 0 || e.To >= siteCount)
                throw new ArgumentException("hop refers to a site outside the unit cell");
            adj[e.From].Add((e.To, e.Image));
            adj[e.To].Add((e.From, (-e.Image.A, -e.Image.B, -e.Image.C)));
        }
        var offset = new (int, int, int)?[siteCount];
        int best = 0;
        for (int start = 0; start < siteCount; start++)
        {
            if (offset[start] is not null) continue;
            offset[start] = (0, 0, 0);
            var loops = new List<double[]>();
            var queue = new Queue<int>();
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                int u = queue.Dequeue();
                var ou = offset[u]!.Value;
                foreach (var (v, t) in adj[u])
                {
                    var reach = (ou.Item1 + t.Item1, ou.Item2 + t.Item2, ou.Item3 + t.Item3);
                    if (offset[v] is not { } ov) { offset[v] = reach; queue.Enqueue(v); continue; }
                    var loop = new double[] { reach.Item1 - ov.Item1, reach.Item2 - ov.Item2, reach.Item3 - ov.Item3 };
                    if (loop[0] != 0 || loop[1] != 0 || loop[2] != 0) loops.Add(loop);
                }
            }
            best = Math.Max(best, Rank(loops));
            if (best == 3) break;
        }
        return best;
    }

    private static int Rank(List<double[]> vectors)
    {
        var basis = new List<double[]>();
        foreach (var v0 in vectors)
        {
            var v = (double[])v0.Clone();
            foreach (var b in basis)
            {
                int p = Array.FindIndex(b, x => Math.Abs(x) > 1e-9);
                double f = v[p] / b[p];
                for (int k = 0; k < 3; k++) v[k] -= f * b[k];
            }
            if (v.Any(x => Math.Abs(x) > 1e-9)) basis.Add(v);
            if (basis.Count == 3) break;
        }
        return basis.Count;
    }
}
