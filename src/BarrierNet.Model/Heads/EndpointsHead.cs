using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The endpoints head: the backbone embeds the initial and the final structure separately (each pooled with the
/// path-distance weights, so the ion's neighbourhood dominates) and the two vectors are combined by sum, difference
/// or concatenation (<see cref="HeadOptions.Combine"/>).
/// </summary>
internal sealed class EndpointsHead : BarrierHead
{
    public EndpointsHead(HeadConfig config) : base(nameof(EndpointsHead), config,
        config.Options.Combine == EndpointCombine.Concat ? 2 * config.Backbone.Width : config.Backbone.Width)
    {
    }

    protected override Tensor Embed(HopBatch batch)
    {
        using var scope = NewDisposeScope();
        var fin = batch.Secondary ?? throw new ArgumentException("the endpoints head needs the final structure");
        var a = HeadPooling.WeightedMean(Backbone.Forward(batch.Primary).Nodes, batch.Primary.NodeWeights, batch.Primary);
        var b = HeadPooling.WeightedMean(Backbone.Forward(fin).Nodes, fin.NodeWeights, fin);
        var x = Config.Options.Combine switch
        {
            EndpointCombine.Add => a + b,
            EndpointCombine.Sub => b - a,
            _ => cat(new[] { a, b }, 1),
        };
        return x.MoveToOuterDisposeScope();
    }
}
