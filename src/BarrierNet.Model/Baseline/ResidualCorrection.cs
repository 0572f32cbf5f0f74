using System.Text.Json.Serialization;

namespace BarrierNet.Model.Baseline;

/// <summary>What the second stage of a <see cref="ResidualStackedModel"/> learns the descriptor model's residual from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResidualCorrection>))]
internal enum ResidualCorrection
{
    /// <summary>One offset per mobile ion: the median out-of-fold residual of its hops, shrunk towards 0 for rare ions.</summary>
    [JsonStringEnumMemberName("ion-offset")] IonOffset,
    /// <summary>Extra trees on the ion (one-hot) and the model's own prediction: a per-ion, value-dependent correction.</summary>
    [JsonStringEnumMemberName("ion-and-value")] IonAndValue,
}
