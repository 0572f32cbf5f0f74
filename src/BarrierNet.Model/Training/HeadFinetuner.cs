using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// `barriernet finetune`: trains a barrier head as a cross-validated ensemble, or adapts a trained one to new data.
/// <para>Full training (--from scratch or a pretrained backbone): the entries are split into K grouped folds (no
/// system or composition family across folds, <see cref="GroupedFolds"/>); member k trains on the other K−1 folds,
/// keeps its best epoch by MAE on fold k, and predicts fold k (with more members than folds, each further K members
/// do the same on a new grouped partition, <see cref="MemberFolds"/>). These out-of-fold predictions are cross-validated
/// residuals: cv-metrics.json reports them, and the split-conformal <see cref="IntervalCalibration"/> fitted on
/// |residual| vs the ensemble's uncertainty (members' spread, and the kernels' novelty with a descriptor model) makes
/// the reported 90% interval honest. Because fold k also chose member k's epoch, "oof" is slightly optimistic;
/// "oof_last_epoch" (last epoch, no selection) is the unbiased figure. With --trees N (default) each member also fits
/// a descriptor model (N extra trees averaged with kernel ridge) on the hop descriptors of its own training folds, and
/// the out-of-fold predictions choose the GNN/trees blend weight (<see cref="TreeBlend"/>) before calibration.</para>
/// <para>Few-shot (--from a trained head directory): every member is adapted with a low learning rate for a few
/// epochs; a grouped cross-validation on the new data measures before/after, and if adapting does not help the
/// source weights are kept. Writes only to the output directory.</para>
/// </summary>
public sealed class HeadFinetuner
{
    private readonly FinetuneOptions o;
    private readonly Device device;
    private int Batch => o.BatchSize ?? TrainingRecipe.For(o.Head).BatchSize;
    private double LearningRate => o.LearningRate ?? TrainingRecipe.For(o.Head).LearningRate;
    /// <summary>Out-of-fold predictions of a full training (sys_name, target, prediction, uncertainty).</summary>
    public const string OofPredictionsFile = "oof-predictions.csv";
    /// <summary>Attempts per member when libtorch reports an error mid-training.</summary>
    public const int NativeRetries = 3;
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public HeadFinetuner(FinetuneOptions options)
    {
        o = options;
        TorchRuntime.EnsureLoadable();
        device = torch.device(options.Device);
        if (o.Epochs is < 1) throw new ArgumentException("--epochs must be at least 1");
        if (o.Ensemble < 1) throw new ArgumentException("--ensemble must be at least 1");
        if (o.BatchSize is < 2) throw new ArgumentException("--batch-size must be at least 2");
        if (o.Folds is < 2) throw new ArgumentException("--folds must be at least 2");
        if (o.TreePartitions < 1) throw new ArgumentException("--tree-partitions must be at least 1");
        if (o.OnlyMembers?.Any(m => m < 0 || m >= o.Ensemble) == true) throw new ArgumentException($"members to train must lie in 0…{o.Ensemble - 1}");
        if (o.TreeTarget is not ("log1p" or "sqrt")) throw new ArgumentException($"--tree-target must be log1p or sqrt, not '{o.TreeTarget}'");
        if (!DescriptorBaselineOptions.TreeVotes.Contains(o.TreeVote)) throw new ArgumentException($"--tree-vote must be mean or median, not '{o.TreeVote}'");
        if (!(o.KernelAlpha > 0) || !double.IsFinite(o.KernelAlpha)) throw new ArgumentException("--kernel-alpha must be a positive number");
        if (!(o.KernelGamma > 0) || !double.IsFinite(o.KernelGamma)) throw new ArgumentException("--kernel-gamma must be a positive number");
        o.Head.Validate();
    }

    /// <summary>Epochs each member of a full training runs: --epochs, or the head's <see cref="TrainingRecipe"/>.</summary>
    public static int EpochsPerMember(FinetuneOptions o) => o.Epochs ?? TrainingRecipe.For(o.Head).Epochs;

    /// <summary>Whether every member of the full training in <paramref name="o"/>'s output directory has finished.</summary>
    public static bool AllMembersDone(FinetuneOptions o) =>
        Enumerable.Range(0, o.Ensemble).All(m => CompletedEpochs(o.OutputDirectory, m, EpochsPerMember(o)) == EpochsPerMember(o));

