using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// Multi-property pretraining of the backbone: masked L1 over present labels, AdamW (no decay on biases and norms)
/// with a one-cycle schedule stepped per batch, a validation split by structure, the best weights by validation
/// loss, and a checkpoint every epoch from which an interrupted run resumes exactly (the batch order of each epoch
/// is a function of seed and epoch, so no RNG state needs saving).
/// Output directory: weights.bin (best by validation loss), model.json, train-log.csv, metrics.json, and checkpoint/
/// (last epoch's weights.bin + model.json, optimizer.bin, state.json; not part of the model).
/// </summary>
internal sealed class Pretrainer
{
    private readonly PretrainOptions o;
    private readonly IProgress<PretrainProgress>? progress;
    private readonly Device device;
    private static JsonSerializerOptions Indented => Evaluation.ModelJson.Indented;
    private long totalSteps;

    public Pretrainer(PretrainOptions options, IProgress<PretrainProgress>? progress = null)
    {
        o = options;
        this.progress = progress;
        TorchRuntime.EnsureLoadable();
        device = torch.device(options.Device);
        if (options.Epochs < 1) throw new ArgumentException("--epochs must be at least 1");
        if (options.BatchSize < 1) throw new ArgumentException("--batch-size must be at least 1");
    }

    private string CheckpointDir => Path.Combine(o.OutputDirectory, "checkpoint");

    /// <summary>Runs (or resumes) training; returns the per-property metrics written to metrics.json.</summary>
    public JsonObject Run()
    {
        if (o.Task == PretrainTask.Migration) return new MigrationPretrainer(o, progress).Run();
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(Math.Max(1, o.Threads));
        Directory.CreateDirectory(o.OutputDirectory);
        var data = LoadData(clock);
        torch.manual_seed(o.Seed);
        using var model = new MultiPropertyModel(o.Backbone, data.Properties);
        model.to(device);
        var optimizer = PretrainCheckpoint.CreateOptimizer(model, o);
        int stepsPerEpoch = (data.Train.Length + o.BatchSize - 1) / o.BatchSize;
        totalSteps = (long)stepsPerEpoch * o.Epochs;
        var state = StartOrResume(model, optimizer, clock);
        TrainEpochs(model, optimizer, data, state, stepsPerEpoch, clock);
        var metrics = FinalMetrics(data, state);
        File.WriteAllText(Path.Combine(o.OutputDirectory, "metrics.json"), metrics.ToJsonString(Indented));
        WriteManifest(data.Entries.Count);
        return metrics;
    }

    /// <summary>
    /// The structures and their labels, split by structure into training and validation, with their graphs, and the
    /// training mean of each property (the baseline a validation MAE is compared with).
    /// </summary>
    private sealed record PretrainData(IReadOnlyList<PretrainEntry> Entries, int[] Train, int[] Val, CrystalGraph[] Graphs, float[][] Labels,
        double[] TrainMean, double GraphBuildSeconds, long Atoms, long Edges, long Angles)
    {
        public int Properties => TrainMean.Length;
    }

    private PretrainData LoadData(Stopwatch clock)
    {
        int nProps = PretrainProperty.All.Count;
        Report("load", 0, 0, 0, double.NaN, 0, clock.Elapsed, null, $"reading {o.DataDirectory}");
        var entries = PretrainDataset.Load(o.DataDirectory, o.MaxPerProperty);
        if (entries.Count < 2) throw new InvalidOperationException("pretraining needs at least two structures");
        var (trainIdx, valIdx) = Split(entries.Count, o.ValidationFraction, o.Seed);

        var buildClock = Stopwatch.StartNew();
        Report("graphs", 0, 0, 0, double.NaN, 0, clock.Elapsed, null, $"building {entries.Count} graphs on {o.Threads} thread(s)");
        var graphs = CrystalGraph.BuildMany(entries.Select(e => e.Structure).ToList(), o.Backbone.Graph, o.Threads);
        buildClock.Stop();
        long atoms = graphs.Sum(g => (long)g.AtomCount), edges = graphs.Sum(g => (long)g.EdgeCount), angles = graphs.Sum(g => (long)g.AngleCount);
        Report("graphs", 0, 0, 0, double.NaN, atoms / buildClock.Elapsed.TotalSeconds, clock.Elapsed, null,
            $"{graphs.Length} graphs, {atoms} atoms, {edges} bonds, {angles} angles built in {buildClock.Elapsed.TotalSeconds:F1} s");

        var labels = entries.Select(e => e.Labels.Select(v => (float)v).ToArray()).ToArray();
        var trainMean = new double[nProps];
        for (int p = 0; p < nProps; p++)
        {
            var vals = trainIdx.Select(i => entries[i].Labels[p]).Where(double.IsFinite).ToArray();
            trainMean[p] = vals.Length > 0 ? vals.Average() : double.NaN;
        }
        return new PretrainData(entries, trainIdx, valIdx, graphs, labels, trainMean, buildClock.Elapsed.TotalSeconds, atoms, edges, angles);
    }

