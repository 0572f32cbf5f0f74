using System.Globalization;
using System.Text.Json.Serialization;
using BarrierNet.Model.Networks;

namespace BarrierNet.Model.Training;

/// <summary>
/// Everything a pretrained backbone depends on besides its data, defaults resolved: the network's shape and the
/// optimisation. Written whole into model.json; <see cref="Command"/> turns it back into the `pretrain` command.
/// </summary>
internal sealed record PretrainRecipe
{
    [JsonPropertyName("backbone")] public BackboneConfig Backbone { get; init; } = new();
    [JsonPropertyName("epochs")] public int Epochs { get; init; }
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; }
    [JsonPropertyName("lr")] public double MaxLearningRate { get; init; }
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; }
    [JsonPropertyName("validation_fraction")] public double ValidationFraction { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    /// <summary>Only the first N structures of each property file; null = all.</summary>
    [JsonPropertyName("max_per_property")] public int? MaxPerProperty { get; init; }

    /// <summary>Migration task only (absent for the bulk properties).</summary>
    [JsonPropertyName("task"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public PretrainTask Task { get; init; }
    /// <summary>Migration task: the label set's folder.</summary>
    [JsonPropertyName("labels")] public string? MigrationLabels { get; init; }
    /// <summary>Migration task: the backbone it started from; null = random initialisation.</summary>
    [JsonPropertyName("init")] public string? InitialBackbone { get; init; }
    /// <summary>Migration task: the label scale (null for the bulk properties).</summary>
    [JsonPropertyName("label_scale")] public MigrationLabelScale? LabelScale { get; init; }

    public static PretrainRecipe Of(PretrainOptions o) => new()
    {
        Task = o.Task, MigrationLabels = o.MigrationLabels, InitialBackbone = o.InitialBackbone,
        LabelScale = o.Task == PretrainTask.Migration ? o.LabelScale : null,
        Backbone = o.Backbone, Epochs = o.Epochs, BatchSize = o.BatchSize, MaxLearningRate = o.MaxLearningRate,
        WeightDecay = o.WeightDecay, ValidationFraction = o.ValidationFraction, Seed = o.Seed, MaxPerProperty = o.MaxPerProperty,
    };

    /// <summary>
    /// The `pretrain` command for this recipe, every option written out. Weight decay, validation fraction and the
    /// backbone's basis sizes have no command-line options; the command reproduces the recipe while they keep their defaults.
    /// </summary>
    public string Command(string dataDirectory, string outDir)
    {
        var parts = new List<string>
        {
            "barriernet pretrain", "--data", dataDirectory, "--out", outDir, "--epochs", $"{Epochs}", "--seed", $"{Seed}",
            "--batch-size", $"{BatchSize}", "--lr", MaxLearningRate.ToString("R", CultureInfo.InvariantCulture),
            "--width", $"{Backbone.Width}", "--alignn-layers", $"{Backbone.AlignnLayers}", "--gcn-layers", $"{Backbone.GcnLayers}",
            "--angles-per-bond", $"{Backbone.AnglesPerBond}",
        };
        if (Task == PretrainTask.Migration)
        {
            parts.RemoveRange(1, 2);
            parts.InsertRange(1, new[] { "--task", "migration", "--labels", MigrationLabels ?? "" });
            if (InitialBackbone is string init) parts.AddRange(new[] { "--init", init });
            if (LabelScale is MigrationLabelScale scale) parts.AddRange(new[] { "--label-scale", scale.ToString().ToLowerInvariant() });
        }
        if (MaxPerProperty is int n) parts.AddRange(new[] { "--max-per-property", $"{n}" });
        return string.Join(' ', parts);
    }
}
