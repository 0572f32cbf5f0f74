using BarrierNet.Model.Networks;

namespace BarrierNet.Model.Training;

/// <summary>Everything a pretraining run depends on; recorded with the weights.</summary>
internal sealed record PretrainOptions
{
    public required string DataDirectory { get; init; }
    public required string OutputDirectory { get; init; }
    public BackboneConfig Backbone { get; init; } = new();
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 64;
    public double MaxLearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 0.01;
    public double ValidationFraction { get; init; } = 0.1;
    public int Seed { get; init; } = 42;
    public int Threads { get; init; } = 1;
    public string Device { get; init; } = "cpu";
    public bool Resume { get; init; }
    /// <summary>Use only the first N structures of each property file (quick trials and tests); null = all.</summary>
    public int? MaxPerProperty { get; init; }
    /// <summary>End this run after this many epochs, leaving a checkpoint to resume from (tests, time slots); null = run to the end.</summary>
    public int? StopAfterEpochs { get; init; }
    /// <summary>What the backbone learns to predict.</summary>
    public PretrainTask Task { get; init; } = PretrainTask.Properties;
    /// <summary>Migration task: the label set made by `migration-labels` (its folder, with labels.json).</summary>
    public string? MigrationLabels { get; init; }
    /// <summary>Migration task: a pretrained backbone to start from (continue a bulk-property backbone); null = random initialisation.</summary>
    public string? InitialBackbone { get; init; }
    /// <summary>Migration task: what the loss compares (the barrier's scale).</summary>
    public MigrationLabelScale LabelScale { get; init; } = MigrationLabelScale.Log1p;
    /// <summary>The command line that started the run, written to command.txt.</summary>
    public string CommandLine { get; init; } = "";
}
