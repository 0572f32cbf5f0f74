using System.Text.Json.Serialization;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Heads;

/// <summary>
/// What kind of barrier head sits on the backbone and how it reads a hop. Saved in head.json so that a model is
/// rebuilt exactly as trained.
/// </summary>
internal sealed record HeadOptions
{
    [JsonPropertyName("head")] public HeadKind Head { get; init; } = HeadKind.Band;
    /// <summary>How the endpoints head combines the two pooled vectors.</summary>
    [JsonPropertyName("combine")] public EndpointCombine Combine { get; init; } = EndpointCombine.Sub;
    /// <summary>
    /// Hybrid head: the standardized hop descriptors (HopDescriptors, the baseline's features) are appended to the
    /// pooled embedding before the regressor, so the network starts from what the trees already know about the path.
    /// </summary>
    [JsonPropertyName("descriptors")] public bool Descriptors { get; init; } = true;
    /// <summary>Keep only atoms within this distance (Å) of the hop path (0 = the whole cell), for speed.</summary>
    [JsonPropertyName("crop_radius")] public double CropRadius { get; init; } = 6.5;
    /// <summary>Neighbourhood pooling weight of an atom at distance d from the path: exp(−d / DecayLength).</summary>
    [JsonPropertyName("decay_length")] public double DecayLength { get; init; } = 2.0;
    /// <summary>Width of the regressor's hidden layers.</summary>
    [JsonPropertyName("hidden")] public int Hidden { get; init; } = 64;
    [JsonPropertyName("dropout")] public double Dropout { get; init; } = 0.1;
    /// <summary>
    /// Hybrid head: width of a layer (Linear → SiLU) the standardized descriptors pass through before they join the
    /// embedding, so the network can recombine them before the regressor weighs them against the graph; 0 (the
    /// default, and heads written before the option) appends them as they are.
    /// </summary>
    [JsonPropertyName("descriptor_branch"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int DescriptorBranch { get; init; }
    /// <summary>
    /// Hybrid head: dropout on the standardized descriptors while training, so the regressor cannot lean on a few of
    /// them and must use the graph too; 0 (the default) = none.
    /// </summary>
    [JsonPropertyName("descriptor_dropout"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double DescriptorDropout { get; init; }
    /// <summary>What the network outputs and the L1 loss compares (inverted on prediction).</summary>
    [JsonPropertyName("target")] public HeadTarget Target { get; init; } = HeadTarget.Ev;
    /// <summary>
    /// Band and attention heads: where the three inner ion images stand (<see cref="BandImages"/>); written only when
    /// not the straight line, so heads written before the choice existed read back unchanged.
    /// </summary>
    [JsonPropertyName("band_images"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public BandImages Images { get; init; }

    /// <summary>
    /// <see cref="Images"/> is <see cref="BandImages.Relaxed"/>: the inner images stand where the ion has the most room
    /// within 1.2 Å of the straight path. Kept as its own field of head.json, which had it before the choice existed.
    /// </summary>
    [JsonPropertyName("relaxed_images")]
    public bool RelaxedImages
    {
        get => Images == BandImages.Relaxed;
        init { if (value) Images = BandImages.Relaxed; }
    }

    public void Validate()
    {
        if (CropRadius < 0 || !double.IsFinite(CropRadius)) throw new ArgumentException("the crop radius must be 0 (no crop) or positive");
        if (!(DecayLength > 0)) throw new ArgumentException("the decay length must be positive");
        if (Hidden < 1 || Dropout < 0 || Dropout >= 1) throw new ArgumentException("head width or dropout out of range");
        if (DescriptorBranch < 0 || DescriptorDropout < 0 || DescriptorDropout >= 1) throw new ArgumentException("descriptor branch width or dropout out of range");
    }

    /// <summary>The quantity the network is trained on, from a barrier in eV.</summary>
    public double ToFitted(double barrier) => TargetScale.ToFitted(Scale, barrier);

    /// <summary>The barrier in eV from the network's output.</summary>
    public double ToBarrier(double output) => TargetScale.ToBarrier(Scale, output);

    /// <summary>The <see cref="BarrierScale"/> of <see cref="Target"/> (eV is the unscaled barrier).</summary>
    private BarrierScale Scale => Target switch { HeadTarget.Log1p => BarrierScale.Log1p, HeadTarget.Sqrt => BarrierScale.Sqrt, _ => BarrierScale.None };

    /// <summary>What the training loss reports, for logs and progress bars.</summary>
    [JsonIgnore] public string LossName => Target switch { HeadTarget.Log1p => "L1 of log(1 + Em)", HeadTarget.Sqrt => "L1 of √Em", _ => "MAE (eV)" };

    /// <summary>Heads that read the two endpoint structures rather than the band.</summary>
    [JsonIgnore] public bool UsesEndpoints => Head is HeadKind.Endpoints or HeadKind.Difference;
}
