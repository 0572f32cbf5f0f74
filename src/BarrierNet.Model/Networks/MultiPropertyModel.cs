using BarrierNet.Core.Data;
using BarrierNet.Model.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Networks;

/// <summary>
/// The pretraining model: one shared <see cref="Backbone"/> and one small head per bulk property
/// (<see cref="PretrainProperty.All"/> order), so every property shapes the same representation.
/// </summary>
internal sealed class MultiPropertyModel : nn.Module
{
    public const string WeightsFile = "weights.bin";
    /// <summary>The model.json kind of a pretrained backbone directory.</summary>
    public const string KindName = "pretrained-backbone";

    public Backbone Backbone { get; }
    private readonly ModuleList<PropertyHead> heads;

    public MultiPropertyModel(BackboneConfig config, int properties = 7) : base(nameof(MultiPropertyModel))
    {
        Backbone = new Backbone(config);
        heads = new ModuleList<PropertyHead>(Enumerable.Range(0, properties).Select(_ => new PropertyHead(config.Width, config.Width)).ToArray());
        RegisterComponents();
    }

    public int PropertyCount => heads.Count;

    /// <summary>[G, properties] predictions (in the data's rescaled units).</summary>
    public Tensor Forward(GraphBatch batch)
    {
        using var scope = NewDisposeScope();
        var pooled = Backbone.Forward(batch).Pooled;
        return stack(heads.Select(h => h.forward(pooled)).ToArray(), 1).MoveToOuterDisposeScope();
    }

    public IEnumerable<Parameter> TrainableParameters() => parameters().Where(p => p.requires_grad);

    /// <summary>
    /// Writes weights.bin and a model.json with the backbone's shape into <paramref name="directory"/> (the pretrainer
    /// adds its recipe and provenance).
    /// </summary>
    public void SaveTo(string directory)
    {
        Directory.CreateDirectory(directory);
        save(Path.Combine(directory, WeightsFile));
        new Evaluation.ModelManifest { Kind = KindName, Backbone = Backbone.Config }.Write(directory);
    }

    /// <summary>The backbone shape of a pretrained model directory (its model.json).</summary>
    public static BackboneConfig ReadConfig(string directory)
    {
        var manifest = Evaluation.ModelManifest.Read(directory);
        if (manifest.Kind != KindName || manifest.Backbone is null)
            throw new ArgumentException($"{directory}: a '{manifest.Kind}' model, not a pretrained backbone");
        return manifest.Backbone;
    }

    /// <summary>Rebuilds a model from a pretrained model directory (weights.bin and model.json), on <paramref name="device"/>.</summary>
    public static MultiPropertyModel LoadFrom(string directory, Device? device = null)
    {
        var config = ReadConfig(directory);
        var model = new MultiPropertyModel(config);
        model.load(Path.Combine(directory, WeightsFile));
        if (device is not null) model.to(device);
        model.eval();
        return model;
    }
}
