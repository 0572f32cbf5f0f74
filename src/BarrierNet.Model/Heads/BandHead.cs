using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The band head: one graph of the host and all five ion images. Plain mean pooling over ~111 atoms would give the
/// images 5% of the vote, so the hop is read three ways and concatenated: the mean over the five images, the mean
/// weighted by exp(−d/λ) of the distance to the path (the images' neighbourhood), and the plain mean (the host).
/// </summary>
internal sealed class BandHead : BarrierHead
{
    public BandHead(HeadConfig config) : base(nameof(BandHead), config, 3 * config.Backbone.Width)
    {
    }

    protected override Tensor Embed(HopBatch batch)
    {
        using var scope = NewDisposeScope();
        var g = batch.Primary;
        var nodes = Backbone.Forward(g).Nodes;
        var images = HeadPooling.WeightedMean(nodes, g.NodeIsImage, g);
        var near = HeadPooling.WeightedMean(nodes, g.NodeWeights, g);
        var all = HeadPooling.Mean(nodes, g);
        return cat(new[] { images, near, all }, 1).MoveToOuterDisposeScope();
    }
}
