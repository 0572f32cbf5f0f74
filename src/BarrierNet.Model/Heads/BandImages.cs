using System.Text.Json.Serialization;

namespace BarrierNet.Model.Heads;

/// <summary>
/// Where the band and attention heads see the ion's three inner images: on the straight line between the two sites
/// (the published bands), at the roomiest point within 1.2 Å of it (<see cref="BarrierNet.Core.Descriptors.RelaxedPath"/>),
/// or on the minimum-energy path through the bond-valence landscape (<see cref="BarrierNet.Core.Landscape.MinimumEnergyBand"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BandImages>))]
internal enum BandImages
{
    [JsonStringEnumMemberName("straight")] Straight,
    [JsonStringEnumMemberName("relaxed")] Relaxed,
    [JsonStringEnumMemberName("path")] Path,
}
