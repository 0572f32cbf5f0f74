using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The attention head: the band graph pooled by learned attention. Each atom's score comes from its features, its
/// image flag and its distance weight to the path, so the network itself decides how much the images and their
/// neighbourhood count; two attention heads (local and global reading) are concatenated.
/// </summary>
internal sealed class AttentionHead : BarrierHead
{
    private readonly Linear score1, score2, value1, value2;

    public AttentionHead(HeadConfig config) : base(nameof(AttentionHead), config, 2 * config.Backbone.Width)
    {
        int w = config.Backbone.Width;
        score1 = nn.Linear(w + 2, 1);
        score2 = nn.Linear(w + 2, 1);
        value1 = nn.Linear(w, w);
        value2 = nn.Linear(w, w);
        register_module("score1", score1);
        register_module("score2", score2);
        register_module("value1", value1);
        register_module("value2", value2);
    }

    protected override Tensor Embed(HopBatch batch)
    {
        using var scope = NewDisposeScope();
        var g = batch.Primary;
        var nodes = Backbone.Forward(g).Nodes;
        var x = cat(new[] { nodes, g.NodeIsImage.unsqueeze(1), g.NodeWeights.unsqueeze(1) }, 1);
        var a = HeadPooling.Attention(score1.forward(x).squeeze(1), value1.forward(nodes), g);
        var b = HeadPooling.Attention(score2.forward(x).squeeze(1), value2.forward(nodes), g);
        return cat(new[] { a, b }, 1).MoveToOuterDisposeScope();
    }
}
