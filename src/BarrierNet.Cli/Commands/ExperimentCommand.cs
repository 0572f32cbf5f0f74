using System.CommandLine;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet experiment`: grouped cross-validation of several models (the baseline rows now, GNN heads as they
/// register) over several seeds; writes experiment.md, experiment.json and a parity plot per row into --out.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Barrier JSON with targets", Required = true };
        var heads = new Option<string>("--heads") { Description = $"Comma-separated rows or 'all' (available: {string.Join(", ", ExperimentRows.Names)})", DefaultValueFactory = _ => "all" };
        var folds = new Option<int>("--folds") { Description = "Number of grouped folds", DefaultValueFactory = _ => 5 };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds (0 … N−1); each moves folds and model randomness", DefaultValueFactory = _ => 3 };
        var threshold = new Option<double>("--threshold") { Description = "Good conductor: Em below this (eV)", DefaultValueFactory = _ => RegressionMetrics.DefaultThreshold };
        var outDir = new Option<string>("--out") { Description = "Report directory", Required = true };
        var curve = new Option<string?>("--learning-curve") { Description = "Also train on subsets of these sizes, e.g. 10,50,100,250,all" };
        var grouping = new Option<string>("--grouping") { Description = "what must not straddle a split: system+family (default) system (the published baselines' protocol) or random (a random split of the same pool)", DefaultValueFactory = _ => "system+family" };
        var backbones = new Option<string[]>("--backbone") { Description = "NAME=DIR (repeatable): add the rows band@NAME, band-trees@NAME, band-trees-weighted@NAME and band-shipped@NAME (the shipped blend: weighted descriptor models with the blockage descriptors), the band head fine-tuned from the pretrained backbone in DIR (or DIR = scratch), and band-VARIANT@NAME, the GNN alone with one change to the recipe (VARIANT: sqrt, log1p, huber, weighted, sqrt-weighted, epochs25, lr1e-3, wd0.1, dropout0.3, desc-dropout0.2, desc-branch32, mep (inner images on the minimum-energy path), ens3); name them in --heads" };
        var gnnEpochs = new Option<int?>("--gnn-epochs") { Description = "epochs of the --backbone rows (default: the shipped band recipe's)" };
        var cmd = new Command("experiment", "Compare models by grouped k-fold cross-validation over several seeds (Markdown + JSON report, parity plots)");
        foreach (var o in new Option[] { data, heads, folds, seeds, threshold, outDir, curve, grouping, backbones, gnnEpochs }) cmd.Options.Add(o);
        cmd.SetAction(p => CliErrors.Guard(() =>
        {
            int k = p.GetValue(folds), ns = p.GetValue(seeds);
            if (k < 2) throw new ArgumentException("--folds must be at least 2");
            if (ns < 1) throw new ArgumentException("--seeds must be at least 1");
            var split = GroupedFolds.ParseGrouping(p.GetValue(grouping)!);
            if (p.GetValue(gnnEpochs) is < 1) throw new ArgumentException("--gnn-epochs must be at least 1");
            foreach (var spec in p.GetValue(backbones) ?? Array.Empty<string>())
            {
                var parts = spec.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0) throw new ArgumentException($"--backbone {spec}: expected NAME=DIR");
                foreach (var row in BarrierNet.Model.Heads.HeadExperimentRows.ForBackbone(parts[0], parts[1], p.GetValue(gnnEpochs))) ExperimentRows.Register(row);
            }
            var rows = ExperimentRows.Resolve(p.GetValue(heads)!);
            var sizes = p.GetValue(curve) is string c ? LearningCurve.ParseSizes(c) : null;
            string file = p.GetValue(data)!;
            var entries = BarrierDataset.Load(file);
            if (entries.Any(e => e.Target is null)) throw new ArgumentException($"{file}: every entry needs a target");
            var report = Experiment.Run(entries, rows, k, Enumerable.Range(0, ns).ToList(), p.GetValue(outDir)!, file,
                "barriernet " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), p.GetValue(threshold), Console.Error.WriteLine, split);
            Console.WriteLine(Experiment.Markdown(report));
            if (sizes is not null)
            {
                var curves = LearningCurve.Run(entries, rows, k, Enumerable.Range(0, ns).ToList(), sizes, p.GetValue(outDir)!,
                    p.GetValue(threshold), Console.Error.WriteLine, split);
                Console.WriteLine(LearningCurve.Markdown(curves));
            }
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
