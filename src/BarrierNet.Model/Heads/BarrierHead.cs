using BarrierNet.Model.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// A barrier head: the shared <see cref="Networks.Backbone"/>, a head-specific embedding of the hop
/// (<see cref="Embed"/>), optionally the standardized hop descriptors appended (hybrid), and a
/// <see cref="Regressor"/>. Predicts Em (eV) = target shift + regressor output.
/// </summary>
internal abstract class BarrierHead : nn.Module
{
    public HeadConfig Config { get; }
    public Backbone Backbone { get; }
    private readonly Regressor regressor;
    /// <summary>The descriptors' own layer and dropout (<see cref="HeadOptions.DescriptorBranch"/>, <see cref="HeadOptions.DescriptorDropout"/>), when set.</summary>
    private readonly TorchSharp.Modules.Linear? descriptorLayer;
    private readonly TorchSharp.Modules.Dropout? descriptorDropout;

    protected BarrierHead(string name, HeadConfig config, int embeddingWidth) : base(name)
    {
        Config = config;
        config.Options.Validate();
        Backbone = new Backbone(config.Backbone);
        var o = config.Options;
        int descriptors = o.Descriptors ? config.Scaler?.Mean.Length ?? throw new ArgumentException("a hybrid head needs a fitted descriptor scaler") : 0;
        int inputs = embeddingWidth + (o.Descriptors && o.DescriptorBranch > 0 ? o.DescriptorBranch : descriptors);
        regressor = new Regressor(inputs, o.Hidden, o.Dropout);
        // Registered explicitly: RegisterComponents only sees fields of the most derived class. The descriptor modules
        // only when set, so heads trained without them keep their weight files' layout.
        register_module("backbone", Backbone);
        register_module("regressor", regressor);
        if (o.Descriptors && o.DescriptorBranch > 0) register_module("descriptor_layer", descriptorLayer = nn.Linear(descriptors, o.DescriptorBranch));
        if (o.Descriptors && o.DescriptorDropout > 0) register_module("descriptor_dropout", descriptorDropout = nn.Dropout(o.DescriptorDropout));
    }

    /// <summary>[G, embeddingWidth] vector describing each hop.</summary>
    protected abstract Tensor Embed(HopBatch batch);

    /// <summary>[G] predicted barriers, eV.</summary>
    public Tensor Forward(HopBatch batch)
    {
        using var scope = NewDisposeScope();
        var x = Embed(batch);
        if (Config.Options.Descriptors) x = cat(new[] { x, Descriptors(batch) }, 1);
        using var shift = Config.TargetShift.ToScalar();
        return (regressor.forward(x) + shift).MoveToOuterDisposeScope();
    }

    /// <summary>[G, descriptors or branch width] what the regressor reads of the hop's standardized descriptors.</summary>
    private Tensor Descriptors(HopBatch batch)
    {
        var d = batch.Descriptors ?? throw new ArgumentException("hybrid head: batch has no descriptors");
        if (descriptorDropout is not null) d = descriptorDropout.forward(d);
        if (descriptorLayer is not null) d = nn.functional.silu(descriptorLayer.forward(d));
        return d;
    }

    /// <summary>Copies the weights of a pretrained backbone (same shape) into this head's backbone.</summary>
    public void LoadBackbone(Backbone pretrained)
    {
        var source = pretrained.state_dict();
        var target = Backbone.state_dict();
        if (source.Count != target.Count || source.Keys.Any(k => !target.ContainsKey(k)))
            throw new ArgumentException("the pretrained backbone has a different shape from this head's backbone");
        using (no_grad())
            foreach (var (k, v) in source) target[k].copy_(v);
    }

    public static BarrierHead Create(HeadConfig config) => config.Options.Head switch
    {
        HeadKind.Band => new BandHead(config),
        HeadKind.Attention => new AttentionHead(config),
        HeadKind.Endpoints => new EndpointsHead(config),
        HeadKind.Difference => new DifferenceHead(config),
        _ => throw new ArgumentException($"unknown head '{config.Options.Head}'"),
    };
}
