using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet screen INPUT --ion Li --out results.csv [--jobs N] [--resume] [--shard i/n] [--head H]
/// [--errors errors.csv]`: scores a Materials Project dump (JSON array or JSON Lines) or a folder of structure files
/// in bulk. The work is in <see cref="ScreenRunner"/>; this only wires options and shows progress.
/// </summary>
internal static class ScreenCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A Materials Project dump (JSON array or JSON Lines of {material_id, structure}) or a directory of CIF/POSCAR files" };
        var ion = new Option<string?>("--ion") { Description = "Migrating element (default: the one mobile ion of each structure)" };
        var outPath = new Option<string>("--out") { Description = "Results CSV", DefaultValueFactory = _ => "results.csv" };
        var errorsPath = new Option<string?>("--errors") { Description = "CSV of documents that could not be scored (default: <out>.errors.csv)" };
        var jobs = new Option<int>("--jobs") { Description = "Parallel featurisation workers, preparing the next batch while the network scores the current one on two libtorch threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run: keep its rows, skip what is done" };
        var shard = new Option<string>("--shard") { Description = "Take the deterministic i-th of n parts of the input (0 ≤ i < n), e.g. 3/16", DefaultValueFactory = _ => "0/1" };
        var head = new Option<string>("--head") { Description = "Barrier head (default band)", DefaultValueFactory = _ => ModelPaths.DefaultHead };
        var model = new Option<string?>("--model") { Description = "Model directory (default: the shipped models/heads/<head>)" };
        var maxHop = new Option<double>("--max-hop") { Description = "Longest ion–ion distance considered as a hop, Å", DefaultValueFactory = _ => 5.0 };
        var threshold = new Option<double>("--threshold") { Description = "Good/bad threshold, eV", DefaultValueFactory = _ => BarrierClass.DefaultThreshold };
        var batch = new Option<int>("--batch") { Description = "Materials per batch (rows are flushed after each)", DefaultValueFactory = _ => 32 };
        var landscape = new Option<double>("--landscape-resolution") { Description = "Grid spacing of the bond-valence landscape behind the bvse_percolation columns, Å (0: leave them empty)", DefaultValueFactory = _ => BvseOptions.DefaultResolution };
        var timings = new Option<bool>("--timings") { Description = "Also print where the time went: start-up and model loading, then each stage (reading, hops, landscape, graphs, descriptor models, network, percolation, writing), summed over workers" };
        var maxAtoms = new Option<int>("--max-atoms") { Description = "Largest cell worked in after reduction to the primitive cell (docs/scale.md)", DefaultValueFactory = _ => HopOptions.DefaultMaxAtoms };
        var cmd = new Command("screen", "Score every material of a Materials Project dump or a folder of structures; one CSV row per material.\n\n" +
            "Columns: material_id; formula; ion; n_hops = distinct hops found; min_barrier = the lowest predicted hop barrier (eV); " +
            "percolation_1d/2d/3d = the smallest barrier (eV) at which hops join the ion sites into an infinite chain, layer or 3D network (empty: none); " +
            "uncertainty = 1σ (eV) of the hop that sets the percolation barrier; class = good, bad or uncertain, as predict's material class; bvse_percolation_1d/2d/3d = percolation barriers (eV) of the bond-valence site-energy landscape (empty: none or not computed); n_blocked_hops = hops whose straight path runs within 1 Å of a host atom (their barriers are counted in min_barrier but never make a material good). " +
            "Documents that cannot be scored go to the errors CSV (line, material_id, reason).");
        cmd.Arguments.Add(input);
        var orderings = new OrderingOptions();
        var sites = HopsCommand.SiteOption();
        foreach (var o in new Option[] { ion, outPath, errorsPath, jobs, resume, shard, head, model, maxHop, threshold, batch, maxAtoms, landscape, sites, timings }.Concat(orderings.All)) cmd.Options.Add(o);
        cmd.SetAction(parseResult => CliErrors.Guard(() =>
        {
            var output = parseResult.GetValue(outPath)!;
            var options = new ScreenOptions(parseResult.GetValue(input)!, output,
                parseResult.GetValue(errorsPath) ?? Path.ChangeExtension(output, null) + ".errors.csv",
                parseResult.GetValue(ion), parseResult.GetValue(resume), ShardSpec.Parse(parseResult.GetValue(shard)!),
                Math.Max(1, parseResult.GetValue(batch)));
            var modelDir = parseResult.GetValue(model) ?? ModelPaths.HeadDirectory(parseResult.GetValue(head)!);
            var hopOptions = new HopOptions(parseResult.GetValue(ion), parseResult.GetValue(maxHop), Sites: parseResult.GetValue(sites)) { MaxAtoms = parseResult.GetValue(maxAtoms) };
            double resolution = parseResult.GetValue(landscape);
            if (!(resolution == 0 || resolution >= 0.02 && resolution <= 2)) throw new ArgumentException("--landscape-resolution must be 0 (off) or a spacing in Å between 0.02 and 2");
            var predictor = new MaterialPredictor(BarrierModelLoader.Load(modelDir), hopOptions, parseResult.GetValue(threshold), jobs: parseResult.GetValue(jobs),
                landscapeResolution: resolution, orderings: orderings.Read(parseResult));
            var startup = DateTime.Now - Process.GetCurrentProcess().StartTime;
            int code = Run(new ScreenRunner(predictor, options), options, Console.Error);
            if (parseResult.GetValue(timings))
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"screen timings: start-up and model loading {startup.TotalSeconds:F1} s; {predictor.Timings}"));
            return code;
        }));
        return cmd;
    }

    public static int Run(ScreenRunner runner, ScreenOptions options, TextWriter log)
    {
        ScreenSummary summary;
        if (Console.IsErrorRedirected || log != Console.Error)
        {
            var last = DateTime.UtcNow;
            summary = runner.Run(new SyncProgress(p =>
            {
                if ((DateTime.UtcNow - last).TotalSeconds < 10) return;
                last = DateTime.UtcNow;
                log.WriteLine(FormattableString.Invariant($"screen: {p.Documents} documents read ({p.Fraction:P0}), {p.Scored} scored, {p.MaterialsPerSecond * 60:F0} materials/min"));
            }));
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            summary = console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("screening", maxValue: 1.0);
                    var s = runner.Run(new SyncProgress(p =>
                    {
                        task.Value = p.Fraction;
                        task.Description = FormattableString.Invariant($"{p.Scored} scored, {p.MaterialsPerSecond * 60:F0}/min");
                    }));
                    task.Value = 1.0;
                    return s;
                });
        }
        var inv = CultureInfo.InvariantCulture;
        log.WriteLine(string.Create(inv, $"screen: {summary.Documents} documents, {summary.InShard} in shard {options.Shard}; {summary.Scored} scored, " +
            $"{summary.WithoutIon} without the ion (skipped), {summary.Errors} errors (→ {options.ErrorsPath}), {summary.AlreadyDone} already done; " +
            $"{summary.MaterialsPerSecond * 60:F0} materials/min, {summary.HopsPerSecond:F1} hops/s; results in {options.OutPath}"));
        return CliErrors.Ok;
    }

    /// <summary>Reports progress on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<ScreenProgress> report) : IProgress<ScreenProgress>
    {
        public void Report(ScreenProgress value) => report(value);
    }
}
