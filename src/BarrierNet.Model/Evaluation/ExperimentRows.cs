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
        new("baseline-descriptor-model-landscape", (train, seed) => DescriptorBaseline.Train(train,
            new Training.HeadRecipe { Trees = DescriptorBaselineOptions.ExtraTrees.Trees }.DescriptorModel() with { LandscapeDescriptors = true }, seed)),
    }.Concat(Heads.HeadExperimentRows.All()).ToList();

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
