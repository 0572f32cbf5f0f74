using BarrierNet.Model.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The difference head: the full (pretrained) embedding of the initial structure, together with a learned embedding
/// of what changes in the hop: a shallow one-convolution network embeds both endpoints, and the difference of their
/// path-weighted pooled vectors goes through a learned layer.
/// </summary>
internal sealed class DifferenceHead : BarrierHead
{
    private readonly Backbone shallow;
    private readonly Linear change;

    public DifferenceHead(HeadConfig config) : base(nameof(DifferenceHead), config, 2 * config.Backbone.Width)
    {
        shallow = new Backbone(config.Backbone with { AlignnLayers = 0, GcnLayers = 1 });
        change = nn.Linear(config.Backbone.Width, config.Backbone.Width);
        register_module("shallow", shallow);
        register_module("change", change);
    }

    protected override Tensor Embed(HopBatch batch)
    {
        using var scope = NewDisposeScope();
        var ini = batch.Primary;
        var fin = batch.Secondary ?? throw new ArgumentException("the difference head needs the final structure");
        var state = HeadPooling.WeightedMean(Backbone.Forward(ini).Nodes, ini.NodeWeights, ini);
        var si = HeadPooling.WeightedMean(shallow.Forward(ini).Nodes, ini.NodeWeights, ini);
        var sf = HeadPooling.WeightedMean(shallow.Forward(fin).Nodes, fin.NodeWeights, fin);
        var delta = nn.functional.silu(change.forward(sf - si));
        return cat(new[] { state, delta }, 1).MoveToOuterDisposeScope();
    }
}
