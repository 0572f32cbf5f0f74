using System.Globalization;
using System.Text.Json.Serialization;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>
/// How a barrier head is trained, in one place: the head's shape, where its backbone starts from, the members and
/// their folds, the optimiser, and the descriptor models it blends with. The defaults here are the shipped recipe
/// (the band head adds <see cref="TreeWeightPower"/> 0.5 and <see cref="TreeBlockage"/>, named in its recorded command)
/// and the ones `finetune` offers; epochs, batch size and learning rate left null take the head's own
/// (<see cref="PerHead"/>), folds left null one per member. Written whole, every value resolved, into model.json;
/// <see cref="Command"/> turns it back into the `finetune` command that trains it.
/// </summary>
internal sealed record HeadRecipe
{
    /// <summary>The value of <see cref="From"/> that trains the backbone from random weights.</summary>
    public const string Scratch = "scratch";

    [JsonPropertyName("head")] public HeadOptions Head { get; init; } = new();
    /// <summary><see cref="Scratch"/>, a pretrained backbone directory, or (few-shot adaptation) a trained head directory.</summary>
    [JsonPropertyName("from")] public string From { get; init; } = "models/pretrained";
    /// <summary>Ensemble members; member k trains on all grouped folds but one and validates on that one.</summary>
    [JsonPropertyName("ensemble")] public int Ensemble { get; init; } = 5;
    /// <summary>
    /// Grouped folds; null = one per member (5 for a single member). Member m holds out fold m mod folds of grouped
    /// partition ⌊m / folds⌋ (<see cref="MemberFolds"/>).
    /// </summary>
    [JsonPropertyName("folds")] public int? Folds { get; init; }
    /// <summary>What must not straddle the members' folds (system + composition family).</summary>
    [JsonPropertyName("grouping")] public GroupedFolds.Grouping Grouping { get; init; } = GroupedFolds.Grouping.SystemAndFamily;
    /// <summary>Epochs per member; null = the head's (<see cref="PerHead"/>), or 15 for few-shot adaptation.</summary>
    [JsonPropertyName("epochs")] public int? Epochs { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; } = 42;
    /// <summary>Hops per batch; null = the head's, or <see cref="FewShotBatchSize"/> when adapting a trained head.</summary>
    [JsonPropertyName("batch_size")] public int? BatchSize { get; init; }
    /// <summary>Peak one-cycle learning rate; null = the head's, or 2e-4 for few-shot adaptation.</summary>
    [JsonPropertyName("lr")] public double? LearningRate { get; init; }
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; } = 0.01;
    /// <summary>The GNN's training loss; L1 (the default, and recipes written before the option) matches the MAE it is judged by.</summary>
    [JsonPropertyName("loss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public HeadLoss Loss { get; init; }
    /// <summary>
    /// Exponent β of the GNN loss's row weights, (density of the √Em targets)^−β (<see cref="TargetDensityWeights"/>, the
    /// weights the descriptor models take with <see cref="TreeWeightPower"/>): counters the skew that shrinks the rare
    /// high barriers; 0 (the default, and recipes written before the option) = every hop counts the same.
    /// </summary>
    [JsonPropertyName("loss_weight_power"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double LossWeightPower { get; init; }

    /// <summary>Where the Huber loss turns from quadratic to linear, in the units of the fitted target.</summary>
    public const double HuberDelta = 0.1;
    /// <summary>
    /// Extra trees per descriptor model blended with the GNN (<see cref="TreeBlend"/>); 0 = GNN only. The blend beat
    /// the GNN alone in grouped cross-validation (docs/heads.md), so it is on by default.
    /// </summary>
    [JsonPropertyName("trees")] public int Trees { get; init; } = 100;
    /// <summary>The scale the descriptor models fit barriers on: log1p or sqrt (<see cref="TargetScale"/>).</summary>
    [JsonPropertyName("tree_target")] public BarrierScale TreeTarget { get; init; } = BarrierScale.Sqrt;
    /// <summary>How each descriptor model's extra trees combine their trees (<see cref="DescriptorBaselineOptions.TreeVote"/>).</summary>
    [JsonPropertyName("tree_vote")] public TreeVote TreeVote { get; init; } = TreeVote.Median;
    /// <summary>
    /// Kernel ridge penalty α and width γ (multiple of 1 / descriptors) of the descriptor models. The baseline's
    /// α = 0.03, γ = 1 were chosen on log(1 + Em) with one model per fold; on √Em, bagged over three partitions, a
    /// wider, less regularised kernel is better under both groupings (docs/heads.md).
    /// </summary>
    [JsonPropertyName("kernel_alpha")] public double KernelAlpha { get; init; } = 0.003;
    [JsonPropertyName("kernel_gamma")] public double KernelGamma { get; init; } = 0.25;
    /// <summary>
    /// Grouped partitions the descriptor models are fitted on: 1 = one model per member, on the member's folds; P =
    /// max(members, folds × P) models, model j holding out fold j mod folds of partition ⌊j / folds⌋ and belonging to
    /// member j mod members. Three lowered the grouped-CV MAE of every head for seconds of extra fitting and no extra
    /// GNN member (docs/heads.md), at 7–9% wider intervals for the same coverage.
    /// </summary>
    [JsonPropertyName("tree_partitions")] public int TreePartitions { get; init; } = 3;
    /// <summary>
    /// Exponent β of the descriptor models' row weights, (target density)^−β (<see cref="DescriptorBaselineOptions.TargetWeightPower"/>):
    /// counters the skew that shrinks the rare high barriers; 0 (the default, and recipes written before the option) = unweighted.
    /// </summary>
    [JsonPropertyName("tree_weight_power"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double TreeWeightPower { get; init; }

    /// <summary>
    /// Whether the descriptor models also read the blockage descriptors (<see cref="DescriptorBaselineOptions.BlockageDescriptors"/>),
    /// appended to the hop descriptors of their rows; the network reads the hop descriptors alone either way. False
    /// (the default, and recipes written before the option) = the hop descriptors only.
    /// </summary>
    [JsonPropertyName("tree_blockage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool TreeBlockage { get; init; }

    /// <summary>Tens of barriers in batches of 32 would give one optimizer step per epoch; 8 gives the adaptation room to move.</summary>
    public const int FewShotBatchSize = 8;

    /// <summary>
    /// Epochs, batch size and peak learning rate of each head as shipped, inside a 15-minute training budget
    /// (docs/heads.md). The endpoint heads run two graphs per hop and so fewer epochs.
    /// </summary>
    public static (int Epochs, int BatchSize, double LearningRate) PerHead(HeadKind head) => head switch
    {
        HeadKind.Band => (15, 16, 2e-3),
        HeadKind.Attention => (12, 32, 1e-3),
        HeadKind.Endpoints => (9, 32, 1e-3),
        HeadKind.Difference => (8, 32, 1e-3),
        _ => throw new ArgumentException($"unknown head '{head}'"),
    };

    /// <summary>Epochs each member of a full training runs.</summary>
    [JsonIgnore] public int EpochsPerMember => Epochs ?? PerHead(Head.Head).Epochs;
    /// <summary>Grouped folds of a full training.</summary>
    [JsonIgnore] public int FoldCount => Folds ?? (Ensemble == 1 ? 5 : Ensemble);

    /// <summary>The recipe of a full training with every default resolved, as model.json records it.</summary>
    public HeadRecipe Resolved()
    {
        var (epochs, batch, lr) = PerHead(Head.Head);
        return this with { Epochs = Epochs ?? epochs, BatchSize = BatchSize ?? batch, LearningRate = LearningRate ?? lr, Folds = FoldCount };
    }

    /// <summary>
    /// What <see cref="From"/> names: <see cref="Scratch"/>, or a model directory whose model.json says whether it is a
    /// trained head (few-shot adaptation) or, otherwise, the pretrained backbone the members start from.
    /// </summary>
    public StartingPoint StartingPoint() =>
        From == Scratch ? Training.StartingPoint.Scratch
        : File.Exists(Path.Combine(From, ModelManifest.FileName)) && ModelManifest.Read(From).Kind == HeadEnsemble.KindName ? Training.StartingPoint.TrainedHead
        : Training.StartingPoint.PretrainedBackbone;

    /// <summary>The descriptor model each member blends with.</summary>
    public DescriptorBaselineOptions DescriptorModel() =>
        TreeBlend.TreeOptions(Trees, TreeTarget, TreeVote, KernelAlpha, KernelGamma) with { TargetWeightPower = TreeWeightPower, BlockageDescriptors = TreeBlockage };

    /// <summary>Rejects values training cannot use, naming the command-line option.</summary>
    public void Validate()
    {
        if (Epochs is < 1) throw new ArgumentException("--epochs must be at least 1");
        if (Ensemble < 1) throw new ArgumentException("--ensemble must be at least 1");
        if (BatchSize is < 2) throw new ArgumentException("--batch-size must be at least 2");
        if (Folds is < 2) throw new ArgumentException("--folds must be at least 2");
        if (TreePartitions < 1) throw new ArgumentException("--tree-partitions must be at least 1");
        if (TreeTarget is not (BarrierScale.Log1p or BarrierScale.Sqrt)) throw new ArgumentException($"--tree-target must be log1p or sqrt, not '{ChoiceNames.Name(TreeTarget)}'");
        if (!(KernelAlpha > 0) || !double.IsFinite(KernelAlpha)) throw new ArgumentException("--kernel-alpha must be a positive number");
        if (!(KernelGamma > 0) || !double.IsFinite(KernelGamma)) throw new ArgumentException("--kernel-gamma must be a positive number");
        if (!(TreeWeightPower >= 0 && TreeWeightPower <= TargetDensityWeights.MaxPower))
            throw new ArgumentException($"--tree-weight-power must be between 0 and {TargetDensityWeights.MaxPower}");
        if (!(LossWeightPower >= 0 && LossWeightPower <= TargetDensityWeights.MaxPower))
            throw new ArgumentException($"--loss-weight-power must be between 0 and {TargetDensityWeights.MaxPower}");
        Head.Validate();
    }

    /// <summary>
    /// The `finetune` command that trains this recipe on <paramref name="dataFile"/> into <paramref name="outDir"/>,
    /// every option written out. The head's hidden width, dropout and decay length and the weight decay have no
    /// command-line options; the command reproduces the recipe while they keep their defaults.
    /// </summary>
    public string Command(string dataFile, string outDir)
    {
        var r = Resolved();
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var parts = new List<string>
        {
            "barriernet finetune", "--data", dataFile, "--out", outDir, "--head", ChoiceNames.Name(r.Head.Head), "--from", r.From,
            "--ensemble", $"{r.Ensemble}", "--folds", $"{r.Folds}", "--grouping", GroupedFolds.GroupingName(r.Grouping),
            "--epochs", $"{r.Epochs}", "--seed", $"{r.Seed}", "--batch-size", $"{r.BatchSize}", "--lr", F(r.LearningRate!.Value),
            "--combine", ChoiceNames.Name(r.Head.Combine), "--descriptors", r.Head.Descriptors ? "on" : "off", "--target", ChoiceNames.Name(r.Head.Target), "--crop", F(r.Head.CropRadius),
            "--trees", $"{r.Trees}", "--tree-target", ChoiceNames.Name(r.TreeTarget), "--tree-vote", ChoiceNames.Name(r.TreeVote),
            "--kernel-alpha", F(r.KernelAlpha), "--kernel-gamma", F(r.KernelGamma), "--tree-partitions", $"{r.TreePartitions}",
        };
        if (r.Head.RelaxedImages) parts.Add("--relaxed-images");
        else if (r.Head.Images != BandImages.Straight) parts.AddRange(new[] { "--band-images", ChoiceNames.Name(r.Head.Images) });
        if (r.TreeWeightPower != 0) parts.AddRange(new[] { "--tree-weight-power", F(r.TreeWeightPower) });
        if (r.TreeBlockage) parts.Add("--tree-blockage");
        if (r.Loss != HeadLoss.L1) parts.AddRange(new[] { "--loss", ChoiceNames.Name(r.Loss) });
        if (r.LossWeightPower != 0) parts.AddRange(new[] { "--loss-weight-power", F(r.LossWeightPower) });
        return string.Join(' ', parts.Select(p => p.Contains(' ') && !p.StartsWith("barriernet", StringComparison.Ordinal) ? "\"" + p + "\"" : p));
    }
}