    /// <summary>A fresh state, or with --resume the checkpoint's (weights and optimiser loaded), if it matches this run.</summary>
    private CheckpointState StartOrResume(MultiPropertyModel model, AdamW optimizer, Stopwatch clock)
    {
        var state = PretrainCheckpoint.StartOrResume(CheckpointDir, MultiPropertyModel.WeightsFile, model, optimizer, o, device, out bool resumed);
        if (resumed)
            Report("resume", state.CompletedEpochs, o.Epochs, state.Step, double.NaN, 0, clock.Elapsed, null,
                $"resuming after epoch {state.CompletedEpochs} (step {state.Step})");
        return state;
    }

    /// <summary>
    /// The epochs still to run in this run (all, or --stop-after of them): one-cycle steps per batch, then validation,
    /// the best weights so far, a checkpoint, train-log.csv and model.json after every epoch.
    /// </summary>
    private void TrainEpochs(MultiPropertyModel model, AdamW optimizer, PretrainData data, CheckpointState state, int stepsPerEpoch, Stopwatch clock)
    {
        int nProps = data.Properties;
        var schedule = new OneCycleSchedule(o.MaxLearningRate, totalSteps);
        var trainClock = Stopwatch.StartNew();
        long stepsThisRun = 0;
        int lastEpoch = o.StopAfterEpochs is int stop ? Math.Min(o.Epochs, state.CompletedEpochs + stop) : o.Epochs;
        for (int epoch = state.CompletedEpochs + 1; epoch <= lastEpoch; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            model.train();
            var order = Shuffle(data.Train, o.Seed, epoch);
            var sums = new double[nProps]; var counts = new long[nProps];
            double lossSum = 0; long atomsSeen = 0; double lr = 0;
            for (int b = 0; b < stepsPerEpoch; b++)
            {
                var idx = order.Skip(b * o.BatchSize).Take(o.BatchSize).ToArray();
                lr = schedule.At(state.Step);
                foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
                using (var scope = NewDisposeScope())
                {
                    using var batch = GraphBatch.Collate(idx.Select(i => data.Graphs[i]).ToList(), device);
                    var y = LabelTensor(data.Labels, idx, nProps);
                    optimizer.zero_grad();
                    var pred = model.Forward(batch);
                    var loss = MaskedL1.Loss(pred, y);
                    loss.backward();
                    nn.utils.clip_grad_norm_(model.TrainableParameters(), 5.0);
                    optimizer.step();
                    lossSum += loss.item<float>();
                    var (s, c) = MaskedL1.PerProperty(pred, y);
                    for (int p = 0; p < nProps; p++) { sums[p] += s[p]; counts[p] += c[p]; }
                    atomsSeen += batch.AtomCount;
                }
                state.Step++; stepsThisRun++;
                var perStep = trainClock.Elapsed.TotalSeconds / stepsThisRun;
                Report("train", epoch, o.Epochs, state.Step, lossSum / (b + 1), atomsSeen / epochClock.Elapsed.TotalSeconds,
                    clock.Elapsed, TimeSpan.FromSeconds(perStep * (totalSteps - state.Step)));
            }
            var trainMae = Enumerable.Range(0, nProps).Select(p => counts[p] > 0 ? sums[p] / counts[p] : double.NaN).ToArray();
            var (valLoss, valMae) = Evaluate(model, data.Graphs, data.Labels, data.Val, nProps);
            state.History.Add(new EpochRecord(epoch, epochClock.Elapsed.TotalSeconds, lr, lossSum / stepsPerEpoch, valLoss, trainMae, valMae));
            if (valLoss < state.BestValLoss)
            {
                state.BestValLoss = valLoss; state.BestEpoch = epoch;
                model.SaveTo(o.OutputDirectory);
            }
            state.CompletedEpochs = epoch;
            SaveCheckpoint(model, optimizer, state);
            WriteLog(state.History);
            WriteManifest(data.Entries.Count);
            Report("epoch", epoch, o.Epochs, state.Step, valLoss, atomsSeen / epochClock.Elapsed.TotalSeconds, clock.Elapsed, null,
                FormattableString.Invariant($"epoch {epoch}/{o.Epochs}: train loss {lossSum / stepsPerEpoch:F4}, val loss {valLoss:F4}, {epochClock.Elapsed.TotalSeconds:F0} s"));
        }
    }

