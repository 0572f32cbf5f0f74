using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Model.Networks;

namespace BarrierNet.Model.Heads;

/// <summary>
/// Everything needed to rebuild a trained head (head.json): the backbone shape, the head options, the target shift
/// (the training median, so the network learns the deviation from a typical barrier) and the descriptor scaler.
/// </summary>
internal sealed record HeadConfig
{
    public const string FileName = "head.json";

    [JsonPropertyName("backbone")] public BackboneConfig Backbone { get; init; } = new();
    [JsonPropertyName("options")] public HeadOptions Options { get; init; } = new();
    [JsonPropertyName("target_shift")] public double TargetShift { get; init; }
    [JsonPropertyName("scaler")] public DescriptorScaler? Scaler { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));

    public static HeadConfig Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new ArgumentException($"{path}: missing (not a trained head)");
        return JsonSerializer.Deserialize<HeadConfig>(File.ReadAllText(path)) ?? throw new ArgumentException($"{path}: empty head configuration");
    }
}
