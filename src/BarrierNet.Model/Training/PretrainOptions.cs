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
    /// <summary>The command line that started the run, written to command.txt.</summary>
    public string CommandLine { get; init; } = "";
}
