using System.Diagnostics;
using System.Text.Json;
using BarrierNet.Model.Heads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// Trains one barrier head: L1 loss on eV (or on log(1 + Em) or √Em, <see cref="HeadOptions.Target"/>; or Huber, and
/// optionally each hop weighted, <see cref="Loss"/>, <see cref="RowWeights"/>), AdamW (no decay on
/// biases and norms), one-cycle learning rate stepped per batch, the best weights by validation MAE written to
/// weights.bin (the last epoch's when there is no validation set), and a checkpoint after every epoch (weights,
/// optimizer, state) from which an interrupted run resumes on the same curve: the batch order of each epoch is a
/// function of seed and epoch only.
/// </summary>
internal sealed class HeadTrainer
{
    public const string WeightsFile = "weights.bin";
    private static JsonSerializerOptions Json => Evaluation.ModelJson.Indented;

    public required int Member { get; init; }
    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }
    public required double LearningRate { get; init; }
    public required double WeightDecay { get; init; }
    public required int Seed { get; init; }
    public required Device Device { get; init; }
    public int? StopAfterEpochs { get; init; }
    /// <summary>The loss on the fitted target.</summary>
    public HeadLoss Loss { get; init; } = HeadLoss.L1;
    /// <summary>A weight per sample (indexed like the samples, mean 1 over the training hops), or null for equal weights.</summary>
    public double[]? RowWeights { get; init; }
    public Action<string>? Log { get; init; }
    /// <summary>Called after every batch with (member, step, total steps, running train MAE).</summary>
    public Action<int, long, long, double>? OnStep { get; init; }

    /// <summary>
    /// Trains <paramref name="model"/> in <paramref name="directory"/> (resuming its checkpoint if present) and leaves
    /// the best weights loaded in the model. Returns the final state, or null when stopped early by StopAfterEpochs.
    /// </summary>
    public MemberState? Train(BarrierHead model, HopSample[] samples, double[] targets, int[] trainIdx, int[] valIdx, string directory)
    {
        Directory.CreateDirectory(directory);
        string ckpt = Path.Combine(directory, "checkpoint");
        model.to(Device);
        var decay = model.parameters().Where(p => p.requires_grad && p.dim() > 1).ToList();
        var noDecay = model.parameters().Where(p => p.requires_grad && p.dim() <= 1).ToList();
        var optimizer = optim.AdamW(new[]
        {
            new AdamW.ParamGroup(decay, lr: LearningRate, weight_decay: WeightDecay),
            new AdamW.ParamGroup(noDecay, lr: LearningRate, weight_decay: 0.0),
        }, LearningRate);
        int stepsPerEpoch = (trainIdx.Length + BatchSize - 1) / BatchSize;
        var schedule = new OneCycleSchedule(LearningRate, (long)stepsPerEpoch * Epochs);
        var state = new MemberState { Epochs = Epochs };
        if (File.Exists(Path.Combine(ckpt, "state.json")))
        {
            state = JsonSerializer.Deserialize<MemberState>(File.ReadAllText(Path.Combine(ckpt, "state.json")))
                    ?? throw new InvalidDataException($"{ckpt}: unreadable state.json");
            if (state.Epochs != Epochs) throw new ArgumentException($"{ckpt}: the checkpoint was made for {state.Epochs} epochs, not {Epochs}");
            model.load(Path.Combine(ckpt, WeightsFile));
            optimizer.load_state_dict(Path.Combine(ckpt, "optimizer.bin"));
            Log?.Invoke($"member {Member}: resuming after epoch {state.CompletedEpochs}");
        }
        int last = StopAfterEpochs is int s ? Math.Min(Epochs, state.CompletedEpochs + s) : Epochs;
        for (int epoch = state.CompletedEpochs + 1; epoch <= last; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            // Dropout draws from torch's generator: seeding it per epoch makes a resumed run identical to an unbroken one.
            torch.manual_seed(unchecked(Seed * 1000003L + 7919L * Member + epoch));
            var order = (int[])trainIdx.Clone();
            new Random(unchecked(Seed * 1000003 + 7919 * Member + epoch)).Shuffle(order);
            double absSum = 0; int seen = 0; double lr = 0;
            for (int b = 0; b < stepsPerEpoch; b++)
            {
                var idx = order.Skip(b * BatchSize).Take(BatchSize).ToArray();
                if (idx.Length < 2 && seen > 0) { state.Step++; continue; } // a 1-hop batch would upset batch norm
                lr = schedule.At(state.Step);
                foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
                using (var scope = NewDisposeScope())
                {
                    using var batch = HopBatch.Collate(idx.Select(i => samples[i]).ToList(), model.Config.Options.Descriptors ? model.Config.Scaler : null, Device);
                    var y = tensor(idx.Select(i => (float)model.Config.Options.ToFitted(targets[i])).ToArray(), device: Device);
                    optimizer.zero_grad();
                    var pred = model.Forward(batch);
                    var loss = BatchLoss(pred, y, idx);
                    loss.backward();
                    nn.utils.clip_grad_norm_(model.parameters(), 5.0);
                    optimizer.step();
                    absSum += (pred - y).abs().mean().item<float>() * idx.Length; seen += idx.Length;
                }
                state.Step++;
                OnStep?.Invoke(Member, state.Step, (long)stepsPerEpoch * Epochs, absSum / Math.Max(1, seen));
            }
            double valMae = valIdx.Length > 0 ? Mae(model, samples, targets, valIdx) : double.NaN;
            state.History.Add(new MemberEpoch(Member, epoch, clock.Elapsed.TotalSeconds, lr, absSum / Math.Max(1, seen), valMae));
            bool better = valIdx.Length == 0 || valMae < state.BestValMae;
            if (better)
            {
                state.BestValMae = valIdx.Length > 0 ? valMae : state.BestValMae;
                state.BestEpoch = epoch;
                SaveAtomically(model, Path.Combine(directory, WeightsFile));
            }
            state.CompletedEpochs = epoch;
            Directory.CreateDirectory(ckpt);
            SaveAtomically(model, Path.Combine(ckpt, WeightsFile));
            optimizer.save_state_dict(Path.Combine(ckpt, "optimizer.bin.tmp"));
            File.Move(Path.Combine(ckpt, "optimizer.bin.tmp"), Path.Combine(ckpt, "optimizer.bin"), true);
            File.WriteAllText(Path.Combine(ckpt, "state.json.tmp"), JsonSerializer.Serialize(state, Json));
            File.Move(Path.Combine(ckpt, "state.json.tmp"), Path.Combine(ckpt, "state.json"), true);
            Log?.Invoke(FormattableString.Invariant(
                $"member {Member} epoch {epoch}/{Epochs}: train {model.Config.Options.LossName} {absSum / Math.Max(1, seen):F3}, val MAE {valMae:F3} eV, {clock.Elapsed.TotalSeconds:F0} s"));
        }
        optimizer.Dispose();
        if (state.CompletedEpochs < Epochs) return null;
        return state;
    }

    /// <summary>The batch's mean loss, each hop's term scaled by its row weight when there are weights.</summary>
    private Tensor BatchLoss(Tensor pred, Tensor y, int[] idx)
    {
        using var w = RowWeights is null ? null : tensor(idx.Select(i => (float)RowWeights[i]).ToArray(), device: Device);
        return LossOf(Loss, pred, y, w);
    }

    /// <summary>
    /// The weighted mean of the per-hop loss terms (plain mean without <paramref name="weights"/>). Huber is scaled by
    /// 1/δ, so that beyond δ its slope is 1 as in L1 and only the errors within δ are pulled on more gently.
    /// </summary>
    public static Tensor LossOf(HeadLoss loss, Tensor pred, Tensor y, Tensor? weights)
    {
        if (loss == HeadLoss.L1 && weights is null) return nn.functional.l1_loss(pred, y);
        using var scope = NewDisposeScope();
        var error = (pred - y).abs();
        var terms = loss == HeadLoss.Huber
            ? where(error < HeadRecipe.HuberDelta, 0.5 * error * error / HeadRecipe.HuberDelta, error - 0.5 * HeadRecipe.HuberDelta)
            : error;
        var mean = weights is null ? terms.mean() : (terms * weights).sum() / weights.sum();
        return mean.MoveToOuterDisposeScope();
    }

    private static void SaveAtomically(nn.Module model, string path)
    {
        model.save(path + ".tmp");
        File.Move(path + ".tmp", path, true);
    }

    /// <summary>Samples per forward pass when predicting.</summary>
    public const int PredictBatchSize = 32;

    /// <summary>Predictions of a head for some samples (eval mode, no gradients), in batches.</summary>
    public static double[] Predict(BarrierHead model, IReadOnlyList<HopSample> samples, Device device, int batchSize = PredictBatchSize) =>
        PredictEach(new[] { model }, samples, device, batchSize)[0];

    /// <summary>
    /// Predictions of several heads of one recipe for the same samples, [head][sample]: each batch is collated once
    /// (with the first head's descriptor scaler, which heads of one recipe share) and read by every head in turn.
    /// </summary>
    public static double[][] PredictEach(IReadOnlyList<BarrierHead> models, IReadOnlyList<HopSample> samples, Device device, int batchSize = PredictBatchSize)
    {
        var result = models.Select(_ => new double[samples.Count]).ToArray();
        var config = models[0].Config;
        foreach (var m in models) m.eval();
        using (no_grad())
            for (int b = 0; b < samples.Count; b += batchSize)
            {
                using var scope = NewDisposeScope();
                var part = samples.Skip(b).Take(batchSize).ToList();
                using var batch = HopBatch.Collate(part, config.Options.Descriptors ? config.Scaler : null, device);
                for (int k = 0; k < models.Count; k++)
                {
                    var y = models[k].Forward(batch).cpu().data<float>().ToArray();
                    for (int i = 0; i < y.Length; i++) result[k][b + i] = models[k].Config.Options.ToBarrier(y[i]);
                }
            }
        return result;
    }

    private double Mae(BarrierHead model, HopSample[] samples, double[] targets, int[] idx)
    {
        var p = Predict(model, idx.Select(i => samples[i]).ToList(), Device);
        return idx.Select((i, k) => Math.Abs(p[k] - targets[i])).Average();
    }
}
