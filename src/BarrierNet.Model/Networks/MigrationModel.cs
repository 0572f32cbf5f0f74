using BarrierNet.Model.Graphs;
using BarrierNet.Model.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Networks;

/// <summary>
/// The migration pretraining model: the backbone inside a <see cref="MultiPropertyModel"/> (so the result is saved,
/// and loaded by the heads, exactly like the bulk-property backbone; its property heads ride along untrained or as
/// they came) and one barrier head that reads a band as the band head does — the mean over the five ion images, the
/// path-weighted mean and the plain mean of the node features — and predicts the scaled BVSE barrier.
/// </summary>
internal sealed class MigrationModel : nn.Module
{
    public MultiPropertyModel Bulk { get; }
    private readonly PropertyHead barrier;
    private readonly float shift;

    /// <param name="bulk">A fresh or loaded pretraining model whose backbone is trained.</param>
    /// <param name="shift">Added to the head's output: the training labels' median, so training starts centred.</param>
    public MigrationModel(MultiPropertyModel bulk, float shift) : base(nameof(MigrationModel))
    {
        Bulk = bulk;
        int w = bulk.Backbone.Config.Width;
        barrier = new PropertyHead(3 * w, w);
        this.shift = shift;
        RegisterComponents();
    }

    /// <summary>[G] predicted labels of a batch of band graphs (<see cref="HopGraphs.BandGraph"/>).</summary>
    public Tensor Forward(GraphBatch batch)
    {
        using var scope = NewDisposeScope();
        var nodes = Bulk.Backbone.Forward(batch).Nodes;
        var pooled = cat(new[]
        {
            HeadPooling.WeightedMean(nodes, batch.NodeIsImage, batch),
            HeadPooling.WeightedMean(nodes, batch.NodeWeights, batch),
            HeadPooling.Mean(nodes, batch),
        }, 1);
        using var s = shift.ToScalar();
        return (barrier.forward(pooled) + s).MoveToOuterDisposeScope();
    }

    public IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters() => parameters().Where(p => p.requires_grad);
}
