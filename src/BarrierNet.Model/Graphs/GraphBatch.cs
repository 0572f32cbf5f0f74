using BarrierNet.Model.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Graphs;

/// <summary>
/// Many crystal graphs collated into one disjoint graph on a device: node, edge and angle indices are offset so
/// each graph keeps its own atoms, and <see cref="NodeGraph"/> tells pooling which graph each atom belongs to.
/// Dispose it (or create it inside a dispose scope) when the step is done.
/// </summary>
internal sealed class GraphBatch : IDisposable
{
    public required int GraphCount { get; init; }
    public required int[] AtomsPerGraph { get; init; }
    /// <summary>[N] atomic numbers (long).</summary>
    public required Tensor AtomicNumbers { get; init; }
    /// <summary>[E] source and target atom of each bond (long).</summary>
    public required Tensor EdgeSource { get; init; }
    public required Tensor EdgeTarget { get; init; }
    /// <summary>[E, 3] bond vectors and [E] lengths, Å.</summary>
    public required Tensor BondVectors { get; init; }
    public required Tensor BondLengths { get; init; }
    /// <summary>[T] line-graph edges (bond a→b, bond b→c) and their [T] cos θ.</summary>
    public required Tensor AngleIncoming { get; init; }
    public required Tensor AngleOutgoing { get; init; }
    public required Tensor AngleCosines { get; init; }
    /// <summary>[N] graph index of each atom (long), for pooling.</summary>
    public required Tensor NodeGraph { get; init; }
    /// <summary>[N] pooling weight of each atom (1 unless the graphs carried weights).</summary>
    public required Tensor NodeWeights { get; init; }
    /// <summary>[N] 1 for atoms flagged as migrating-ion images, else 0.</summary>
    public required Tensor NodeIsImage { get; init; }
    public required int AtomCount { get; init; }
    public required int EdgeCount { get; init; }
    public required int AngleCount { get; init; }

    public static GraphBatch Collate(IReadOnlyList<CrystalGraph> graphs, Device device)
    {
        int n = graphs.Sum(g => g.AtomCount), e = graphs.Sum(g => g.EdgeCount), t = graphs.Sum(g => g.AngleCount);
        var z = new long[n]; var nodeGraph = new long[n]; var w = new float[n]; var img = new float[n];
        var src = new long[e]; var dst = new long[e]; var vec = new float[3 * e]; var len = new float[e];
        var aIn = new long[t]; var aOut = new long[t]; var aCos = new float[t];
        var counts = new int[graphs.Count];
        int no = 0, eo = 0, to = 0;
        for (int gi = 0; gi < graphs.Count; gi++)
        {
            var g = graphs[gi];
            counts[gi] = g.AtomCount;
            for (int i = 0; i < g.AtomCount; i++)
            {
                z[no + i] = g.AtomicNumbers[i]; nodeGraph[no + i] = gi;
                w[no + i] = g.AtomWeights?[i] ?? 1f;
                img[no + i] = g.IsImage is not null && g.IsImage[i] ? 1f : 0f;
            }
            for (int k = 0; k < g.EdgeCount; k++) { src[eo + k] = g.EdgeSource[k] + no; dst[eo + k] = g.EdgeTarget[k] + no; }
            Array.Copy(g.BondVectors, 0, vec, 3 * eo, 3 * g.EdgeCount);
            Array.Copy(g.BondLengths, 0, len, eo, g.EdgeCount);
            for (int k = 0; k < g.AngleCount; k++) { aIn[to + k] = g.AngleIncoming[k] + eo; aOut[to + k] = g.AngleOutgoing[k] + eo; }
            Array.Copy(g.AngleCosines, 0, aCos, to, g.AngleCount);
            no += g.AtomCount; eo += g.EdgeCount; to += g.AngleCount;
        }
        return new GraphBatch
        {
            GraphCount = graphs.Count, AtomsPerGraph = counts, AtomCount = n, EdgeCount = e, AngleCount = t,
            AtomicNumbers = tensor(z, device: device), NodeGraph = tensor(nodeGraph, device: device),
            NodeWeights = tensor(w, device: device), NodeIsImage = tensor(img, device: device),
            EdgeSource = tensor(src, device: device), EdgeTarget = tensor(dst, device: device),
            BondVectors = tensor(vec, new long[] { e, 3 }, device: device), BondLengths = tensor(len, device: device),
            AngleIncoming = tensor(aIn, device: device), AngleOutgoing = tensor(aOut, device: device),
            AngleCosines = tensor(aCos, device: device),
        };
    }

    private Tensor? _bondBasis;
    private (double Min, double Max, int Bins) _bondBasisKey;

    /// <summary>
    /// The bond lengths expanded in <paramref name="basis"/>, computed at the first call and kept with the batch: the
    /// expansion is fixed (no weights), so every member of an ensemble reading this batch shares one. Owned by the
    /// batch (outside any dispose scope) and freed with it.
    /// </summary>
    public Tensor BondBasis(RadialBasis basis)
    {
        if (_bondBasis is { } cached && _bondBasisKey == basis.Key) return cached;
        _bondBasis?.Dispose();
        _bondBasis = basis.forward(BondLengths).DetachFromDisposeScope();
        _bondBasisKey = basis.Key;
        return _bondBasis;
    }

    public void Dispose()
    {
        _bondBasis?.Dispose();
        foreach (var x in new[] { AtomicNumbers, EdgeSource, EdgeTarget, BondVectors, BondLengths, AngleIncoming,
                     AngleOutgoing, AngleCosines, NodeGraph, NodeWeights, NodeIsImage })
            x.Dispose();
    }
}
