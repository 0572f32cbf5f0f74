using System.CommandLine;
using System.Globalization;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet calibrate`: refit the 90% interval of an ensemble on held-out barriers, into a new model directory; or,
/// with --oof, fit the interval per barrier range and ion (<see cref="ConditionalCalibration"/>) on out-of-fold
/// predictions of the model's recipe, telling hops whose host the predicting model had trained on from novel ones.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Ensemble model directory, only read (default: the shipped models/heads/band)" };
        var data = new Option<string>("--data") { Description = "Barrier JSON with targets the model has not trained on (at least 10)", Required = true };
        var outDir = new Option<string?>("--out") { Description = "New model directory: a copy of --model with the refitted calibration" };
        var oof = new Option<string[]>("--oof") { Description = "Out-of-fold predictions CSV of the model's recipe (oof-predictions.csv of a finetune run; repeat for several splits, e.g. grouped and random folds): fit the interval per barrier range and ion on them; --data gives each hop's ion", AllowMultipleArgumentsPerToken = true };
        var oofGrouping = new Option<string[]>("--oof-grouping") { Description = "With --oof: the grouping of each out-of-fold file's folds, in the order of --oof (system+family, system or random; default: the model's own), so that each hop is known to be familiar (a hop of its host in the training folds) or novel", AllowMultipleArgumentsPerToken = true };
        var sameScale = new Option<bool>("--ignore-familiarity") { Description = "With --oof: one set of factors for familiar and novel hops (no training_hosts section)" };
        var bins = new Option<string>("--bins") { Description = "With --oof: bins of the predicted barrier with their own interval scales: quintiles (five bins of equal counts, the default) or thresholds (below 0.65, 0.65-1.5, 1.5 eV and above)", DefaultValueFactory = _ => "quintiles" };
        var inPlace = new Option<bool>("--in-place") { Description = "With --oof: write the calibration into --model itself instead of a copy" };
        var level = new Option<double>("--level") { Description = "Interval coverage to calibrate for", DefaultValueFactory = _ => 0.9 };
        var reliability = new Option<string?>("--reliability") { Description = "Also write the reliability diagram after recalibration (PNG)" };
        var cmd = new Command("calibrate", "Refit an ensemble's prediction interval on held-out barriers (split-conformal), written to a new directory");
        foreach (var o in new Option[] { model, data, outDir, level, reliability, oof, oofGrouping, sameScale, bins, inPlace }) cmd.Options.Add(o);
        cmd.SetAction(p => CliErrors.Guard(() =>
        {
            string file = p.GetValue(data)!;
            double lv = p.GetValue(level);
            if (!(lv > 0 && lv < 1)) throw new ArgumentException("--level must lie between 0 and 1");
            var oofFiles = p.GetValue(oof) ?? Array.Empty<string>();
            bool here = p.GetValue(inPlace);
            if (here && oofFiles.Length == 0) throw new ArgumentException("--in-place applies to --oof only");
            if (oofFiles.Length == 0 && p.GetResult(bins) is { Implicit: false }) throw new ArgumentException("--bins applies to --oof only");
            if (!here && p.GetValue(outDir) is null) throw new ArgumentException("--out is required (or --in-place with --oof)");
            if (here && p.GetValue(outDir) is not null) throw new ArgumentException("give --out or --in-place, not both");
            var entries = BarrierDataset.Load(file);
            string modelDir = p.GetValue(model) ?? EvaluateCommand.DefaultModel();
            var groupings = p.GetValue(oofGrouping) is { Length: > 0 } g ? g.Select(GroupedFolds.ParseGrouping).ToList() : null;
            if (groupings is not null && groupings.Count != oofFiles.Length) throw new ArgumentException("--oof-grouping: give one grouping per --oof file, in the same order");
            var binning = PredictedBinEdges.Parse(p.GetValue(bins)!);
            if (oofFiles.Length > 0) return Conditional(modelDir, file, entries, oofFiles, p.GetValue(outDir), here, lv, groupings, !p.GetValue(sameScale), binning);
            string dir = p.GetValue(outDir)!;
            var (r, recalibrated) = Recalibration.Run(modelDir, file, entries, dir, lv);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"{dir}: interval scale {r.ScaleBefore:F3} → {r.ScaleAfter:F3} from {r.N} barriers of {file} (MAE {r.Mae:F3} eV)"));
            Console.WriteLine(string.Create(c, $"coverage of the {lv * 100:0.#}% interval on these barriers: {r.CoverageBefore:F2} → {r.CoverageAfter:F2}; mean width {r.WidthBefore:F2} → {r.WidthAfter:F2} eV"));
            if (p.GetValue(reliability) is string png)
            {
                var coverage = ReliabilityPlot.Coverage(entries.Where(e => e.Target is not null).Select(e => e.Target!.Value).ToList(), recalibrated)!;
                ReliabilityPlot.Save(png, $"recalibrated on {Path.GetFileName(file)}", coverage);
            }
            return CliErrors.Ok;
        }));
        return cmd;
    }

    private static int Conditional(string model, string file, IReadOnlyList<BarrierEntry> entries, string[] oofFiles, string? outDir, bool inPlace, double level,
        IReadOnlyList<GroupedFolds.Grouping>? groupings, bool byFamiliarity, PredictedBins bins)
    {
        foreach (var f in oofFiles) if (!File.Exists(f)) throw new ArgumentException($"{f}: no such file");
        var command = "barriernet " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Contains(' ') ? "\"" + a + "\"" : a));
        var r = ConditionalRecalibration.Run(model, file, entries, oofFiles, outDir ?? model, inPlace, level, command, groupings, byFamiliarity, bins);
        var c = CultureInfo.InvariantCulture;
        var cal = r.Calibration;
        Console.WriteLine(string.Create(c, $"{(inPlace ? model : outDir)}/model.json: conditional_calibration from {cal.Sources.Values.Sum()} out-of-fold residuals, τ = {cal.Tau:F3} eV, predicted-barrier bins {PredictedBinEdges.Name(cal.Bins)} (edges {string.Join(", ", cal.RangeEdges.Select(e => e.ToString("0.###", c)))} eV)"));
        if (cal.Familiarity is { } k)
            Console.WriteLine(string.Create(c, $"familiar hops ({k.Familiar.N}): factors {k.Familiar.Lower:F2} / {k.Familiar.Upper:F2}; novel hops ({k.Novel.N}): {k.Novel.Lower:F2} / {k.Novel.Upper:F2}"));
        foreach (var s in r.Sources)
        {
            Console.WriteLine(string.Create(c, $"{s.Source} ({s.N} hops, {GroupedFolds.GroupingName(s.Grouping)} folds, {s.Familiar} familiar): coverage {s.Before.Coverage90:F2} → {s.After.Coverage90:F2} (cross-fitted {s.CrossFitted.Coverage90:F2}), mean width {s.Before.IntervalWidth90:F2} → {s.After.IntervalWidth90:F2} eV (cross-fitted {s.CrossFitted.IntervalWidth90:F2})"));
            Console.WriteLine("cross-fitted:");
            EvaluateCommand.WriteConditional(s.CrossFitted.Conditional);
        }
        return CliErrors.Ok;
    }
}
