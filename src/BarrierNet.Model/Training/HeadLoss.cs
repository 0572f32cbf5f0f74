using System.Text.Json.Serialization;

namespace BarrierNet.Model.Training;

/// <summary>
/// The loss a head's network is trained with, on its fitted scale (<see cref="Heads.HeadOptions.Target"/>). L1 matches
/// the MAE the heads are judged by; Huber is quadratic within <see cref="HeadRecipe.HuberDelta"/> of the target and
/// linear beyond, so small errors stop pulling with full force while large ones keep the L1 slope.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeadLoss>))]
internal enum HeadLoss
{
    [JsonStringEnumMemberName("l1")] L1,
    [JsonStringEnumMemberName("huber")] Huber,
}
