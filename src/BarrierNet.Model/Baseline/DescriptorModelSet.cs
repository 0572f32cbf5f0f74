using System.Text.Json.Serialization;
using BarrierNet.Core.Descriptors;

namespace BarrierNet.Model.Baseline;

/// <summary>
/// The model.json section of descriptor models: the options they share, the descriptors they read (in order) and how
/// many there are. A baseline model is one, its files at the top of its directory; a head's are numbered
/// subdirectories (<c>descriptors/0</c>, …) in the order they were fitted.
/// </summary>
internal sealed record DescriptorModelSet(
    [property: JsonPropertyName("options")] DescriptorBaselineOptions Options,
    [property: JsonPropertyName("descriptor_names")] IReadOnlyList<string> DescriptorNames,
    [property: JsonPropertyName("count")] int Count)
{
    /// <summary>
    /// Checks the names against today's descriptors: they are only ever appended, so a model trained on a leading part
    /// of the list still reads its own.
    /// </summary>
    public void Validate(string directory)
    {
        if (Options is null) throw new ArgumentException($"{directory}: descriptor_models has no options");
        var names = DescriptorNames;
        var known = Options.DescriptorNames;
        if (names is null || names.Count == 0 || names.Count > known.Count || !names.SequenceEqual(known.Take(names.Count)))
            throw new ArgumentException($"{directory}: the model was trained on a different descriptor set; retrain it");
        if (Count < 1) throw new ArgumentException($"{directory}: descriptor_models.count must be at least 1");
        Options.Validate();
    }
}
