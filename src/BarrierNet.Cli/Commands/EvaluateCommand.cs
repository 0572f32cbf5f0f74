using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet evaluate`: metrics of a saved model on a barrier file (band or endpoint form), on all its entries and
/// separately on the entries the model has not trained on (<see cref="TrainingOverlap"/>).
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>The shipped band model, found like predict finds it (beside the executable or in a checkout).</summary>
    public static string DefaultModel() => BarrierNet.Model.Apps.ModelPaths.HeadDirectory(BarrierNet.Model.Apps.ModelPaths.DefaultHead);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Barrier JSON (band or endpoint form) with targets", Required = true };
        var model = new Option<string?>("--model") { Description = "Model directory with model.json (default: the shipped models/heads/band)" };
        var threshold = new Option<double>("--threshold") { Description = "Good conductor: Em below this (eV)", DefaultValueFactory = _ => RegressionMetrics.DefaultThreshold };
        var format = new Option<string>("--format") { Description = "table or json (the metrics object, plus n_trained_on, trained_on_basis and unseen: the same metrics on the entries the model has not trained on)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var predictions = new Option<string?>("--predictions") { Description = "Write sys_name, target, prediction, uncertainty to this CSV" };
        var reliability = new Option<string?>("--reliability") { Description = "Write a reliability diagram of the prediction intervals (PNG) for models with uncertainty" };
        var cmd = new Command("evaluate", "Evaluate a trained model on barriers with known values: MAE, RMSE, R², good/bad-conductor accuracy, interval coverage. " +
            "It also says how many entries the model was trained on (from the SHA-256 of its training data in data-hashes.json/model.json) and gives the metrics on the unseen ones separately: metrics on training entries measure the fit, not the accuracy.");
        foreach (var o in new Option[] { data, model, threshold, format, predictions, reliability }) cmd.Options.Add(o);
        cmd.SetAction(p => CliErrors.Guard(() => Run(p.GetValue(data)!, p.GetValue(model) ?? DefaultModel(), p.GetValue(threshold), p.GetValue(format)!, p.GetValue(predictions), p.GetValue(reliability))));
        return cmd;
    }

    private static int Run(string dataFile, string modelDir, double threshold, string format, string? predictionsFile, string? reliabilityFile)
    {
        if (format is not ("table" or "json")) throw new ArgumentException($"--format must be table or json, not '{format}'");
        if (!double.IsFinite(threshold)) throw new ArgumentException("--threshold must be a number");
        var entries = BarrierDataset.Load(dataFile);
        if (entries.Count == 0) throw new ArgumentException($"{dataFile}: no entries");
        var predictor = BarrierModelLoader.Load(modelDir);
        IReadOnlyList<BarrierPrediction> pred;
        try { pred = predictor.Predict(entries).Predictions; }
        catch (ArgumentException e) { throw new ArgumentException($"{dataFile}: {e.Message}", e); }
        if (predictionsFile is not null) PredictionsCsv.Write(predictionsFile, entries, pred);

        var withTarget = Enumerable.Range(0, entries.Count).Where(i => entries[i].Target is not null).ToList();
        if (withTarget.Count == 0)
        {
            if (predictionsFile is null) throw new ArgumentException($"{dataFile}: no entry has a target; give --predictions to write predictions");
            Console.Error.WriteLine($"note: {dataFile} has no targets; wrote predictions only");
            return CliErrors.Ok;
        }
        RegressionMetrics Metrics(IReadOnlyList<int> idx) => RegressionMetrics.Compute(idx.Select(i => entries[i].Target!.Value).ToList(),
            idx.Select(i => pred[i]).ToList(), idx.Select(i => entries[i].Ion).ToList(), threshold);
        var metrics = Metrics(withTarget);
        var overlap = TrainingOverlap.Find(modelDir, dataFile, entries);
        var unseenIdx = overlap.Seen is { } seen ? withTarget.Where(i => !seen[i]).ToList() : null;
        var unseen = unseenIdx is { Count: > 0 } ? Metrics(unseenIdx) : null;
        if (reliabilityFile is not null)
        {
            var coverage = ReliabilityPlot.Coverage(withTarget.Select(i => entries[i].Target!.Value).ToList(), withTarget.Select(i => pred[i]).ToList())
                ?? throw new ArgumentException($"{modelDir}: the model gives no intervals, so there is no reliability diagram to draw");
            ReliabilityPlot.Save(reliabilityFile, $"{predictor.Kind} on {Path.GetFileName(dataFile)}", coverage);
        }
        if (format == "json")
        {
            var json = MetricsJson(metrics)!.AsObject();
            json["n_trained_on"] = overlap.SeenCount;
            json["trained_on_basis"] = overlap.Basis;
            json["unseen"] = MetricsJson(unseen);
            Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            string trained = overlap.SeenCount is int k ? $"{k} of {entries.Count} entries were in the model's training data" : "could not tell which entries the model was trained on";
            Console.WriteLine($"{trained} ({overlap.Basis})");
            if (overlap.SeenCount > 0) Console.WriteLine("metrics on training entries measure how well the model fits them, not how well it predicts new hops");
            WriteTable(metrics, $"{predictor.Kind}, all entries", threshold);
            if (unseen is not null) WriteTable(unseen, $"{predictor.Kind}, entries it has not trained on", threshold);
            else if (overlap.Seen is not null) Console.WriteLine("no entry with a barrier is unseen by the model: there is no accuracy to report from this file");
        }
        return CliErrors.Ok;
    }

    /// <summary>The metrics as JSON, with null for values that are not finite (an R² of one entry …).</summary>
    private static System.Text.Json.Nodes.JsonNode? MetricsJson(RegressionMetrics? m)
    {
        if (m is null) return null;
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(m, new JsonSerializerOptions
        { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }))!;
        foreach (var (key, value) in node.AsObject().ToList())
            if (value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) && text is "NaN" or "Infinity" or "-Infinity")
                node[key] = null;
        return node;
    }

    /// <summary>Per barrier range (of the DFT target) and per ion: n, MAE, bias, coverage and width of the 90% interval.</summary>
    internal static void WriteConditional(IReadOnlyList<ConditionalMetrics> rows)
    {
        static string F(double? v) => v is double x ? x.ToString("F3", CultureInfo.InvariantCulture) : "–";
        string familiarity = rows.Any(r => r.Group == ConditionalMetrics.FamiliarityGroup) ? ", ion and host (familiar: a training host)" : " and ion";
        Console.WriteLine($"by barrier range (eV, DFT){familiarity}; coverage is judged on groups of n ≥ {ConditionalMetrics.MinJudged}:");
        var t = new Table().AddColumn("group").AddColumn(new TableColumn("n").RightAligned()).AddColumn(new TableColumn("mae (eV)").RightAligned())
            .AddColumn(new TableColumn("bias (eV)").RightAligned()).AddColumn(new TableColumn("coverage90").RightAligned())
            .AddColumn(new TableColumn("width90 (eV)").RightAligned());
        foreach (var r in rows)
            t.AddRow(Markup.Escape(r.Group == "range" ? $"Em {r.Key}" : r.Key), r.N.ToString(CultureInfo.InvariantCulture), F(r.Mae),
                r.Bias.ToString("+0.000;-0.000", CultureInfo.InvariantCulture), F(r.Coverage90), F(r.IntervalWidth90));
        PlainConsole.For(Console.Out).Write(t);
    }

    private static void WriteTable(RegressionMetrics m, string kind, double threshold)
    {
        static string F(double? v) => v is double x && double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "–";
        Console.WriteLine($"{kind}: {m.N} barriers, good conductor = Em < {threshold.ToString(CultureInfo.InvariantCulture)} eV");
        var t = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        t.AddRow("n", m.N.ToString(CultureInfo.InvariantCulture));
        t.AddRow("mae (eV)", F(m.Mae));
        t.AddRow("rmse (eV)", F(m.Rmse));
        t.AddRow("r2", F(m.R2));
        t.AddRow("accuracy", F(m.Accuracy));
        t.AddRow("precision", F(m.Precision));
        t.AddRow("recall", F(m.Recall));
        t.AddRow("f1", F(m.F1));
        t.AddRow("coverage90", F(m.Coverage90));
        t.AddRow("interval_width90 (eV)", F(m.IntervalWidth90));
        foreach (var (ion, mae) in m.MaeByIon) t.AddRow($"mae {ion} (eV)", F(mae));
        PlainConsole.For(Console.Out).Write(t);
        WriteConditional(m.Conditional);
    }
}
