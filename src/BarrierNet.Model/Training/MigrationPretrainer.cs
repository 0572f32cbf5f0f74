using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Pretraining;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Runtime;
using MathNet.Numerics.Statistics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// Migration pretraining (<see cref="PretrainTask.Migration"/>): the backbone learns the BVSE barrier of hops of the
/// pretraining structures from their bands, read as the band head reads the DFT bands (<see cref="MigrationModel"/>).
/// The optimisation is the bulk pretraining's — AdamW without decay on biases and norms, one-cycle schedule per
/// batch, L1 loss, best weights by validation loss, a checkpoint every epoch that resumes exactly — with the
/// validation split by structure, so no structure's hops straddle it. With <see cref="PretrainOptions.InitialBackbone"/>
/// the run continues a bulk-property backbone ("both in sequence"). The output directory is a pretrained-backbone
/// directory like models/pretrained: the heads load it with `finetune --from DIR`.
/// </summary>
internal sealed class MigrationPretrainer
{
    private readonly PretrainOptions o;
    private readonly IProgress<PretrainProgress>? progress;
    private readonly Device device;
    private static JsonSerializerOptions Indented => Evaluation.ModelJson.Indented;
    private long totalSteps;

    public MigrationPretrainer(PretrainOptions options, IProgress<PretrainProgress>? progress = null)
    {
        o = options;
        this.progress = progress;
        TorchRuntime.EnsureLoadable();
        device = torch.device(options.Device);
        if (options.MigrationLabels is null) throw new ArgumentException("--task migration needs --labels (a folder made by `barriernet migration-labels`)");
        if (options.Epochs < 1) throw new ArgumentException("--epochs must be at least 1");
        if (options.BatchSize < 1) throw new ArgumentException("--batch-size must be at least 1");
    }

    private string CheckpointDir => Path.Combine(o.OutputDirectory, "checkpoint");

