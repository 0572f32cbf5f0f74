using System.CommandLine;
using System.Globalization;
using BarrierNet.Core.Data;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Training;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>`barriernet bench-gnn`: graphs per second for training and inference on pretraining structures and on barrier bands.</summary>
internal static class BenchGnnCommand
{
    public static Command Create()
    {
        var defaults = new BackboneConfig();
        var root = new Option<string?>("--data-root") { Description = "dataset root (default ../shared/datasets or $BARRIERNET_DATA)" };
        var count = new Option<int>("--structures") { Description = "structures per data set", DefaultValueFactory = _ => 500 };
        var batch = new Option<int>("--batch-size") { Description = "structures per batch", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "torch threads", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "torch device", DefaultValueFactory = _ => "cpu" };
        var width = new Option<int>("--width") { Description = "hidden features per atom and bond of the GNN", DefaultValueFactory = _ => defaults.Width };
        var alignn = new Option<int>("--alignn-layers") { Description = "ALIGNN layers (bond-angle updates)", DefaultValueFactory = _ => defaults.AlignnLayers };
        var gcn = new Option<int>("--gcn-layers") { Description = "edge-gated graph convolution layers after the ALIGNN layers", DefaultValueFactory = _ => defaults.GcnLayers };
        var angles = new Option<int>("--angles-per-bond") { Description = "largest number of bond angles kept per bond", DefaultValueFactory = _ => defaults.AnglesPerBond };
        var cmd = new Command("bench-gnn", "Measure GNN throughput (graph building, training, inference)");
        foreach (var o in new Option[] { root, count, batch, threads, device, width, alignn, gcn, angles }) cmd.Options.Add(o);
        cmd.SetAction(r => CliErrors.Guard(() =>
        {
            var config = defaults with { Width = r.GetValue(width), AlignnLayers = r.GetValue(alignn), GcnLayers = r.GetValue(gcn), AnglesPerBond = r.GetValue(angles) };
            int n = r.GetValue(count);
            var dataRoot = r.GetValue(root);
            BarrierNet.Model.Runtime.TorchRuntime.EnsureLoadable();
            var dev = TorchSharp.torch.device(r.GetValue(device)!);
            var pre = PretrainDataset.Load(DataPaths.Pretrain(dataRoot)).Take(n).Select(e => e.Structure).ToList();
            var bands = BarrierDataset.Load(DataPaths.BarrierTrain(dataRoot)).Where(e => e.Band is not null).Take(n).Select(e => e.Band!.ToStructure()).ToList();
            AnsiConsole.MarkupLine(Markup.Escape($"config: {config.ToJson().ReplaceLineEndings(" ")}"));
            // Plain aligned lines rather than a table: the output is meant for logs and notes.
            Console.WriteLine($"{"data",-9}{"graphs",7}{"atoms",9}{"bonds",10}{"angles",10}{"build g/s",11}{"train g/s",11}{"train at/s",12}{"infer g/s",11}{"infer at/s",12}{"build/(build+train)",21}");
            foreach (var (name, list) in new[] { ("pretrain", pre), ("bands", bands) })
            {
                var res = ThroughputBenchmark.Run(name, list, config, r.GetValue(batch), dev, r.GetValue(threads));
                static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
                Console.WriteLine($"{name,-9}{res.Graphs,7}{res.Atoms,9}{res.Bonds,10}{res.Angles,10}{F(res.BuildGraphsPerSecond),11}{F(res.TrainGraphsPerSecond),11}{F(res.TrainAtomsPerSecond),12}{F(res.InferGraphsPerSecond),11}{F(res.InferAtomsPerSecond),12}{(res.BuildSeconds / (res.BuildSeconds + res.TrainSeconds)).ToString("P0", CultureInfo.InvariantCulture),21}");
            }
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
