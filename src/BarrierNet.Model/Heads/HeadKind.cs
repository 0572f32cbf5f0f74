using System.Text.Json.Serialization;

namespace BarrierNet.Model.Heads;

/// <summary>Which barrier head sits on the backbone: how it reads a hop (see each head's class).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeadKind>))]
internal enum HeadKind
{
    /// <summary>One graph of the host and the five ion images, read three ways (<see cref="BandHead"/>).</summary>
    [JsonStringEnumMemberName("band")] Band,
    /// <summary>The band graph pooled by learned attention (<see cref="AttentionHead"/>).</summary>
    [JsonStringEnumMemberName("attention")] Attention,
    /// <summary>The two endpoint structures embedded separately and combined (<see cref="EndpointsHead"/>).</summary>
    [JsonStringEnumMemberName("endpoints")] Endpoints,
    /// <summary>The initial structure's embedding and a learned embedding of what changes in the hop (<see cref="DifferenceHead"/>).</summary>
    [JsonStringEnumMemberName("difference")] Difference,
}