    /// <summary>metrics.json: the best weights' validation loss and, per property, its validation MAE beside the train-mean baseline.</summary>
    private JsonObject FinalMetrics(PretrainData data, CheckpointState state)
    {
        int nProps = data.Properties;
        using var best = MultiPropertyModel.LoadFrom(o.OutputDirectory, device);
        var (bestLoss, bestMae) = Evaluate(best, data.Graphs, data.Labels, data.Val, nProps);
        var metrics = new JsonObject
        {
            ["best_epoch"] = state.BestEpoch,
            ["epochs"] = o.Epochs,
            ["val_loss"] = bestLoss,
            ["train_structures"] = data.Train.Length,
            ["val_structures"] = data.Val.Length,
            ["parameters"] = best.TrainableParameters().Sum(p => p.numel()),
            ["graph_build_seconds"] = data.GraphBuildSeconds,
            ["atoms"] = data.Atoms, ["bonds"] = data.Edges, ["angles"] = data.Angles,
        };
        var props = new JsonArray();
        for (int p = 0; p < nProps; p++)
        {
            var present = data.Val.Where(i => double.IsFinite(data.Entries[i].Labels[p])).ToArray();
            double baseline = present.Length > 0 ? present.Average(i => Math.Abs(data.Entries[i].Labels[p] - data.TrainMean[p])) : double.NaN;
            props.Add(new JsonObject
            {
                ["key"] = PretrainProperty.All[p].Key,
                ["property"] = PretrainProperty.All[p].Description,
                ["val_count"] = present.Length,
                ["val_mae"] = Finite(bestMae[p]),
                ["baseline_mae"] = Finite(baseline),
                ["train_mean"] = Finite(data.TrainMean[p]),
            });
        }
        metrics["properties"] = props;
        return metrics;
    }

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private (double Loss, double[] Mae) Evaluate(MultiPropertyModel model, CrystalGraph[] graphs, float[][] labels, int[] idx, int nProps)
    {
        model.eval();
        var sums = new double[nProps]; var counts = new long[nProps];
        using (no_grad())
            for (int b = 0; b < idx.Length; b += 128)
            {
                using var scope = NewDisposeScope();
                var part = idx.Skip(b).Take(128).ToArray();
                using var batch = GraphBatch.Collate(part.Select(i => graphs[i]).ToList(), device);
                var (s, c) = MaskedL1.PerProperty(model.Forward(batch), LabelTensor(labels, part, nProps));
                for (int p = 0; p < nProps; p++) { sums[p] += s[p]; counts[p] += c[p]; }
            }
        double loss = sums.Sum() / Math.Max(1, counts.Sum());
        return (loss, Enumerable.Range(0, nProps).Select(p => counts[p] > 0 ? sums[p] / counts[p] : double.NaN).ToArray());
    }

