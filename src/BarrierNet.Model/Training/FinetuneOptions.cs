using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>Settings of `barriernet finetune` (see <see cref="HeadFinetuner"/>).</summary>
internal sealed record FinetuneOptions
{
    public required string DataFile { get; init; }
    /// <summary>Entries given in memory (experiment rows); when set, <see cref="DataFile"/> is only a label.</summary>
    public IReadOnlyList<BarrierNet.Core.Data.BarrierEntry>? Entries { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>"scratch", a pretrained backbone directory (weights.bin + config.json), or a trained head (few-shot).</summary>
    public string From { get; init; } = "scratch";
    public HeadOptions Head { get; init; } = new();
    /// <summary>Epochs; null = the head's <see cref="TrainingRecipe"/>, or 15 for few-shot.</summary>
    public int? Epochs { get; init; }
    public int Seed { get; init; } = 42;
    /// <summary>Ensemble members; member k trains on all grouped folds but k and validates on fold k.</summary>
    public int Ensemble { get; init; } = 5;
    /// <summary>Grouped folds; null = one per member (5 for a single member). Member m holds out fold m mod folds of grouped partition ⌊m / folds⌋ (<see cref="MemberFolds"/>).</summary>
    public int? Folds { get; init; }
    /// <summary>Hops per batch; null = the head's <see cref="TrainingRecipe"/>, or <see cref="FewShotBatchSize"/> when adapting a trained head.</summary>
    public int? BatchSize { get; init; }
    /// <summary>Tens of barriers in batches of 32 would give one optimizer step per epoch; 8 gives the adaptation room to move.</summary>
    public const int FewShotBatchSize = 8;
    /// <summary>Peak one-cycle learning rate; null = the head's <see cref="TrainingRecipe"/>, or 2e-4 (few-shot).</summary>
    public double? LearningRate { get; init; }
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>Extra trees per member blended with the GNN (<see cref="TreeBlend"/>); 0 = GNN only.</summary>
    public int Trees { get; init; } = DefaultTrees;
    /// <summary>The blend beat the GNN alone in grouped cross-validation (docs/experiments/heads.md), so it is on by default.</summary>
    public const int DefaultTrees = 100;
    /// <summary>The scale the descriptor models fit barriers on (<see cref="BarrierNet.Model.Evaluation.TargetScale"/>).</summary>
    public string TreeTarget { get; init; } = DefaultTreeTarget;
    public const string DefaultTreeTarget = "sqrt";
    /// <summary>How each member's extra trees combine their trees (<see cref="BarrierNet.Model.Baseline.DescriptorBaselineOptions.TreeVote"/>).</summary>
    public string TreeVote { get; init; } = DefaultTreeVote;
    public const string DefaultTreeVote = "median";
    /// <summary>Ridge penalty α of each descriptor model's kernel ridge (<see cref="BarrierNet.Model.Baseline.KernelRidgeRegressor"/>).</summary>
    public double KernelAlpha { get; init; } = DefaultKernelAlpha;
    /// <summary>Kernel width γ of the kernel ridge, as a multiple of 1 / (number of descriptors).</summary>
    public double KernelGamma { get; init; } = DefaultKernelGamma;
    /// <summary>
    /// The baseline's α = 0.03, γ = 1 were chosen on log(1 + Em) with one model per fold; on √Em, bagged over three
    /// partitions, a wider, less regularised kernel is better under both groupings (docs/experiments/heads.md).
    /// </summary>
    public const double DefaultKernelAlpha = 0.003, DefaultKernelGamma = 0.25;

    /// <summary>The descriptor model a head blends with by default, with <paramref name="trees"/> extra trees.</summary>
    public static BarrierNet.Model.Baseline.DescriptorBaselineOptions DefaultDescriptorModel(int trees) =>
        TreeBlend.TreeOptions(trees, DefaultTreeTarget, DefaultTreeVote, DefaultKernelAlpha, DefaultKernelGamma);
    /// <summary>
    /// Grouped partitions the descriptor models are fitted on: 1 = one model per member, on the member's folds; P =
    /// max(members, folds × P) models, model j holding out fold j mod folds of partition ⌊j / folds⌋ and belonging to
    /// member j mod members (bagging the descriptor models over partitions without training more GNN members).
    /// </summary>
    public int TreePartitions { get; init; } = DefaultTreePartitions;
    /// <summary>
    /// Three partitions lowered the grouped-CV MAE of every head for seconds of extra fitting and no extra GNN member
    /// (docs/experiments/heads.md), at 7–9% wider intervals for the same coverage.
    /// </summary>
    public const int DefaultTreePartitions = 3;
    /// <summary>What must not straddle the members' folds (system + composition family by default).</summary>
    public BarrierNet.Model.Evaluation.GroupedFolds.Grouping Grouping { get; init; } = BarrierNet.Model.Evaluation.GroupedFolds.Grouping.SystemAndFamily;
    public string Device { get; init; } = "cpu";
    public int Threads { get; init; } = 1;
    /// <summary>
    /// Train only these members and stop before the descriptor models (a `finetune --jobs` worker process: members
    /// are independent, so training them in separate processes gives the weights one process would); null = all.
    /// </summary>
    public IReadOnlyList<int>? OnlyMembers { get; init; }
    /// <summary>Stop after this many epochs in this run (tests of resuming); null = run to the end.</summary>
    public int? StopAfterEpochs { get; init; }
    public string CommandLine { get; init; } = "";
    /// <summary>Messages (epoch summaries, phases); null = silent.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Progress of the whole run: (steps done, total steps, description); null = none.</summary>
    public Action<long, long, string>? Progress { get; init; }
}
