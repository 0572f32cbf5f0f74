using BarrierNet.Model.Baseline;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The models `experiment --heads` can compare, by name. The baseline rows are built in; GNN heads register theirs
/// (e.g. "band", "band-scratch") with <see cref="Register"/>. "all" selects every registered row.
/// </summary>
internal static class ExperimentRows
{
    private static readonly List<ExperimentRow> Rows = new List<ExperimentRow>
    {
        new("baseline", (train, seed) => DescriptorBaseline.Train(train, new DescriptorBaselineOptions(), seed)),
        new("baseline-forest", (train, seed) => DescriptorBaseline.Train(train, DescriptorBaselineOptions.Forest, seed)),
        new("baseline-extratrees", (train, seed) => DescriptorBaseline.Train(train, DescriptorBaselineOptions.ExtraTrees, seed)),
        new("baseline-extratrees-kernel", (train, seed) => DescriptorBaseline.Train(train, DescriptorBaselineOptions.ExtraTreesKernel, seed)),
        // The descriptor model the heads blend with (√Em, median vote, their kernel), with the baseline's 300 trees on the whole fold.
        new("baseline-descriptor-model", (train, seed) => DescriptorBaseline.Train(train,
            new Training.HeadRecipe { Trees = DescriptorBaselineOptions.ExtraTrees.Trees }.DescriptorModel(), seed)),
        // The same with the hop's BVSE landscape descriptors appended.
        new("baseline-descriptor-model-landscape", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { LandscapeDescriptors = true }, seed)),
        // Variants aimed at the under-predicted high barriers (docs/experiments/tail.md): the blockage descriptors appended,
        // rows weighted by inverse target density (β = 0.5, 1, 0.25, 0.75; with the blockage descriptors), the barrier fitted in eV or as log(1 + Em) instead of √Em.
        new("baseline-descriptor-model-blockage", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { BlockageDescriptors = true }, seed)),
        new("baseline-descriptor-model-weighted", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { TargetWeightPower = 0.5 }, seed)),
        new("baseline-descriptor-model-weighted1", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { TargetWeightPower = 1 }, seed)),
        new("baseline-descriptor-model-weighted0.25", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { TargetWeightPower = 0.25 }, seed)),
        new("baseline-descriptor-model-weighted0.75", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { TargetWeightPower = 0.75 }, seed)),
        new("baseline-descriptor-model-weighted-blockage", (train, seed) => DescriptorBaseline.Train(train,
            DescriptorModel() with { TargetWeightPower = 0.5, BlockageDescriptors = true }, seed)),
        new("baseline-descriptor-model-ev", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { TargetTransform = BarrierScale.None }, seed)),
        new("baseline-descriptor-model-log1p", (train, seed) => DescriptorBaseline.Train(train, DescriptorModel() with { TargetTransform = BarrierScale.Log1p }, seed)),
        // Stacked with a model of its own out-of-fold residual (per-ion offset; per ion and predicted value), and two-stage.
        new("baseline-descriptor-model-ion-offset", (train, seed) => ResidualStackedModel.Train(train, DescriptorModel(), ResidualCorrection.IonOffset, seed)),
        new("baseline-descriptor-model-residual", (train, seed) => ResidualStackedModel.Train(train, DescriptorModel(), ResidualCorrection.IonAndValue, seed)),
        new("baseline-descriptor-model-two-stage", (train, seed) => HighBarrierGate.Train(train, DescriptorModel(), seed)),
        // The good/bad class decided apart from the barrier (docs/experiments/gnn-alone.md): a classifier on the descriptors,
        // or the barrier against a threshold chosen on inner out-of-fold predictions; on the plain and on the weighted-blockage model.
        new("baseline-descriptor-model-classifier", (train, seed) => GoodConductorDecision.Train(train, DescriptorModel(), ClassDecision.Classifier, seed)),
        new("baseline-descriptor-model-calibrated-threshold", (train, seed) => GoodConductorDecision.Train(train, DescriptorModel(), ClassDecision.CalibratedThreshold, seed)),
        new("baseline-descriptor-model-weighted-blockage-classifier", (train, seed) => GoodConductorDecision.Train(train,
            DescriptorModel() with { TargetWeightPower = 0.5, BlockageDescriptors = true }, ClassDecision.Classifier, seed)),
        new("baseline-descriptor-model-weighted-blockage-calibrated-threshold", (train, seed) => GoodConductorDecision.Train(train,
            DescriptorModel() with { TargetWeightPower = 0.5, BlockageDescriptors = true }, ClassDecision.CalibratedThreshold, seed)),
    }.Concat(Heads.HeadExperimentRows.All()).ToList();

    /// <summary>The heads' descriptor model (√Em, median vote, their kernel) with the baseline's 300 trees.</summary>
    private static DescriptorBaselineOptions DescriptorModel() =>
        new Training.HeadRecipe { Trees = DescriptorBaselineOptions.ExtraTrees.Trees }.DescriptorModel();

    public static IReadOnlyList<string> Names { get { lock (Rows) return Rows.Select(r => r.Name).ToList(); } }

    public static void Register(ExperimentRow row)
    {
        lock (Rows)
        {
            Rows.RemoveAll(r => r.Name == row.Name);
            Rows.Add(row);
        }
    }

    /// <summary>Rows for a comma-separated list of names, or "all".</summary>
    public static IReadOnlyList<ExperimentRow> Resolve(string list)
    {
        lock (Rows)
        {
            if (list.Trim() == "all") return Rows.ToList();
            var result = new List<ExperimentRow>();
            foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var row = Rows.FirstOrDefault(r => r.Name == name)
                          ?? throw new ArgumentException($"unknown model row '{name}' (available: {string.Join(", ", Rows.Select(r => r.Name))}, or all)");
                result.Add(row);
            }
            if (result.Count == 0) throw new ArgumentException("--heads names no model");
            return result;
        }
    }
}
