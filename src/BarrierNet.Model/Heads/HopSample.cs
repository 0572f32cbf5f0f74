using BarrierNet.Model.Graphs;

namespace BarrierNet.Model.Heads;

/// <summary>
/// One hop as the heads read it: the band graph (band, attention) or the initial graph (endpoints, difference) as
/// <see cref="Primary"/>, the final graph as <see cref="Secondary"/> for endpoint heads, and the raw hop descriptors.
/// Atom weights on the graphs are the neighbourhood weights exp(−d/λ) of the distance d to the hop path.
/// </summary>
internal sealed record HopSample(CrystalGraph Primary, CrystalGraph? Secondary, double[] Descriptors);
