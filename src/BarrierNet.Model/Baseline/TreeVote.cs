using System.Text.Json.Serialization;

namespace BarrierNet.Model.Baseline;

/// <summary>How extra trees combine their trees' predictions (<see cref="ExtraTreesRegressor.PredictMedian"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TreeVote>))]
internal enum TreeVote
{
    [JsonStringEnumMemberName("mean")] Mean,
    [JsonStringEnumMemberName("median")] Median,
}
