using static TorchSharp.torch;

namespace BarrierNet.Model.Networks;

/// <summary>What the backbone returns: per-atom features [N, W] and the per-graph weighted mean of them [G, W].</summary>
internal sealed record BackboneOutput(Tensor Nodes, Tensor Pooled);