    /// <summary>Is <paramref name="dir"/> a trained head (few-shot source) rather than a pretrained backbone?</summary>
    public static bool IsTrainedHead(string dir) => File.Exists(Path.Combine(dir, ModelManifest.FileName)) && File.Exists(Path.Combine(dir, HeadConfig.FileName));

    /// <summary>
    /// Grouped folds of a full training: --folds, or one per member (5 for a single member). With more members than
    /// folds, each further set of K members holds out the folds of a new grouped partition (<see cref="MemberFolds"/>).
    /// </summary>
    private int Folds => o.Folds ?? (o.Ensemble == 1 ? 5 : o.Ensemble);

    /// <summary>Descriptor models of a full training: one per member, or folds × --tree-partitions if that is more.</summary>
    private int DescriptorModelCount => o.TreePartitions == 1 ? o.Ensemble : Math.Max(o.Ensemble, Folds * o.TreePartitions);

    /// <summary>Runs (or resumes) and returns cv-metrics.json's content, or null when stopped by StopAfterEpochs.</summary>
    public JsonObject? Run()
    {
        torch.set_num_threads(Math.Max(1, o.Threads));
        var entries = o.Entries ?? BarrierDataset.Load(o.DataFile);
        if (entries.Any(e => e.Target is null)) throw new ArgumentException($"{o.DataFile}: every entry needs a barrier to train on");
        if (entries.Count < 4) throw new ArgumentException($"{o.DataFile}: at least 4 barriers are needed to fine-tune");
        Directory.CreateDirectory(o.OutputDirectory);
        bool fewShot = o.From != "scratch" && IsTrainedHead(o.From);
        if (o.OnlyMembers is not null)
        {
            if (fewShot) throw new ArgumentException($"--from {o.From}: few-shot adaptation runs in one process (no --jobs)");
            return RunFull(entries); // a worker: the files of the run are the parent's to write
        }
        if (fewShot && (ModelManifest.IsSameOrInside(o.OutputDirectory, o.From) || ModelManifest.IsSameOrInside(o.From, o.OutputDirectory)))
            throw new ArgumentException($"--out {o.OutputDirectory}: must not be, contain or lie inside the source model {o.From}");
        File.WriteAllText(Path.Combine(o.OutputDirectory, "command.txt"), o.CommandLine + "\n");
        File.WriteAllText(Path.Combine(o.OutputDirectory, "data-hashes.json"), HashInputs().ToJsonString(Indented));
        return fewShot ? new FewShotAdapter(o, device).Run(entries) : RunFull(entries);
    }

    private JsonObject HashInputs()
    {
        var h = new JsonObject { [Path.GetFileName(o.DataFile)] = DataHash() };
        if (o.From != "scratch")
            foreach (var f in Directory.EnumerateFiles(o.From, "*.bin", SearchOption.AllDirectories).Where(f => !f.Contains("checkpoint")).Order())
                h[Path.GetRelativePath(o.From, f)] = ModelManifest.Sha256(f);
        return h;
    }

