using System.Text.Json;
using BarrierNet.Model.Graphs;

namespace BarrierNet.Model.Networks;

/// <summary>
/// Shape of the backbone, saved in model.json beside the weights so that a model is always rebuilt exactly as
/// trained. Defaults are the configuration chosen by measured accuracy per CPU-minute (docs/pretraining.md): on a
/// CPU, angle (line-graph) layers cost 4–6× more per epoch than they gained in validation loss, so the
/// default has none; set <see cref="AlignnLayers"/> &gt; 0 to get the ALIGNN line graph back.
/// </summary>
internal sealed record BackboneConfig
{
    public int Width { get; init; } = 64;
    public int AlignnLayers { get; init; } = 0;
    public int GcnLayers { get; init; } = 4;
    public int BondBins { get; init; } = 40;
    public int AngleBins { get; init; } = 20;
    public int EmbeddingWidth { get; init; } = 32;
    public int Neighbors { get; init; } = 12;
    public double Cutoff { get; init; } = 8.0;
    /// <summary>Angles only between a bond and the far atom's this-many shortest bonds (ties kept); 0 = no line graph.</summary>
    public int AnglesPerBond { get; init; } = 3;

    [System.Text.Json.Serialization.JsonIgnore] public GraphSettings Graph => new(Neighbors, Cutoff, AlignnLayers > 0 ? AnglesPerBond : 0);

    /// <summary>Rejects shapes that cannot work (at least one crystal-graph convolution must follow the ALIGNN layers).</summary>
    public void Validate()
    {
        if (Width < 1 || EmbeddingWidth < 1) throw new ArgumentException("width must be positive");
        if (AlignnLayers < 0) throw new ArgumentException("ALIGNN layers cannot be negative");
        if (GcnLayers < 1) throw new ArgumentException("at least one gated convolution on the crystal graph is needed");
        if (BondBins < 2 || AngleBins < 2) throw new ArgumentException("basis sizes must be at least 2");
        if (Neighbors < 1 || !(Cutoff > 0)) throw new ArgumentException("neighbours and cutoff must be positive");
        if (AnglesPerBond < 0) throw new ArgumentException("angles per bond cannot be negative");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Evaluation.ModelJson.Indented);


}
