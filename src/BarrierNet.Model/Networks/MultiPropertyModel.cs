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
    public const string ConfigFile = "config.json";

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

    /// <summary>Writes weights.bin and config.json into <paramref name="directory"/>.</summary>
    public void SaveTo(string directory)
    {
        Directory.CreateDirectory(directory);
        Backbone.Config.Save(Path.Combine(directory, ConfigFile));
        save(Path.Combine(directory, WeightsFile));
    }

    /// <summary>Rebuilds a model from a directory written by <see cref="SaveTo"/>, on <paramref name="device"/>.</summary>
    public static MultiPropertyModel LoadFrom(string directory, Device? device = null)
    {
        var config = BackboneConfig.Load(Path.Combine(directory, ConfigFile));
        var model = new MultiPropertyModel(config);
        model.load(Path.Combine(directory, WeightsFile));
        if (device is not null) model.to(device);
        model.eval();
        return model;
    }
}