    private JsonObject? RunFull(IReadOnlyList<BarrierEntry> entries)
    {
        Backbone? pretrained = null;
        var backboneConfig = new BackboneConfig();
        if (o.From != "scratch")
        {
            if (!File.Exists(Path.Combine(o.From, MultiPropertyModel.WeightsFile)) || !File.Exists(Path.Combine(o.From, MultiPropertyModel.ConfigFile)))
                throw new ArgumentException($"--from {o.From}: no pretrained backbone there (weights.bin and config.json) and not a trained head");
            var mp = MultiPropertyModel.LoadFrom(o.From);
            pretrained = mp.Backbone;
            backboneConfig = mp.Backbone.Config;
        }
        o.Log?.Invoke($"building graphs of {entries.Count} hops ({o.Head.Head} head, crop {o.Head.CropRadius} Å)");
        var samples = HopGraphs.SampleMany(entries, backboneConfig.Graph, o.Head, o.Threads);
        o.Log?.Invoke(FormattableString.Invariant(
            $"graphs: {samples.Average(s => s.Primary.AtomCount):F1} atoms and {samples.Average(s => s.Primary.EdgeCount):F0} bonds per hop on average"));
        var targets = entries.Select(e => e.Target!.Value).ToArray();
        var config = new HeadConfig
        {
            Backbone = backboneConfig, Options = o.Head, TargetShift = o.Head.ToFitted(Median(targets)),
            Scaler = o.Head.Descriptors ? DescriptorScaler.Fit(samples.Select(s => s.Descriptors)) : null,
        };
        if (o.OnlyMembers is null) config.Save(o.OutputDirectory);
        int k = o.Ensemble;
        int folds = Folds; // a single member still validates on one grouped fifth
        var split = new MemberFolds(entries, folds, DescriptorModelCount, o.Seed, o.Grouping); // ≥ k: the members' folds come first
        int epochs = EpochsPerMember(o);
        double lr = LearningRate;
        // Out-of-fold predictions: the mean of the members that held each entry out (one per partition).
        var oofBest = new double[entries.Count];
        var oofLast = new double[entries.Count];
        var oofCount = new int[entries.Count];
        long stepsPerMember = (long)((entries.Count * (folds - 1) / folds + Batch - 1) / Batch) * epochs;
        foreach (int m in o.OnlyMembers ?? Enumerable.Range(0, k))
        {
            string dir = HeadEnsemble.MemberDirectory(o.OutputDirectory, m);
            var trainIdx = split.Training(m);
            var valIdx = split.Validation(m);
            var done = Path.Combine(dir, "member.json");
            if (!File.Exists(done))
            {
                int member = m;
                var trainer = new HeadTrainer
                {
                    Member = m, Epochs = epochs, BatchSize = Batch, LearningRate = lr, WeightDecay = o.WeightDecay,
                    Seed = o.Seed, Device = device, StopAfterEpochs = o.StopAfterEpochs, Log = o.Log,
                    OnStep = (mm, step, total, mae) => o.Progress?.Invoke(member * stepsPerMember + step, k * stepsPerMember,
                        FormattableString.Invariant($"member {mm + 1}/{k} train {o.Head.LossName} {mae:F3}")),
                };
                BarrierHead Fresh()
                {
                    torch.manual_seed(o.Seed + 1009 * member);
                    var h = BarrierHead.Create(config);
                    if (pretrained is not null) h.LoadBackbone(pretrained);
                    return h;
                }
                var model = Fresh();
                MemberState? state;
                for (int attempt = 1; ; attempt++)
                {
                    // A libtorch error from TorchSharp's own temporaries (see EdgeGatedConv.Forward) is rare and not
                    // about the data: start a fresh model and resume from the last epoch checkpoint, which is exact.
                    try { state = trainer.Train(model, samples, targets, trainIdx, valIdx, dir); break; }
                    catch (System.Runtime.InteropServices.ExternalException e) when (attempt < NativeRetries)
                    {
                        o.Log?.Invoke($"member {m}: libtorch error ({e.Message.Split('\n')[0].Trim()}); resuming from its last checkpoint");
                        model.Dispose();
                        model = Fresh();
                    }
                }
                using var trained = model;
                if (state is null) return null;
                var last = HeadTrainer.Predict(model, valIdx.Select(i => samples[i]).ToList(), device);
                model.load(Path.Combine(dir, HeadTrainer.WeightsFile));
                var best = HeadTrainer.Predict(model, valIdx.Select(i => samples[i]).ToList(), device);
                var record = new MemberRecord(valIdx, best, last, state.BestEpoch, state.BestValMae, state.History);
                File.WriteAllText(done, JsonSerializer.Serialize(record, Indented));
                Directory.Delete(Path.Combine(dir, "checkpoint"), true);
            }
            if (o.OnlyMembers is not null) continue;
            var r = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(done), Indented)!;
            for (int j = 0; j < r.Validation.Length; j++) { oofBest[r.Validation[j]] += r.Best[j]; oofLast[r.Validation[j]] += r.Last[j]; oofCount[r.Validation[j]]++; }
        }
        if (o.OnlyMembers is not null) return null;
        WriteLog(k);
        for (int i = 0; i < entries.Count; i++)
        {
            oofBest[i] = oofCount[i] > 0 ? oofBest[i] / oofCount[i] : double.NaN;
            oofLast[i] = oofCount[i] > 0 ? oofLast[i] / oofCount[i] : double.NaN;
        }
        var held = Enumerable.Range(0, entries.Count).Where(i => double.IsFinite(oofBest[i])).ToArray();