    private Tensor LabelTensor(float[][] labels, int[] idx, int nProps)
    {
        var y = new float[idx.Length * nProps];
        for (int k = 0; k < idx.Length; k++) Array.Copy(labels[idx[k]], 0, y, k * nProps, nProps);
        return tensor(y, new long[] { idx.Length, nProps }, device: device);
    }

    /// <summary>Validation split by structure (merged entries), fixed by the seed.</summary>
    public static (int[] Train, int[] Val) Split(int count, double fraction, int seed)
    {
        var perm = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(perm);
        int nVal = Math.Clamp((int)Math.Round(count * fraction), 1, count - 1);
        return (perm.Skip(nVal).OrderBy(i => i).ToArray(), perm.Take(nVal).OrderBy(i => i).ToArray());
    }

    /// <summary>The batch order of one epoch: a function of seed and epoch only, so a resumed run sees the same order.</summary>
    internal static int[] Shuffle(int[] items, int seed, int epoch)
    {
        var copy = (int[])items.Clone();
        new Random(unchecked(seed * 1000003 + epoch)).Shuffle(copy);
        return copy;
    }

    /// <summary>model.json: the backbone's shape, the full recipe, and the command, code and data that made it.</summary>
    private void WriteManifest(int structures)
    {
        var recipe = PretrainRecipe.Of(o);
        var data = PretrainProperty.All.ToDictionary(p => p.File, p => (string?)Evaluation.ModelManifest.Sha256(Path.Combine(o.DataDirectory, p.File)));
        new Evaluation.ModelManifest
        {
            Kind = MultiPropertyModel.KindName,
            Recipe = JsonSerializer.SerializeToElement(recipe, Evaluation.ModelJson.Options),
            Provenance = Evaluation.ModelProvenance.Now(recipe.Command(o.DataDirectory, o.OutputDirectory), data, structures),
            Backbone = o.Backbone,
        }.Write(o.OutputDirectory);
    }

    private void SaveCheckpoint(MultiPropertyModel model, OptimizerHelper optimizer, CheckpointState state)
    {
        PretrainCheckpoint.Save(CheckpointDir, MultiPropertyModel.WeightsFile, model, optimizer, state);
        new Evaluation.ModelManifest { Kind = MultiPropertyModel.KindName, Backbone = model.Backbone.Config }.Write(CheckpointDir);
    }

    private void WriteLog(IEnumerable<EpochRecord> history)
    {
        var keys = PretrainProperty.All.Select(p => p.Key).ToArray();
        var sb = new StringBuilder("epoch,seconds,lr,train_loss,val_loss,");
        sb.AppendLine(string.Join(',', keys.Select(k => "train_mae_" + k).Concat(keys.Select(k => "val_mae_" + k))));
        static string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";
        foreach (var r in history)
            sb.AppendLine(string.Join(',', new[] { r.Epoch.ToString(CultureInfo.InvariantCulture), F(r.Seconds), F(r.LearningRate), F(r.TrainLoss), F(r.ValLoss) }
                .Concat(r.TrainMae.Select(F)).Concat(r.ValMae.Select(F))));
        File.WriteAllText(Path.Combine(o.OutputDirectory, "train-log.csv"), sb.ToString());
    }

    private void Report(string phase, int epoch, int epochs, long step, double loss, double rate, TimeSpan elapsed, TimeSpan? remaining, string? message = null)
    {
        progress?.Report(new PretrainProgress(phase, epoch, epochs == 0 ? o.Epochs : epochs, step, totalSteps, loss, rate, elapsed, remaining, message));
    }

    /// <summary>What checkpoint/state.json holds.</summary>
    public sealed class CheckpointState
    {
        public int Epochs { get; set; }
        public int Seed { get; set; }
        public string ConfigJson { get; set; } = "";
        public int CompletedEpochs { get; set; }
        public long Step { get; set; }
        public double BestValLoss { get; set; } = double.MaxValue;
        public int BestEpoch { get; set; }
        public List<EpochRecord> History { get; set; } = new();
    }
}
