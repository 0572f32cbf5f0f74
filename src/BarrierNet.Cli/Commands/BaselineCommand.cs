using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet baseline`: trains the descriptor baseline on every entry of a barrier file and saves it as a model
/// directory; with --cv K it first reports grouped K-fold cross-validation of the same settings (for tuning).
/// </summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Barrier JSON with targets", Required = true };
        var outDir = new Option<string?>("--out") { Description = "Model directory to write (model.json, model.zip)" };
        var cv = new Option<int>("--cv") { Description = "Report grouped K-fold cross-validation first (0 = skip)", DefaultValueFactory = _ => 0 };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds for --cv", DefaultValueFactory = _ => "0" };
        var trainer = new Option<string>("--trainer") { Description = "fasttree (boosting), fastforest (random forest), extratrees, or extratrees+kernel (extra trees averaged with kernel ridge)", DefaultValueFactory = _ => ChoiceNames.Name(new DescriptorBaselineOptions().Trainer) };
        var trees = new Option<int?>("--trees") { Description = "Number of trees" };
        var leaves = new Option<int?>("--leaves") { Description = "Leaves per tree" };
        var minLeaf = new Option<int?>("--min-leaf") { Description = "Minimum barriers per leaf" };
        var lr = new Option<double?>("--learning-rate") { Description = "Boosting learning rate" };
        var ff = new Option<double?>("--feature-fraction") { Description = "Fraction of descriptors each tree sees" };
        var transform = new Option<string?>("--target-transform") { Description = "none, log1p or sqrt" };
        var vote = new Option<string?>("--tree-vote") { Description = "extratrees: mean or median of the trees' predictions (default mean)" };
        var grouping = new Option<string>("--grouping") { Description = "For --cv: system+family (default) system (the published baselines' protocol) or random (a random split of the same pool)", DefaultValueFactory = _ => "system+family" };
        var dump = new Option<string?>("--descriptors-csv") { Description = "Also write every entry's hop descriptors to this CSV" };
        var landscape = new Option<bool>("--landscape-descriptors") { Description = "extratrees trainers: also read the hop's BVSE landscape descriptors (barriers along the straight line and the minimum-energy paths, percolation)" };
        var cmd = new Command("baseline", "Train the classical baseline (trees on hop descriptors) and save it as a model directory");
        foreach (var o in new Option[] { data, outDir, dump, cv, grouping, seeds, trainer, trees, leaves, minLeaf, lr, ff, transform, vote, landscape }) cmd.Options.Add(o);
        cmd.SetAction(p => CliErrors.Guard(() =>
        {
            var baseOptions = ChoiceNames.Parse<DescriptorTrainer>(p.GetValue(trainer)!, "--trainer") switch
            {
                DescriptorTrainer.FastForest => DescriptorBaselineOptions.Forest,
                DescriptorTrainer.ExtraTrees => DescriptorBaselineOptions.ExtraTrees,
                DescriptorTrainer.ExtraTreesKernel => DescriptorBaselineOptions.ExtraTreesKernel,
                _ => new DescriptorBaselineOptions(),
            };
            var o = baseOptions with
            {
                Trees = p.GetValue(trees) ?? baseOptions.Trees,
                Leaves = p.GetValue(leaves) ?? baseOptions.Leaves,
                MinLeaf = p.GetValue(minLeaf) ?? baseOptions.MinLeaf,
                LearningRate = p.GetValue(lr) ?? baseOptions.LearningRate,
                FeatureFraction = p.GetValue(ff) ?? baseOptions.FeatureFraction,
                TargetTransform = p.GetValue(transform) is string t ? ChoiceNames.Parse<BarrierScale>(t, "--target-transform") : baseOptions.TargetTransform,
                TreeVote = p.GetValue(vote) is string v ? ChoiceNames.Parse<TreeVote>(v, "--tree-vote") : baseOptions.TreeVote,
                LandscapeDescriptors = p.GetValue(landscape),
            };
            o.Validate();
            return Run(p.GetValue(data)!, p.GetValue(outDir), p.GetValue(dump), p.GetValue(cv), GroupedFolds.ParseGrouping(p.GetValue(grouping)!), ParseSeeds(p.GetValue(seeds)!), o);
        }));
        return cmd;
    }

    public static IReadOnlyList<int> ParseSeeds(string s)
    {
        var list = new List<int>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"seed '{part}' is not an integer"));
        return list.Count > 0 ? list : throw new ArgumentException("no seeds given");
    }

    private static int Run(string dataFile, string? outDir, string? descriptorsCsv, int folds, GroupedFolds.Grouping grouping, IReadOnlyList<int> seeds, DescriptorBaselineOptions options)
    {
        if (outDir is null && folds == 0 && descriptorsCsv is null) throw new ArgumentException("give --out DIR to save a model, --cv K to cross-validate, or --descriptors-csv F");
        var entries = BarrierDataset.Load(dataFile);
        if (entries.Any(e => e.Target is null)) throw new ArgumentException($"{dataFile}: every entry needs a target to train on");
        var sw = Stopwatch.StartNew();
        var rows = options.Rows(entries);
        Console.Error.WriteLine(FormattableString.Invariant($"descriptors: {entries.Count} bands × {options.DescriptorNames.Count} in {sw.Elapsed.TotalSeconds:F1} s"));
        if (descriptorsCsv is not null)
        {
            using var w = new StreamWriter(descriptorsCsv);
            w.WriteLine("sys_name,target," + string.Join(',', options.DescriptorNames));
            for (int i = 0; i < entries.Count; i++)
                w.WriteLine(entries[i].SysName + "," + entries[i].Target?.ToString("R", CultureInfo.InvariantCulture) + "," +
                    string.Join(',', rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        if (folds > 0)
        {
            var runs = seeds.Select(seed => CrossValidation.Run(entries, (train, s) => DescriptorBaseline.Train(train, options, s), folds, seed, grouping: grouping)).ToList();
            var f = MetricsSummary.Of(runs.SelectMany(r => r.Folds).ToList());
            var pooled = MetricsSummary.Of(runs.Select(r => r.Pooled).ToList());
            Console.WriteLine(FormattableString.Invariant(
                $"grouped ({grouping}) {folds}-fold CV, seeds {string.Join(",", seeds)}: folds MAE {f.Mae!.Format()} RMSE {f.Rmse!.Format()} R2 {f.R2?.Format() ?? "-"} acc {f.Accuracy!.Format()} | pooled MAE {pooled.Mae!.Format()} R2 {pooled.R2?.Format() ?? "-"} acc {pooled.Accuracy!.Format()} ({sw.Elapsed.TotalSeconds:F0} s)"));
        }
        if (outDir is not null)
        {
            var model = DescriptorBaseline.Train(entries, options, seeds[0]);
            model.Save(outDir, ModelProvenance.Now("barriernet " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                new Dictionary<string, string?> { [dataFile] = ModelManifest.Sha256(dataFile) }, entries.Count));
            Console.Error.WriteLine($"saved {DescriptorBaseline.KindName} trained on {entries.Count} barriers to {outDir}");
        }
        return CliErrors.Ok;
    }
}