        // The stacked hybrid: every member's descriptor model (extra trees + kernel ridge) on its own folds, blended with
        // its GNN at the weight with the lowest out-of-fold MAE. From here on the out-of-fold predictions are the blend's.
        var blendPath = Path.Combine(o.OutputDirectory, TreeBlend.FileName);
        if (File.Exists(blendPath)) File.Delete(blendPath);
        JsonObject? blendReport = null;
        if (o.Trees > 0)
        {
            var (oofTrees, oofNovelty) = FitMemberTrees(entries, split, k, DescriptorModelCount);
            var blend = TreeBlend.Fit(held, oofBest, oofTrees, oofNovelty, targets, o.Trees) with
            {
                DescriptorModelCount = DescriptorModelCount == k ? null : DescriptorModelCount,
            };
            blendReport = BlendReport(entries, held, split.FirstPartition, oofBest, oofTrees, oofNovelty, targets, blend);
            blend.Save(o.OutputDirectory);
            var novelty = oofNovelty ?? new double[entries.Count];
            oofBest = oofBest.Select((g, i) => blend.Blend(g, oofTrees[i], novelty[i])).ToArray();
            oofLast = oofLast.Select((g, i) => blend.Blend(g, oofTrees[i], novelty[i])).ToArray();
        }

        // Cross-validated residuals → interval calibration on the ensemble's uncertainty.
        using var ensemble = HeadEnsemble.Load(o.OutputDirectory, device);
        IntervalCalibration? cal = null;
        double[] spread = new double[entries.Count];
        if (k >= 2)
        {
            var combined = HeadEnsemble.Combine(ensemble.MemberPredictions(samples), null);
            spread = combined.Predictions.Select(p => p.Uncertainty ?? 0).ToArray();
            // Novelty as a new structure would get it: from the descriptor models that held the entry out, never saw it.
            if (ensemble.HasNovelty)
                foreach (var i in held)
                {
                    var nov = ensemble.NoveltyStd(new[] { samples[i] }, new[] { oofBest[i] },
                        Enumerable.Range(0, DescriptorModelCount).Where(j => split.HeldOut(j, i)).ToArray())!;
                    spread[i] = Math.Sqrt(spread[i] * spread[i] + nov[0] * nov[0]);
                }
            // Split-conformal needs ≥ 10 residuals; with fewer (toy data) the Gaussian ±1.645 σ is stored instead.
            cal = held.Length >= 10
                ? IntervalCalibration.Fit(held.Select(i => oofBest[i] - targets[i]).ToList(), held.Select(i => spread[i]).ToList())
                : IntervalCalibration.Gaussian90;
            File.WriteAllText(Path.Combine(o.OutputDirectory, HeadEnsemble.CalibrationFile), JsonSerializer.Serialize(cal, Indented));
        }
        var metrics = new JsonObject
        {
            ["head"] = o.Head.Head,
            ["from"] = o.From,
            ["members"] = k,
            ["epochs"] = epochs,
            ["note"] = "out-of-fold predictions of the member that did not train on each entry; 'oof' uses each member's best epoch (chosen on that fold, slightly optimistic), 'oof_last_epoch' its last epoch (no selection)",
            ["oof"] = Metrics(entries, held, oofBest, spread, cal),
            ["oof_last_epoch"] = Metrics(entries, held, oofLast, spread, cal),
        };
        if (blendReport is not null) metrics["blend"] = blendReport;
        File.WriteAllText(Path.Combine(o.OutputDirectory, "cv-metrics.json"), metrics.ToJsonString(Indented));
        // Which hops the model gets wrong, in evaluate's --predictions format: the out-of-fold prediction and spread.
        PredictionsCsv.Write(Path.Combine(o.OutputDirectory, OofPredictionsFile), held.Select(i => entries[i]).ToList(),
            held.Select(i => new BarrierPrediction(oofBest[i], k >= 2 ? spread[i] : null)).ToList());
        WriteManifest(entries.Count, "cross-validated ensemble; calibration.json from out-of-fold residuals");
        return metrics;
    }

    /// <summary>
    /// Epochs member <paramref name="member"/> of the run in <paramref name="directory"/> has completed (all of them once
    /// members/k/member.json exists): how a `finetune --jobs` parent follows its workers.
    /// </summary>
    public static int CompletedEpochs(string directory, int member, int epochs)
    {
        var dir = HeadEnsemble.MemberDirectory(directory, member);
        if (File.Exists(Path.Combine(dir, "member.json"))) return epochs;
        try { return JsonSerializer.Deserialize<MemberState>(File.ReadAllText(Path.Combine(dir, "checkpoint", "state.json")))?.CompletedEpochs ?? 0; }
        catch (Exception e) when (e is IOException or JsonException) { return 0; } // not there yet, or being written
    }

    /// <summary>
    /// The descriptor models (extra trees + kernel ridge): model j trains on the folds <paramref name="split"/> gives
    /// model j — for j below the member count the same as member j — and is kept with member j mod members (resumed
    /// from its directory if already there with the same settings); returns the mean out-of-fold prediction of the
    /// models that held each entry out and, when the kernels have posteriors, their mean out-of-fold novelty (kernel
    /// posterior std, fitted units) the blend weight follows.
    /// </summary>
    private (double[] Trees, double[]? Novelty) FitMemberTrees(IReadOnlyList<BarrierEntry> entries, MemberFolds split, int members, int models)
    {
        var sum = new double[entries.Count];
        var novelty = new double[entries.Count];
        bool haveNovelty = true;
        var count = new int[entries.Count];
        var options = TreeBlend.TreeOptions(o.Trees, o.TreeTarget, o.TreeVote, o.KernelAlpha, o.KernelGamma);
        for (int m = 0; m < models; m++)
        {
            string dir = TreeBlend.DescriptorModelDirectory(o.OutputDirectory, m, members);
            var val = split.Validation(m);
            DescriptorBaseline? trees = File.Exists(Path.Combine(dir, ModelManifest.FileName)) ? DescriptorBaseline.Load(dir) : null;
            // Kernels saved before their posterior was stored are refitted (same seed and folds: same trees, same kernel).
            if (trees is null || trees.Options != options || (options.UsesKernel && !trees.HasPosterior))
            {
                o.Log?.Invoke(m < members ? $"member {m}: fitting {o.Trees} extra trees and kernel ridge on the hop descriptors of its training folds"
                    : $"descriptor model {m + 1}/{models} (with member {m % members}): {o.Trees} extra trees and kernel ridge on fold {m % Folds} of partition {m / Folds + 1}");
                var train = split.Training(m).Select(i => entries[i]).ToList();
                trees = DescriptorBaseline.Train(train, options, o.Seed + m);
                trees.Save(dir, new ModelManifest
                {
                    CreatedUtc = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture), Command = o.CommandLine,
                    DataFile = o.DataFile, DataSha256 = DataHash(), NTrain = train.Count,
                    Notes = m < members ? $"trees of ensemble member {m} (trained on the member's training folds)"
                        : $"descriptor model {m} of member {m % members}: trained on all but fold {m % Folds} of grouped partition {m / Folds + 1}",
                });
            }
            var p = trees.Predict(val.Select(i => entries[i]).ToList()).Predictions;
            for (int j = 0; j < val.Length; j++) { sum[val[j]] += p[j].Mean; count[val[j]]++; }
            haveNovelty &= trees.HasPosterior;
            if (haveNovelty)
            {
                var s = trees.KernelStd(DescriptorCache.GetAll(val.Select(i => entries[i]).ToList()));
                for (int j = 0; j < val.Length; j++) novelty[val[j]] += s[j];
            }
        }
        double Mean(double v, int i) => count[i] > 0 ? v / count[i] : double.NaN;
        return (sum.Select(Mean).ToArray(), haveNovelty ? novelty.Select(Mean).ToArray() : null);
    }

    /// <summary>
    /// What the blend buys, out of fold: GNN alone, trees alone, the blend at the chosen weight, and (with several
    /// folds) the blend with each fold's weight chosen on the other folds only, which has no selection bias.
    /// </summary>
    private static JsonObject BlendReport(IReadOnlyList<BarrierEntry> entries, int[] held, int[] fold, double[] gnn, double[] trees,
        double[]? novelty, double[] targets, TreeBlend blend)
    {
        var report = new JsonObject
        {
            ["gnn_weight"] = blend.GnnWeight,
            ["novelty_slope"] = blend.NoveltySlope,
            ["trees_per_member"] = blend.TreesPerMember,
            ["oof_gnn"] = Metrics(entries, held, gnn, new double[entries.Count], null),
            ["oof_trees"] = Metrics(entries, held, trees, new double[entries.Count], null),
        };
        var folds = held.Select(i => fold[i]).Distinct().Order().ToArray();
        if (folds.Length >= 2)
        {
            var nested = new double[entries.Count];
            var weights = new JsonArray();
            var slopes = new JsonArray();
            var z = novelty is null ? new double[entries.Count] : novelty.Select(blend.Z).ToArray();
            foreach (var f in folds)
            {
                var rest = held.Where(i => fold[i] != f).ToArray();
                var (w0, slope) = TreeBlend.Choose(rest, gnn, trees, z, targets, TreeBlend.Slopes(novelty is not null));
                weights.Add(w0);
                slopes.Add(slope);
                var chosen = blend with { GnnWeight = w0, NoveltySlope = slope };
                foreach (var i in held.Where(i => fold[i] == f)) nested[i] = chosen.Blend(gnn[i], trees[i], novelty?[i] ?? 0);
            }
            report["nested_gnn_weights"] = weights;
            report["nested_novelty_slopes"] = slopes;
            report["oof_nested"] = Metrics(entries, held, nested, new double[entries.Count], null);
        }
        return report;
    }

    internal static JsonNode Metrics(IReadOnlyList<BarrierEntry> entries, int[] idx, double[] pred, double[] spread, IntervalCalibration? cal)
    {
        // The interval as predict and evaluate report it (IntervalCalibration.Predict: it stops at 0 eV).
        var preds = idx.Select(i => cal is null ? new BarrierPrediction(pred[i]) : cal.Predict(pred[i], spread[i])).ToList();
        var m = RegressionMetrics.Compute(idx.Select(i => entries[i].Target!.Value).ToList(), preds, idx.Select(i => entries[i].Ion).ToList());
        return JsonSerializer.SerializeToNode(m, Indented)!;
    }

    private string? DataHash() => o.Entries is null ? ModelManifest.Sha256(o.DataFile) : null;

    internal void WriteManifest(int nTrain, string notes)
    {
        new ModelManifest
        {
            Kind = HeadEnsemble.KindName,
            CreatedUtc = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            Command = o.CommandLine,
            DataFile = o.DataFile,
            DataSha256 = DataHash(),
            NTrain = nTrain,
            Options = JsonSerializer.SerializeToElement(new
            {
                head = o.Head.Head, combine = o.Head.Combine, descriptors = o.Head.Descriptors, crop_radius = o.Head.CropRadius,
                from = o.From, ensemble = o.Ensemble, epochs = EpochsPerMember(o), seed = o.Seed, batch_size = Batch, lr = LearningRate, trees = o.Trees, tree_target = o.TreeTarget, tree_vote = o.TreeVote, kernel_alpha = o.KernelAlpha, kernel_gamma = o.KernelGamma, folds = Folds, tree_partitions = o.Trees > 0 ? o.TreePartitions : (int?)null,
                grouping = GroupedFolds.Name(o.Grouping),
            }),
            Notes = notes,
        }.Write(o.OutputDirectory);
    }

    /// <summary>train-log.csv: every member's epochs (member, epoch, seconds, lr, train_mae, val_mae).</summary>
    internal void WriteLog(int members)
    {
        var sb = new StringBuilder("member,epoch,seconds,lr,train_mae,val_mae\n");
        static string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";
        for (int m = 0; m < members; m++)
        {
            var done = Path.Combine(HeadEnsemble.MemberDirectory(o.OutputDirectory, m), "member.json");
            if (!File.Exists(done)) continue;
            var r = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(done), Indented)!;
            foreach (var e in r.History)
                sb.AppendLine(string.Join(',', e.Member.ToString(CultureInfo.InvariantCulture), e.Epoch.ToString(CultureInfo.InvariantCulture),
                    F(e.Seconds), F(e.LearningRate), F(e.TrainMae), F(e.ValMae)));
        }
        File.WriteAllText(Path.Combine(o.OutputDirectory, "train-log.csv"), sb.ToString());
    }

    internal static double Median(double[] v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}

/// <summary>members/k/member.json: the member's held-out entries and its predictions on them, and its training history.</summary>
public sealed record MemberRecord(int[] Validation, double[] Best, double[] Last, int BestEpoch, double BestValMae, List<MemberEpoch> History);
