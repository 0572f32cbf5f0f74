using System.Text.Json.Serialization;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Heads;

/// <summary>
/// What a head's network outputs and its L1 loss compares: the barrier in eV, log(1 + Em), which weighs a 0.2 eV error
/// on a 0.3 eV barrier like a 1 eV error on a 3 eV one, or √Em (<see cref="TargetScale"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeadTarget>))]
internal enum HeadTarget
{
    [JsonStringEnumMemberName("ev")] Ev,
    [JsonStringEnumMemberName("log1p")] Log1p,
    [JsonStringEnumMemberName("sqrt")] Sqrt,
}
