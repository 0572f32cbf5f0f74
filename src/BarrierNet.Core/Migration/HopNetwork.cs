using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Every instance of every distinct hop in the unit cell, as edges between ion sites: the network a conductor needs.
/// Each distinct hop's representative is carried by all space-group operations onto its equivalent copies, which
/// therefore share its barrier.
/// </summary>
internal static class HopNetwork
{
    public static IReadOnlyList<PercolationEdge> Edges(HopAnalysis analysis, IReadOnlyList<double> barrierPerHop, double tolerance = 0.1)
    {
        if (barrierPerHop.Count != analysis.Hops.Count) throw new ArgumentException("one barrier per distinct hop is needed");
        var lattice = analysis.Framework.Lattice;
        var sites = analysis.IonSites.Select(s => s.Frac.Wrap()).ToArray();
        var ops = analysis.SpaceGroup.Operations.Prepend(SymmetryOperation.Identity).Distinct().ToList();
        var seen = new HashSet<(int, int, int, int, int)>();
        var edges = new List<PercolationEdge>();
        for (int h = 0; h < analysis.Hops.Count; h++)
        {
            var hop = analysis.Hops[h];
            foreach (var op in ops)
            {
                var a = Locate(op.Apply(hop.FromFrac), sites, lattice, tolerance);
                var b = Locate(op.Apply(hop.ToFrac), sites, lattice, tolerance);
                if (a is null || b is null) continue;
                var img = (b.Value.Shift.A - a.Value.Shift.A, b.Value.Shift.B - a.Value.Shift.B, b.Value.Shift.C - a.Value.Shift.C);
                // Undirected: store (i, j, img) and (j, i, −img) as one key.
                var key = a.Value.Site < b.Value.Site || (a.Value.Site == b.Value.Site && Positive(img))
                    ? (a.Value.Site, b.Value.Site, img.Item1, img.Item2, img.Item3)
                    : (b.Value.Site, a.Value.Site, -img.Item1, -img.Item2, -img.Item3);
                if (seen.Add(key)) edges.Add(new PercolationEdge(key.Item1, key.Item2, (key.Item3, key.Item4, key.Item5), barrierPerHop[h]));
            }
        }
        return edges;
    }

    private static bool Positive((int A, int B, int C) v) => v.A > 0 || (v.A == 0 && (v.B > 0 || (v.B == 0 && v.C >= 0)));

    private static (int Site, (int A, int B, int C) Shift)? Locate(Vec3 p, Vec3[] sites, Lattice lattice, double tolerance)
    {
        for (int k = 0; k < sites.Length; k++)
        {
            var d = p - sites[k];
            var r = d.Round();
            if (lattice.ToCartesian(d - r).Norm < tolerance) return (k, ((int)r.X, (int)r.Y, (int)r.Z));
        }
        return null;
    }
}
