using BarrierNet.Model.Graphs;
using BarrierNet.Model.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Networks;

/// <summary>
/// ALIGNN-style backbone: fixed element features, bond lengths and bond angles are embedded to a common width, then
/// <see cref="BackboneConfig.AlignnLayers"/> ALIGNN layers (crystal graph + line graph) and
/// <see cref="BackboneConfig.GcnLayers"/> gated convolutions on the crystal graph alone, then a weighted mean over
/// atoms (weights from <see cref="GraphBatch.NodeWeights"/>, 1 by default: plain mean pooling).
/// </summary>
internal sealed class Backbone : nn.Module
{
    public BackboneConfig Config { get; }
    private readonly ElementTable atomTable;
    private readonly DenseBlock atomEmbed;
    private readonly RadialBasis bondBasis;
    private readonly DenseBlock bondEmbed1, bondEmbed2;
    private readonly RadialBasis? angleBasis;
    private readonly DenseBlock? angleEmbed1, angleEmbed2;
    private readonly ModuleList<AlignnLayer> alignn;
    private readonly ModuleList<EdgeGatedConv> gcn;

    public Backbone(BackboneConfig config) : base(nameof(Backbone))
    {
        Config = config;
        config.Validate();
        int w = config.Width;
        atomTable = new ElementTable();
        atomEmbed = new DenseBlock(AtomFeatures.Length, w);
        bondBasis = new RadialBasis(0, config.Cutoff, config.BondBins);
        bondEmbed1 = new DenseBlock(config.BondBins, config.EmbeddingWidth);
        bondEmbed2 = new DenseBlock(config.EmbeddingWidth, w);
        if (config.AlignnLayers > 0)
        {
            angleBasis = new RadialBasis(-1, 1, config.AngleBins);
            angleEmbed1 = new DenseBlock(config.AngleBins, config.EmbeddingWidth);
            angleEmbed2 = new DenseBlock(config.EmbeddingWidth, w);
        }
        alignn = new ModuleList<AlignnLayer>(Enumerable.Range(0, config.AlignnLayers).Select(i => new AlignnLayer(w, updateAngles: i < config.AlignnLayers - 1)).ToArray());
        gcn = new ModuleList<EdgeGatedConv>(Enumerable.Range(0, config.GcnLayers).Select(i => new EdgeGatedConv(w, updateEdges: i < config.GcnLayers - 1)).ToArray());
        RegisterComponents();
    }

    public int Width => Config.Width;

    public BackboneOutput Forward(GraphBatch batch)
    {
        using var scope = NewDisposeScope();
        var h = atomEmbed.forward(atomTable.forward(batch.AtomicNumbers));
        var e = bondEmbed2.forward(bondEmbed1.forward(batch.BondBasis(bondBasis)));
        if (alignn.Count > 0)
        {
            var t = angleEmbed2!.forward(angleEmbed1!.forward(angleBasis!.forward(batch.AngleCosines)));
            foreach (var layer in alignn)
                (h, e, t) = layer.Forward(h, e, t, batch.EdgeSource, batch.EdgeTarget, batch.AngleIncoming, batch.AngleOutgoing);
        }
        foreach (var conv in gcn)
            (h, e) = conv.Forward(h, e, batch.EdgeSource, batch.EdgeTarget);
        var pooled = Pool(h, batch);
        return new BackboneOutput(h.MoveToOuterDisposeScope(), pooled.MoveToOuterDisposeScope());
    }

    /// <summary>Weighted mean of node features per graph with the graph's own node weights: Σ wᵢhᵢ / Σ wᵢ.</summary>
    public static Tensor Pool(Tensor nodes, GraphBatch batch) => WeightedMean(nodes, batch.NodeWeights, batch);

    /// <summary>Σ wᵢhᵢ / Σ wᵢ per graph for any per-node weights; graphs whose weights are all 0 give 0.</summary>
    public static Tensor WeightedMean(Tensor nodes, Tensor weights, GraphBatch batch)
    {
        using var scope = NewDisposeScope();
        var w = weights.unsqueeze(1);
        using var one = 1.0.ToScalar();
        using var tiny = 1e-12.ToScalar();
        var sum = zeros(batch.GraphCount, nodes.shape[1], dtype: nodes.dtype, device: nodes.device).index_add(0, batch.NodeGraph, nodes * w, one);
        var wsum = zeros(batch.GraphCount, 1, dtype: nodes.dtype, device: nodes.device).index_add(0, batch.NodeGraph, w, one);
        return (sum / wsum.clamp_min(tiny)).MoveToOuterDisposeScope();
    }

    public IEnumerable<Parameter> TrainableParameters() => parameters().Where(p => p.requires_grad);
}