    /// <summary>Runs (or resumes) training; returns the metrics written to metrics.json.</summary>
    public JsonObject Run()
    {
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(Math.Max(1, o.Threads));
        Directory.CreateDirectory(o.OutputDirectory);

        Report("load", 0, 0, double.NaN, 0, clock.Elapsed, null, $"reading {o.MigrationLabels}");
        var samples = MigrationLabelSet.Load(o.MigrationLabels!);
        var groups = samples.Select(s => s.Group).Distinct().ToList();
        if (groups.Count < 2) throw new InvalidOperationException("migration pretraining needs the hops of at least two structures");
        var (trainGroups, valGroups) = Pretrainer.Split(groups.Count, o.ValidationFraction, o.Seed);
        var valSet = valGroups.Select(g => groups[g]).ToHashSet();
        var trainIdx = Enumerable.Range(0, samples.Count).Where(i => !valSet.Contains(samples[i].Group)).ToArray();
        var valIdx = Enumerable.Range(0, samples.Count).Where(i => valSet.Contains(samples[i].Group)).ToArray();

        var buildClock = Stopwatch.StartNew();
        Report("graphs", 0, 0, double.NaN, 0, clock.Elapsed, null, $"building {samples.Count} band graphs on {o.Threads} thread(s)");
        var graphs = new CrystalGraph[samples.Count];
        var headOptions = new HeadOptions();
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Threads) },
            i => graphs[i] = HopGraphs.BandGraph(samples[i].Hop.Band, o.Backbone.Graph, headOptions));
        buildClock.Stop();
        long atoms = graphs.Sum(g => (long)g.AtomCount);
        Report("graphs", 0, 0, double.NaN, 0, clock.Elapsed, null, FormattableString.Invariant(
            $"{graphs.Length} band graphs of {groups.Count} structures ({trainIdx.Length} train / {valIdx.Length} validation hops), {atoms} atoms, built in {buildClock.Elapsed.TotalSeconds:F1} s"));

        var barriers = samples.Select(s => s.Hop.BvseBarrier).ToArray();
        var labels = barriers.Select(b => (float)o.LabelScale.ToFitted(b)).ToArray();
        float median = (float)trainIdx.Select(i => (double)labels[i]).Median();

        torch.manual_seed(o.Seed);
        var model = new MigrationModel(StartingModel(), median);
        model.to(device);
        var optimizer = PretrainCheckpoint.CreateOptimizer(model, o);

        int stepsPerEpoch = (trainIdx.Length + o.BatchSize - 1) / o.BatchSize;
        totalSteps = (long)stepsPerEpoch * o.Epochs;
        var schedule = new OneCycleSchedule(o.MaxLearningRate, totalSteps);
        var state = PretrainCheckpoint.StartOrResume(CheckpointDir, CheckpointWeights, model, optimizer, o, device, out bool resumed);
        if (resumed)
            Report("resume", state.CompletedEpochs, state.Step, double.NaN, 0, clock.Elapsed, null,
                $"resuming after epoch {state.CompletedEpochs} (step {state.Step})");

        var trainClock = Stopwatch.StartNew();
        long stepsThisRun = 0;
        int lastEpoch = o.StopAfterEpochs is int stop ? Math.Min(o.Epochs, state.CompletedEpochs + stop) : o.Epochs;
        for (int epoch = state.CompletedEpochs + 1; epoch <= lastEpoch; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            model.train();
            var order = Pretrainer.Shuffle(trainIdx, o.Seed, epoch);
            double lossSum = 0, maeSum = 0; long atomsSeen = 0; double lr = 0;
            for (int b = 0; b < stepsPerEpoch; b++)
            {
                var idx = order.Skip(b * o.BatchSize).Take(o.BatchSize).ToArray();
                lr = schedule.At(state.Step);
                foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
                using (var scope = NewDisposeScope())
                {
                    using var batch = GraphBatch.Collate(idx.Select(i => graphs[i]).ToList(), device);
                    var y = tensor(idx.Select(i => labels[i]).ToArray(), device: device);
                    optimizer.zero_grad();
                    var pred = model.Forward(batch);
                    var loss = nn.functional.l1_loss(pred, y);
                    loss.backward();
                    nn.utils.clip_grad_norm_(model.TrainableParameters(), 5.0);
                    optimizer.step();
                    float l = loss.item<float>();
                    lossSum += l * idx.Length;
                    var p = pred.detach().data<float>().ToArray();
                    for (int k = 0; k < idx.Length; k++) maeSum += Math.Abs(o.LabelScale.ToBarrier(p[k]) - barriers[idx[k]]);
                    atomsSeen += batch.AtomCount;
                }
                state.Step++; stepsThisRun++;
                var perStep = trainClock.Elapsed.TotalSeconds / stepsThisRun;
                Report("train", epoch, state.Step, lossSum / Math.Min(trainIdx.Length, (b + 1) * o.BatchSize), atomsSeen / epochClock.Elapsed.TotalSeconds,
                    clock.Elapsed, TimeSpan.FromSeconds(perStep * (totalSteps - state.Step)));
            }
            var val = Evaluate(model, graphs, labels, barriers, valIdx);
            double trainLoss = lossSum / trainIdx.Length;
            state.History.Add(new EpochRecord(epoch, epochClock.Elapsed.TotalSeconds, lr, trainLoss, val.Loss,
                new[] { maeSum / trainIdx.Length }, new[] { val.MaeEv, val.Spearman }));
            if (val.Loss < state.BestValLoss)
            {
                state.BestValLoss = val.Loss; state.BestEpoch = epoch;
                model.Bulk.SaveTo(o.OutputDirectory);
            }
            state.CompletedEpochs = epoch;
            PretrainCheckpoint.Save(CheckpointDir, CheckpointWeights, model, optimizer, state);
            WriteLog(state.History);
            WriteManifest(samples.Count);
            Report("epoch", epoch, state.Step, val.Loss, atomsSeen / epochClock.Elapsed.TotalSeconds, clock.Elapsed, null, FormattableString.Invariant(
                $"epoch {epoch}/{o.Epochs}: train loss {trainLoss:F4}, val loss {val.Loss:F4}, val MAE {val.MaeEv:F3} eV, val Spearman {val.Spearman:F3}, {epochClock.Elapsed.TotalSeconds:F0} s"));
        }

        // The best epoch's numbers come from the log (its weights were saved then); the head is not part of the model.
        var best = state.History.First(h => h.Epoch == state.BestEpoch);
        var baseline = Evaluate(null, graphs, labels, barriers, valIdx, median);
        var metrics = new JsonObject
        {
            ["task"] = "migration",
            ["label_scale"] = o.LabelScale.ToString().ToLowerInvariant(),
            ["best_epoch"] = state.BestEpoch,
            ["epochs"] = o.Epochs,
            ["val_loss"] = Finite(best.ValLoss),
            ["val_mae_ev"] = Finite(best.ValMae[0]),
            ["val_spearman"] = Finite(best.ValMae[1]),
            ["baseline_val_loss"] = Finite(baseline.Loss),
            ["baseline_val_mae_ev"] = Finite(baseline.MaeEv),
            ["train_hops"] = trainIdx.Length,
            ["val_hops"] = valIdx.Length,
            ["structures"] = groups.Count,
            ["atoms"] = atoms,
            ["graph_build_seconds"] = Finite(buildClock.Elapsed.TotalSeconds),
            ["label_median_ev"] = Finite(o.LabelScale.ToBarrier(median)),
        };
        File.WriteAllText(Path.Combine(o.OutputDirectory, "metrics.json"), metrics.ToJsonString(Indented));
        WriteManifest(samples.Count);
        model.Dispose();
        return metrics;
    }

    /// <summary>The model whose backbone is trained: fresh, or the pretrained one named by <see cref="PretrainOptions.InitialBackbone"/>.</summary>
    private MultiPropertyModel StartingModel()
    {
        if (o.InitialBackbone is not string dir) return new MultiPropertyModel(o.Backbone);
        var config = MultiPropertyModel.ReadConfig(dir);
        if (config.ToJson() != o.Backbone.ToJson())
            throw new ArgumentException($"{dir}: its backbone shape differs from the one asked for (leave the shape options out with --init)");
        return MultiPropertyModel.LoadFrom(dir, device);
    }

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private const string CheckpointWeights = "migration-model.bin";

    private sealed record Scores(double Loss, double MaeEv, double Spearman);

    /// <summary>Validation L1 (fitted scale), MAE (eV) and rank correlation; a null model predicts <paramref name="constant"/> (the baseline).</summary>
    private Scores Evaluate(MigrationModel? model, CrystalGraph[] graphs, float[] labels, double[] barriers, int[] idx, float constant = 0)
    {
        var pred = new double[idx.Length];
        if (model is null) Array.Fill(pred, constant);
        else
        {
            model.eval();
            using (no_grad())
                for (int b = 0; b < idx.Length; b += 128)
                {
                    using var scope = NewDisposeScope();
                    var part = idx.Skip(b).Take(128).ToArray();
                    using var batch = GraphBatch.Collate(part.Select(i => graphs[i]).ToList(), device);
                    var p = model.Forward(batch).data<float>().ToArray();
                    for (int k = 0; k < part.Length; k++) pred[b + k] = p[k];
                }
        }
        double loss = idx.Select((i, k) => Math.Abs(pred[k] - labels[i])).Average();
        double mae = idx.Select((i, k) => Math.Abs(o.LabelScale.ToBarrier(pred[k]) - barriers[i])).Average();
        double rho = model is null ? double.NaN : Correlation.Spearman(pred, idx.Select(i => barriers[i]));
        return new Scores(loss, mae, rho);
    }

    /// <summary>model.json: the backbone's shape, the recipe, and the command, code and label set that made it.</summary>
    private void WriteManifest(int hops)
    {
        var recipe = PretrainRecipe.Of(o);
        var data = new Dictionary<string, string?>
        {
            [MigrationLabelSet.ManifestFile] = Evaluation.ModelManifest.Sha256(Path.Combine(o.MigrationLabels!, MigrationLabelSet.ManifestFile)),
        };
        var provenance = Evaluation.ModelProvenance.Now(recipe.Command(o.DataDirectory, o.OutputDirectory), data, hops);
        if (o.InitialBackbone is string init)
            provenance = provenance with { Inputs = new Dictionary<string, string> { [Path.Combine(init, MultiPropertyModel.WeightsFile)] = Evaluation.ModelManifest.Sha256(Path.Combine(init, MultiPropertyModel.WeightsFile)) } };
        new Evaluation.ModelManifest
        {
            Kind = MultiPropertyModel.KindName,
            Recipe = JsonSerializer.SerializeToElement(recipe, Evaluation.ModelJson.Options),
            Provenance = provenance,
            Backbone = o.Backbone,
        }.Write(o.OutputDirectory);
    }

    /// <summary>train-log.csv: losses on the fitted scale, MAE in eV, validation Spearman ρ with the BVSE barrier.</summary>
    private void WriteLog(IEnumerable<EpochRecord> history)
    {
        var sb = new StringBuilder("epoch,seconds,lr,train_loss,val_loss,train_mae_ev,val_mae_ev,val_spearman\n");
        static string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";
        foreach (var r in history)
            sb.AppendLine(string.Join(',', new[] { r.Epoch.ToString(CultureInfo.InvariantCulture), F(r.Seconds), F(r.LearningRate), F(r.TrainLoss), F(r.ValLoss),
                F(r.TrainMae[0]), F(r.ValMae[0]), F(r.ValMae[1]) }));
        File.WriteAllText(Path.Combine(o.OutputDirectory, "train-log.csv"), sb.ToString());
    }

    private void Report(string phase, int epoch, long step, double loss, double rate, TimeSpan elapsed, TimeSpan? remaining, string? message = null) =>
        progress?.Report(new PretrainProgress(phase, epoch, o.Epochs, step, totalSteps, loss, rate, elapsed, remaining, message));
}
