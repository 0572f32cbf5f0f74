using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Core.Data;

namespace BarrierNet.Model.Evaluation;

/// <summary>One row of the comparison: a name and how to train a fresh model of that kind on a training set.</summary>
internal sealed record ExperimentRow(string Name, PredictorFactory Factory);

/// <summary>
/// The head-comparison experiment: every row is cross-validated with grouped k folds for each seed (the seed moves
/// both the folds and the model's randomness). Reported per row: mean ± std of every metric over all folds × seeds
/// ("folds"), and over seeds of the metrics of the pooled out-of-fold predictions ("pooled"); a parity plot and a CSV
/// (oof-ROW.csv, <see cref="PredictionsCsv"/>) of the first seed's out-of-fold predictions. Rows only see <see cref="IBarrierPredictor"/>, so GNN heads are added by
/// passing more rows.
/// </summary>
internal static class Experiment
{
    public sealed record RowResult(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("folds")] MetricsSummary Folds,
        [property: JsonPropertyName("pooled")] MetricsSummary Pooled,
        [property: JsonPropertyName("seconds")] double Seconds,
        [property: JsonPropertyName("parity_plot")] string ParityPlot)
    {
        /// <summary>Per barrier range and ion, pooled out-of-fold predictions of the first seed (<see cref="ConditionalMetrics"/>).</summary>
        [JsonPropertyName("conditional")] public IReadOnlyList<ConditionalMetrics> Conditional { get; init; } = Array.Empty<ConditionalMetrics>();
    }

    public sealed record Report(
        [property: JsonPropertyName("command")] string? Command,
        [property: JsonPropertyName("data_file")] string DataFile,
        [property: JsonPropertyName("data_sha256")] string? DataSha256,
        [property: JsonPropertyName("n")] int N,
        [property: JsonPropertyName("folds")] int Folds,
        [property: JsonPropertyName("seeds")] IReadOnlyList<int> Seeds,
        [property: JsonPropertyName("threshold")] double Threshold,
        [property: JsonPropertyName("grouping")] string Grouping,
        [property: JsonPropertyName("rows")] IReadOnlyList<RowResult> Rows);

    public const string Grouping = "grouped k-fold: no system (sys_name without _N) and no composition family (host framework reduced formula without the ion's element) on both sides";
    public const string SystemGrouping = "grouped k-fold: no system (sys_name without _N) on both sides (the published baselines' protocol; composition families may straddle)";
    public const string RandomGrouping = "random k-fold: hops of one system may straddle a split, as in a random test split of the same pool";

    public static Report Run(IReadOnlyList<BarrierEntry> entries, IReadOnlyList<ExperimentRow> rows, int folds, IReadOnlyList<int> seeds,
        string outDir, string dataFile, string? command, double threshold = RegressionMetrics.DefaultThreshold,
        Action<string>? log = null, GroupedFolds.Grouping grouping = GroupedFolds.Grouping.SystemAndFamily)
    {
        Directory.CreateDirectory(outDir);
        var results = new List<RowResult>();
        string? sha = File.Exists(dataFile) ? ModelManifest.Sha256(dataFile) : null;
        var report = new Report(command, dataFile, sha, entries.Count, folds, seeds, threshold,
            grouping switch { GroupedFolds.Grouping.SystemOnly => SystemGrouping, GroupedFolds.Grouping.Random => RandomGrouping, _ => Grouping }, results);
        foreach (var row in rows)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var runs = new List<CrossValidation.Result>();
            foreach (int seed in seeds)
            {
                var r = CrossValidation.Run(entries, row.Factory, folds, seed, threshold, grouping, (f, m) => log?.Invoke(
                    FormattableString.Invariant($"{row.Name} seed {seed} fold {f + 1}/{folds}: MAE {m.Mae:F3} ({sw.Elapsed.TotalMinutes:F1} min)")));
                runs.Add(r);
                log?.Invoke(FormattableString.Invariant($"{row.Name} seed {seed}: pooled MAE {r.Pooled.Mae:F3} R2 {r.Pooled.R2:F3} acc {r.Pooled.Accuracy:F3}"));
            }
            var plot = $"parity-{Slug(row.Name)}.png";
            // The first seed's out-of-fold predictions, per barrier, for looking at where a row errs.
            PredictionsCsv.Write(Path.Combine(outDir, $"oof-{Slug(row.Name)}.csv"), entries, runs[0].OutOfFold);
            ParityPlot.Save(Path.Combine(outDir, plot), $"{row.Name} (grouped {folds}-fold, seed {seeds[0]})",
                entries.Select(e => e.Target!.Value).ToList(), runs[0].OutOfFold.Select(p => p.Mean).ToList(), threshold);
            results.Add(new RowResult(row.Name, MetricsSummary.Of(runs.SelectMany(r => r.Folds).ToList()),
                MetricsSummary.Of(runs.Select(r => r.Pooled).ToList()), sw.Elapsed.TotalSeconds, plot) { Conditional = runs[0].Pooled.Conditional });
            // The report is rewritten after every row, so a long run that is stopped keeps the rows it finished.
            File.WriteAllText(Path.Combine(outDir, "experiment.json"),
                JsonSerializer.Serialize(report, ModelJson.Indented) + "\n");
            File.WriteAllText(Path.Combine(outDir, "experiment.md"), Markdown(report));
        }
        return report;
    }

    public static string Markdown(Report r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Barrier model comparison");
        sb.AppendLine();
        if (r.Command is not null) sb.AppendLine($"Command: `{r.Command}`  ").AppendLine();
        sb.AppendLine(FormattableString.Invariant($"Data: `{r.DataFile}` ({r.N} barriers, sha256 {r.DataSha256 ?? "n/a"}). {r.Folds} folds × seeds {string.Join(", ", r.Seeds)}; good conductor = Em < {r.Threshold} eV. Split: {r.Grouping}."));
        foreach (var (title, pick) in new (string, Func<RowResult, MetricsSummary>)[]
                 {
                     ("Mean ± std over all folds × seeds", x => x.Folds),
                     ("Pooled out-of-fold predictions, mean ± std over seeds", x => x.Pooled),
                 })
        {
            sb.AppendLine().AppendLine($"## {title}").AppendLine();
            var names = RegressionMetrics.ScalarNames;
            sb.AppendLine("| model | " + string.Join(" | ", names) + " |");
            sb.AppendLine("|---|" + string.Concat(names.Select(_ => "---|")));
            foreach (var row in r.Rows)
            {
                var s = pick(row);
                sb.AppendLine($"| {row.Name} | " + string.Join(" | ", names.Select(n => s.Get(n) is MeanStd m ? m.Format(n == "n" ? "F0" : "F3") : "–")) + " |");
            }
        }
        sb.AppendLine().AppendLine("## MAE by ion (eV, pooled, mean ± std over seeds)").AppendLine();
        var ions = r.Rows.SelectMany(x => x.Pooled.MaeByIon.Keys).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
        sb.AppendLine("| model | " + string.Join(" | ", ions) + " |");
        sb.AppendLine("|---|" + string.Concat(ions.Select(_ => "---|")));
        foreach (var row in r.Rows)
            sb.AppendLine($"| {row.Name} | " + string.Join(" | ", ions.Select(i => row.Pooled.MaeByIon.TryGetValue(i, out var m) ? m.Format() : "–")) + " |");
        sb.AppendLine().AppendLine(FormattableString.Invariant($"## By barrier range (DFT) and ion (pooled out-of-fold, seed {r.Seeds[0]}; bias = mean(prediction − target))")).AppendLine();
        sb.AppendLine("| model | group | n | MAE | bias | coverage90 | width90 |").AppendLine("|---|---|---|---|---|---|---|");
        static string F(double? v) => v is double x ? x.ToString("F3", CultureInfo.InvariantCulture) : "–";
        foreach (var row in r.Rows)
            foreach (var g in row.Conditional)
                sb.AppendLine(FormattableString.Invariant($"| {row.Name} | {(g.Group == "range" ? "Em " + g.Key : g.Key)} | {g.N} | {F(g.Mae)} | {g.Bias:+0.000;-0.000} | {F(g.Coverage90)} | {F(g.IntervalWidth90)} |"));
        sb.AppendLine().AppendLine("## Parity plots").AppendLine();
        foreach (var row in r.Rows) sb.AppendLine($"- {row.Name}: ![{row.Name}]({row.ParityPlot}) ({row.Seconds.ToString("F0", CultureInfo.InvariantCulture)} s)");
        return sb.ToString();
    }

    private static string Slug(string s) => new(s.Select(c => char.IsLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '-').ToArray());
}
