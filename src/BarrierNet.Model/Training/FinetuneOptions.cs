namespace BarrierNet.Model.Training;

/// <summary>
/// One `barriernet finetune` run (see <see cref="HeadFinetuner"/>): the data, where the model goes, how it is trained
/// (<see cref="HeadRecipe"/>) and how the run is carried out (<see cref="RunSettings"/>), kept apart so that a model
/// records its recipe and nothing about the machine it was trained on.
/// </summary>
internal sealed record FinetuneOptions
{
    public required string DataFile { get; init; }
    /// <summary>Entries given in memory (experiment rows); when set, <see cref="DataFile"/> is only a label.</summary>
    public IReadOnlyList<BarrierNet.Core.Data.BarrierEntry>? Entries { get; init; }
    public required string OutputDirectory { get; init; }
    public HeadRecipe Recipe { get; init; } = new();
    public RunSettings Run { get; init; } = new();
    /// <summary>
    /// Train only these members and stop before the descriptor models (a `finetune --jobs` worker process: members
    /// are independent, so training them in separate processes gives the weights one process would); null = all.
    /// </summary>
    public IReadOnlyList<int>? OnlyMembers { get; init; }
    /// <summary>Stop after this many epochs in this run (tests of resuming); null = run to the end.</summary>
    public int? StopAfterEpochs { get; init; }
    /// <summary>The command as typed (provenance of a few-shot adaptation, which has no recipe of its own).</summary>
    public string CommandLine { get; init; } = "";
}
