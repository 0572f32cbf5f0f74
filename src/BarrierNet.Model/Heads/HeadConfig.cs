using System.Text.Json.Serialization;
using BarrierNet.Model.Networks;

namespace BarrierNet.Model.Heads;

/// <summary>
/// Everything needed to rebuild a trained head (the head section of model.json): the backbone shape, the head options,
/// the target shift (the training median, so the network learns the deviation from a typical barrier) and the
/// descriptor scaler.
/// </summary>
internal sealed record HeadConfig
{
    [JsonPropertyName("backbone")] public BackboneConfig Backbone { get; init; } = new();
    [JsonPropertyName("options")] public HeadOptions Options { get; init; } = new();
    [JsonPropertyName("target_shift")] public double TargetShift { get; init; }
    [JsonPropertyName("scaler")] public DescriptorScaler? Scaler { get; init; }
}
