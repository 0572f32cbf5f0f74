using System.Text.Json.Serialization;

namespace BarrierNet.Model.Heads;

/// <summary>How the endpoints head combines the pooled vectors a (initial) and b (final) of a hop.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndpointCombine>))]
internal enum EndpointCombine
{
    /// <summary>a + b.</summary>
    [JsonStringEnumMemberName("add")] Add,
    /// <summary>b − a.</summary>
    [JsonStringEnumMemberName("sub")] Sub,
    /// <summary>[a, b], twice as wide.</summary>
    [JsonStringEnumMemberName("concat")] Concat,
}
