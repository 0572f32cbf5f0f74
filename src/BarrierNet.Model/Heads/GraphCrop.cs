using BarrierNet.Model.Graphs;

namespace BarrierNet.Model.Heads;

/// <summary>
/// Restricts a crystal graph to a subset of its atoms: the graph is built for the whole periodic structure first, so
/// every kept bond is the true bond (periodic images included), and only the far host is dropped. Bonds survive when
/// both ends are kept; angles when both bonds survive. Kept atoms keep their order.
/// </summary>
internal static class GraphCrop
{
    public static CrystalGraph Keep(CrystalGraph g, bool[] keep, float[]? weights, bool[]? isImage)
    {
        if (keep.Length != g.AtomCount) throw new ArgumentException("one keep flag per atom is needed");
        var newIndex = new int[g.AtomCount];
        var z = new List<int>(); var w = new List<float>(); var img = new List<bool>();
        for (int i = 0; i < g.AtomCount; i++)
        {
            newIndex[i] = -1;
            if (!keep[i]) continue;
            newIndex[i] = z.Count;
            z.Add(g.AtomicNumbers[i]);
            if (weights is not null) w.Add(weights[i]);
            if (isImage is not null) img.Add(isImage[i]);
        }
        var newEdge = new int[g.EdgeCount];
        var src = new List<int>(); var dst = new List<int>(); var vec = new List<float>(); var len = new List<float>();
        for (int k = 0; k < g.EdgeCount; k++)
        {
            newEdge[k] = -1;
            int a = newIndex[g.EdgeSource[k]], b = newIndex[g.EdgeTarget[k]];
            if (a < 0 || b < 0) continue;
            newEdge[k] = src.Count;
            src.Add(a); dst.Add(b); len.Add(g.BondLengths[k]);
            vec.Add(g.BondVectors[3 * k]); vec.Add(g.BondVectors[3 * k + 1]); vec.Add(g.BondVectors[3 * k + 2]);
        }
        var aIn = new List<int>(); var aOut = new List<int>(); var aCos = new List<float>();
        for (int t = 0; t < g.AngleCount; t++)
        {
            int p = newEdge[g.AngleIncoming[t]], q = newEdge[g.AngleOutgoing[t]];
            if (p < 0 || q < 0) continue;
            aIn.Add(p); aOut.Add(q); aCos.Add(g.AngleCosines[t]);
        }
        return new CrystalGraph
        {
            AtomicNumbers = z.ToArray(), EdgeSource = src.ToArray(), EdgeTarget = dst.ToArray(), BondVectors = vec.ToArray(),
            BondLengths = len.ToArray(), AngleIncoming = aIn.ToArray(), AngleOutgoing = aOut.ToArray(), AngleCosines = aCos.ToArray(),
            AtomWeights = weights is null ? null : w.ToArray(), IsImage = isImage is null ? null : img.ToArray(),
        };
    }
}
