using System.Diagnostics;
using BarrierNet.Core.Crystal;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>Where the time goes for one set of structures: graph building, one training step, inference.</summary>
internal sealed record ThroughputResult(string Name, int Graphs, long Atoms, long Bonds, long Angles,
    double BuildSeconds, double TrainSeconds, double InferSeconds)
{
    public double BuildGraphsPerSecond => Graphs / BuildSeconds;
    public double TrainGraphsPerSecond => Graphs / TrainSeconds;
    public double InferGraphsPerSecond => Graphs / InferSeconds;
    public double TrainAtomsPerSecond => Atoms / TrainSeconds;
    public double InferAtomsPerSecond => Atoms / InferSeconds;
}

/// <summary>
/// Measures graphs per second on real structures: building the graphs (one thread), a training pass
/// (forward + backward + AdamW per batch) and an inference pass, so that the cost of each design choice
/// (width, depth, angles) is known rather than guessed.
/// </summary>
internal static class ThroughputBenchmark
{
    public static ThroughputResult Run(string name, IReadOnlyList<Structure> structures, BackboneConfig config,
        int batchSize, Device device, int threads = 1)
    {
        TorchRuntime.EnsureLoadable();
        torch.set_num_threads(Math.Max(1, threads));
        var clock = Stopwatch.StartNew();
        var graphs = structures.Select(s => CrystalGraph.Build(s, config.Graph)).ToList();
        double build = clock.Elapsed.TotalSeconds;

        torch.manual_seed(0);
        using var model = new MultiPropertyModel(config);
        model.to(device);
        var optimizer = torch.optim.AdamW(model.TrainableParameters(), 1e-4);
        model.train();
        clock.Restart();
        foreach (var chunk in graphs.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            using var batch = GraphBatch.Collate(chunk, device);
            optimizer.zero_grad();
            var loss = model.Forward(batch).abs().mean();
            loss.backward();
            optimizer.step();
        }
        double train = clock.Elapsed.TotalSeconds;

        model.eval();
        clock.Restart();
        using (no_grad())
            foreach (var chunk in graphs.Chunk(batchSize))
            {
                using var scope = NewDisposeScope();
                using var batch = GraphBatch.Collate(chunk, device);
                model.Forward(batch).sum().item<float>();
            }
        double infer = clock.Elapsed.TotalSeconds;
        return new ThroughputResult(name, graphs.Count, graphs.Sum(g => (long)g.AtomCount), graphs.Sum(g => (long)g.EdgeCount),
            graphs.Sum(g => (long)g.AngleCount), build, train, infer);
    }
}
