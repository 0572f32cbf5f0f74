using System.CommandLine;
using System.Globalization;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Cli.Commands;

/// <summary>`barriernet calibrate`: refit the 90% interval of an ensemble on held-out barriers, into a new model directory.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Ensemble model directory, only read (default: the shipped models/heads/band)" };
        var data = new Option<string>("--data") { Description = "Barrier JSON with targets the model has not trained on (at least 10)", Required = true };
        var outDir = new Option<string>("--out") { Description = "New model directory: a copy of --model with the refitted calibration", Required = true };
        var level = new Option<double>("--level") { Description = "Interval coverage to calibrate for", DefaultValueFactory = _ => 0.9 };
        var reliability = new Option<string?>("--reliability") { Description = "Also write the reliability diagram after recalibration (PNG)" };
        var cmd = new Command("calibrate", "Refit an ensemble's prediction interval on held-out barriers (split-conformal), written to a new directory");
        foreach (var o in new Option[] { model, data, outDir, level, reliability }) cmd.Options.Add(o);
        cmd.SetAction(p => CliErrors.Guard(() =>
        {
            string file = p.GetValue(data)!, dir = p.GetValue(outDir)!;
            double lv = p.GetValue(level);
            if (!(lv > 0 && lv < 1)) throw new ArgumentException("--level must lie between 0 and 1");
            var entries = BarrierDataset.Load(file);
            var (r, recalibrated) = Recalibration.Run(p.GetValue(model) ?? EvaluateCommand.DefaultModel(), file, entries, dir, lv);
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
}
