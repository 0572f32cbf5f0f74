using BarrierNet.Model.Graphs;

namespace BarrierNet.Model.Heads;

/// <summary>
/// One hop as the heads read it: the band graph (band, attention) or the initial graph (endpoints, difference) as
/// <see cref="Primary"/>, the final graph as <see cref="Secondary"/> for endpoint heads, and the raw hop descriptors.
/// Atom weights on the graphs are the neighbourhood weights exp(−d/λ) of the distance d to the hop path.
/// </summary>
internal sealed record HopSample(CrystalGraph Primary, CrystalGraph? Secondary, double[] Descriptors)
{
    private readonly double[]? _treeDescriptors;

    /// <summary>
    /// The row the head's descriptor models read: the hop descriptors, with the further descriptors their options ask
    /// for appended (the blockage descriptors, <see cref="Baseline.DescriptorBaselineOptions.Row"/>). The GNN reads
    /// <see cref="Descriptors"/> alone, so a head's network input does not change with its descriptor models' options.
    /// </summary>
    public double[] TreeDescriptors { get => _treeDescriptors ?? Descriptors; init => _treeDescriptors = value; }
}
