using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Core.Data;
using ScottPlot;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// MAE against the number of training barriers: for every grouped fold and seed, each row is trained on a seeded random
/// (nested) subset of n barriers from the training folds (all of them for "all") and scored on the whole held-out fold, so every
/// size is judged on the same test entries. This shows what pretraining buys when data are few.
/// </summary>
internal static class LearningCurve
{
    public sealed record Point(
        [property: JsonPropertyName("n_train")] int NTrain,
        [property: JsonPropertyName("mae")] MeanStd Mae,
        [property: JsonPropertyName("r2")] MeanStd? R2,
        [property: JsonPropertyName("accuracy")] MeanStd Accuracy);

    public sealed record Curve([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("points")] IReadOnlyList<Point> Points);

    /// <summary>Sizes from "10,50,100,250,all" (all = every training barrier of the fold, reported as 0 before resolving).</summary>
    public static IReadOnlyList<int> ParseSizes(string s)
    {
        var list = new List<int>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(part == "all" ? int.MaxValue
                : int.TryParse(part, out var v) && v >= 2 ? v : throw new ArgumentException($"learning-curve size '{part}' is not an integer ≥ 2 or 'all'"));
        return list.Count > 0 ? list : throw new ArgumentException("no learning-curve sizes given");
    }

    public static IReadOnlyList<Curve> Run(IReadOnlyList<BarrierEntry> entries, IReadOnlyList<ExperimentRow> rows, int folds,
        IReadOnlyList<int> seeds, IReadOnlyList<int> sizes, string outDir, double threshold = RegressionMetrics.DefaultThreshold,
        Action<string>? log = null, GroupedFolds.Grouping grouping = GroupedFolds.Grouping.SystemAndFamily)
    {
        Directory.CreateDirectory(outDir);
        var curves = new List<Curve>();
        foreach (var row in rows)
        {
            var points = new List<Point>();
            foreach (int size in sizes)
            {
                var runs = new List<RegressionMetrics>();
                var used = new List<int>();
                foreach (int seed in seeds)
                    foreach (var ((train, test), fold) in GroupedFolds.Splits(entries, folds, seed, grouping).Select((x, f) => (x, f)))
                    {
                        // Same permutation for every size: smaller training sets are subsets of larger ones.
                        var rng = new Random(seed * 1000 + fold);
                        var subset = train.OrderBy(_ => rng.Next()).Take(Math.Min(size, train.Length)).Select(i => entries[i]).ToList();
                        used.Add(subset.Count);
                        runs.Add(CrossValidation.Fold(entries, subset, test, row.Factory, seed, threshold).Metrics);
                        log?.Invoke(FormattableString.Invariant($"{row.Name} n={subset.Count} seed {seed} fold {fold + 1}/{folds}: MAE {runs[^1].Mae:F3}"));
                    }
                var s = MetricsSummary.Of(runs);
                var p = new Point((int)Math.Round(used.Average()), s.Mae!, s.R2, s.Accuracy!);
                points.Add(p);
                log?.Invoke(FormattableString.Invariant($"{row.Name} n={p.NTrain}: MAE {p.Mae.Format()}"));
            }
            curves.Add(new Curve(row.Name, points));
        }
        File.WriteAllText(Path.Combine(outDir, "learning-curve.json"),
            JsonSerializer.Serialize(curves, ModelJson.Indented) + "\n");
        File.WriteAllText(Path.Combine(outDir, "learning-curve.md"), Markdown(curves));
        Plot(curves, Path.Combine(outDir, "learning-curve.png"));
        return curves;
    }

    public static string Markdown(IReadOnlyList<Curve> curves)
    {
        var sb = new StringBuilder("## Learning curve: MAE (eV) on held-out folds, mean ± std over folds × seeds\n\n");
        var sizes = curves.SelectMany(c => c.Points.Select(p => p.NTrain)).Distinct().OrderBy(x => x).ToList();
        sb.AppendLine("| model | " + string.Join(" | ", sizes.Select(n => $"n = {n}")) + " |");
        sb.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---|")));
        foreach (var c in curves)
            sb.AppendLine($"| {c.Name} | " + string.Join(" | ", sizes.Select(n => c.Points.FirstOrDefault(p => p.NTrain == n)?.Mae.Format() ?? "–")) + " |");
        return sb.ToString();
    }

    private static void Plot(IReadOnlyList<Curve> curves, string path)
    {
        var plt = new Plot();
        foreach (var c in curves)
        {
            var sc = plt.Add.Scatter(c.Points.Select(p => (double)p.NTrain).ToArray(), c.Points.Select(p => p.Mae.Mean).ToArray());
            sc.LegendText = c.Name;
        }
        plt.Axes.Bottom.Label.Text = "training barriers";
        plt.Axes.Left.Label.Text = "MAE on held-out folds (eV)";
        plt.ShowLegend();
        plt.SavePng(path, 700, 500);
    }
}
