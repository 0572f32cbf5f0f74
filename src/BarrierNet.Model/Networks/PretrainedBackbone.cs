using BarrierNet.Model.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Networks;

/// <summary>
/// Entry point for models built on the pretrained representation (the barrier heads): the backbone of a
/// pretraining run, its weights loaded, ready to be fine-tuned inside a larger module (nothing frozen).
/// </summary>
internal static class PretrainedBackbone
{
    /// <summary>
    /// Loads the backbone saved in <paramref name="directory"/> (model.json + weights.bin written by the pretrainer,
    /// e.g. models/pretrained) onto <paramref name="device"/>, in training mode.
    /// The seven property heads are discarded.
    /// </summary>
    public static Backbone Load(string directory, Device? device = null)
    {
        Runtime.TorchRuntime.EnsureLoadable();
        var model = MultiPropertyModel.LoadFrom(directory, device);
        var backbone = model.Backbone;
        backbone.train();
        return backbone;
    }

    /// <summary>A fresh, randomly initialised backbone with the same shape as the saved one (for from-scratch baselines).</summary>
    public static Backbone Fresh(string directory, Device? device = null)
    {
        Runtime.TorchRuntime.EnsureLoadable();
        var backbone = new Backbone(MultiPropertyModel.ReadConfig(directory));
        if (device is not null) backbone.to(device);
        return backbone;
    }

    /// <summary>
    /// The graph of a band (its atoms in the published order: the moving ion's images, then the host) with the images
    /// flagged and, optionally, pooled with weight <paramref name="imageWeight"/> each (host atoms weight 1).
    /// </summary>
    public static CrystalGraph BandGraph(BarrierNet.Core.Migration.Band band, GraphSettings settings, float imageWeight = 1f)
    {
        var g = CrystalGraph.Build(band.ToStructure(), settings);
        int n = g.AtomCount;
        var isImage = new bool[n];
        var w = new float[n];
        for (int i = 0; i < n; i++) { isImage[i] = band.IsImageAtom(i); w[i] = isImage[i] ? imageWeight : 1f; }
        return g.WithAtomAnnotations(w, isImage);
    }
}
