using TorchSharp;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Networks;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>Per-graph pooling of node features with arbitrary per-node weights.</summary>
internal static class HeadPooling
{
    /// <summary>Σ wᵢhᵢ / Σ wᵢ per graph; graphs whose weights are all 0 give 0 (the backbone's pooling, any weights).</summary>
    public static Tensor WeightedMean(Tensor nodes, Tensor weights, GraphBatch batch) => Backbone.WeightedMean(nodes, weights, batch);

    /// <summary>Plain mean over all atoms of each graph.</summary>
    public static Tensor Mean(Tensor nodes, GraphBatch batch) => WeightedMean(nodes, ones_like(batch.NodeWeights), batch);

    /// <summary>
    /// Attention pooling: softmax over each graph's atoms of the scores, Σ aᵢ vᵢ. Scores are bounded to ±10 by a
    /// scaled tanh, so exp stays finite and each graph's softmax is exact.
    /// </summary>
    public static Tensor Attention(Tensor scores, Tensor values, GraphBatch batch)
    {
        using var scope = NewDisposeScope();
        using var ten = 10.0.ToScalar();
        var s = (tanh(scores / ten) * ten).exp();
        return WeightedMean(values, s, batch).MoveToOuterDisposeScope();
    }
}
