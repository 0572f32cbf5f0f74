using System.CommandLine;
using System.Globalization;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Training;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>`barriernet pretrain`: multi-property pretraining of the GNN backbone (see Pretrainer).</summary>
internal static class PretrainCommand
{
    public static Command Create()
    {
        var defaults = new BackboneConfig();
        var data = new Option<string?>("--data") { Description = "folder with the seven pretraining files (default: <data root>/pretrain)" };
        var output = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "models/pretrained" };
        var epochs = new Option<int>("--epochs") { Description = "number of epochs", DefaultValueFactory = _ => 10 };
        var resume = new Option<bool>("--resume") { Description = "continue from the checkpoint in --out" };
        var device = new Option<string>("--device") { Description = "torch device (cpu, cuda, cuda:1)", DefaultValueFactory = _ => "cpu" };
        var seed = new Option<int>("--seed") { Description = "random seed (split, initialisation, batch order)", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "torch and graph-building threads", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch-size") { Description = "structures per batch", DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "peak learning rate of the one-cycle schedule", DefaultValueFactory = _ => 1e-3 };
        var maxPer = new Option<int?>("--max-per-property") { Description = "use only the first N entries of each file (quick trials)" };
        var width = new Option<int>("--width") { Description = "feature width", DefaultValueFactory = _ => defaults.Width };
        var alignn = new Option<int>("--alignn-layers") { Description = "ALIGNN layers (crystal + line graph)", DefaultValueFactory = _ => defaults.AlignnLayers };
        var gcn = new Option<int>("--gcn-layers") { Description = "gated convolutions on the crystal graph only", DefaultValueFactory = _ => defaults.GcnLayers };
        var angles = new Option<int>("--angles-per-bond") { Description = "angles only to each atom's N shortest bonds (0 = none)", DefaultValueFactory = _ => defaults.AnglesPerBond };

        var task = new Option<string>("--task") { Description = "properties (default: seven bulk properties of --data) or migration (BVSE barriers of hops, --labels)", DefaultValueFactory = _ => ChoiceNames.Name(PretrainTask.Properties) };
        var labels = new Option<string?>("--labels") { Description = "migration task: the label set made by `barriernet migration-labels`" };
        var init = new Option<string?>("--init") { Description = "migration task: start from this pretrained backbone (e.g. models/pretrained) instead of random weights; its shape is used" };
        var scale = new Option<string>("--label-scale") { Description = "migration task: what the loss compares, log1p (log(1 + E), default) or ev", DefaultValueFactory = _ => ChoiceNames.Name(MigrationLabelScale.Log1p) };
        var cmd = new Command("pretrain", "Pretrain the GNN backbone on seven bulk properties, or (--task migration) on BVSE barriers of hops");
        foreach (var opt in new Option[] { data, output, epochs, resume, device, seed, threads, batch, lr, maxPer, width, alignn, gcn, angles, task, labels, init, scale })
            cmd.Options.Add(opt);
        cmd.SetAction(r => CliErrors.Guard(() =>
        {
            var options = new PretrainOptions
            {
                DataDirectory = r.GetValue(data) ?? DataPaths.Pretrain(),
                OutputDirectory = r.GetValue(output)!,
                Epochs = r.GetValue(epochs),
                Resume = r.GetValue(resume),
                Device = r.GetValue(device)!,
                Seed = r.GetValue(seed),
                Threads = r.GetValue(threads),
                BatchSize = r.GetValue(batch),
                MaxLearningRate = r.GetValue(lr),
                MaxPerProperty = r.GetValue(maxPer),
                Backbone = r.GetValue(init) is string from ? MultiPropertyModel.ReadConfig(from) : defaults with
                {
                    Width = r.GetValue(width), AlignnLayers = r.GetValue(alignn), GcnLayers = r.GetValue(gcn),
                    AnglesPerBond = r.GetValue(angles),
                },
                Task = ChoiceNames.Parse<PretrainTask>(r.GetValue(task)!, "--task"),
                MigrationLabels = r.GetValue(labels),
                InitialBackbone = r.GetValue(init),
                LabelScale = ChoiceNames.Parse<MigrationLabelScale>(r.GetValue(scale)!, "--label-scale"),
                CommandLine = "barriernet " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(Quote)),
            };
            var metrics = AnsiConsole.Profile.Capabilities.Interactive
                ? RunWithBar(options)
                : new Pretrainer(options, new LineProgress()).Run();
            PrintMetrics(metrics);
            return CliErrors.Ok;
        }));
        return cmd;
    }

    private static string Quote(string a) => a.Contains(' ') ? "\"" + a + "\"" : a;

    private static System.Text.Json.Nodes.JsonObject RunWithBar(PretrainOptions options)
    {
        System.Text.Json.Nodes.JsonObject? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("pretraining", maxValue: 1);
                var bar = new SyncProgress(p =>
                {
                    if (p.Message is not null) AnsiConsole.MarkupLine(Markup.Escape(p.Message));
                    if (p.TotalSteps > 0) { task.MaxValue = p.TotalSteps; task.Value = p.Step; }
                    if (p.Phase == "train")
                        task.Description = Markup.Escape(FormattableString.Invariant($"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F4} {p.AtomsPerSecond:F0} atoms/s"));
                });
                result = new Pretrainer(options, bar).Run();
            });
        return result!;
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress(Action<PretrainProgress> handler) : IProgress<PretrainProgress>
    {
        public void Report(PretrainProgress value) => handler(value);
    }

    /// <summary>For logs (output redirected): messages as they come, and a progress line at most every 30 s.</summary>
    private sealed class LineProgress : IProgress<PretrainProgress>
    {
        private DateTime last = DateTime.MinValue;
        public void Report(PretrainProgress p)
        {
            if (p.Message is not null) { Console.WriteLine($"[{p.Elapsed:hh\\:mm\\:ss}] {p.Message}"); return; }
            if (DateTime.UtcNow - last < TimeSpan.FromSeconds(30)) return;
            last = DateTime.UtcNow;
            Console.WriteLine(FormattableString.Invariant(
                $"[{p.Elapsed:hh\\:mm\\:ss}] epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps} loss {p.Loss:F4} {p.AtomsPerSecond:F0} atoms/s ETA {p.Remaining:hh\\:mm\\:ss}"));
        }
    }

    private static void PrintMetrics(System.Text.Json.Nodes.JsonObject metrics)
    {
        if (metrics["properties"] is null)
        {
            Console.WriteLine(metrics.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var table = new Table().AddColumns("property", "val MAE", "baseline MAE", "n val");
        foreach (var p in metrics["properties"]!.AsArray())
            table.AddRow(p!["property"]!.ToString(), Fmt(p["val_mae"]), Fmt(p["baseline_mae"]), p["val_count"]!.ToString());
        AnsiConsole.Write(table);
        static string Fmt(System.Text.Json.Nodes.JsonNode? n) => n is null ? "-" : n.GetValue<double>().ToString("F4", CultureInfo.InvariantCulture);
    }
}
