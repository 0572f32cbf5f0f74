using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// Few-shot adaptation of a trained head to a lab's own barriers: every member is trained further on the new entries
/// with a low learning rate for a few epochs (no validation: tens of entries are too few to pick an epoch). Before
/// writing anything, a grouped cross-validation on the new data compares the source model with the adapted one on
/// hops the adaptation did not see (fewshot-report.json); if adapting does not lower the MAE, the source weights are
/// kept unchanged, so fine-tuning can never make the model worse by that measure. The source directory is only read.
/// </summary>
internal sealed class FewShotAdapter(FinetuneOptions o, Device device)
{
    private static JsonSerializerOptions Indented => ModelJson.Indented;
    private int Batch => o.Recipe.BatchSize ?? HeadRecipe.FewShotBatchSize;

    public JsonObject? Run(IReadOnlyList<BarrierEntry> entries)
    {
        var sourceManifest = ModelManifest.Read(o.Recipe.From);
        using var source = HeadEnsemble.Load(o.Recipe.From, sourceManifest, device);
        var config = source.Config;
        if (o.Recipe.Head.Head != config.Options.Head)
            throw new ArgumentException($"--from {o.Recipe.From} is a '{ChoiceNames.Name(config.Options.Head)}' head, but --head is '{ChoiceNames.Name(o.Recipe.Head.Head)}'");
        var samples = source.Samples(entries, o.Run.Threads);
        var targets = entries.Select(e => e.Target!.Value).ToArray();
        int epochs = o.Recipe.Epochs ?? 15;
        double lr = o.Recipe.LearningRate ?? 2e-4;
        int k = source.Members.Count;
        var all = Enumerable.Range(0, entries.Count).ToArray();

        // Before: the source model as it is.
        var before = source.PredictSamples(samples);
        var beforeMean = before.Predictions.Select(p => p.Mean).ToArray();

        // After: grouped cross-validation of the adaptation itself.
        int folds = Math.Min(5, CountGroups(entries));
        if (folds < 2) throw new ArgumentException($"{o.DataFile}: few-shot adaptation needs barriers from at least two independent systems to cross-validate");
        var splits = GroupedFolds.Splits(entries, folds, o.Recipe.Seed);
        var cvMember = new double[k][]; // adapted GNN members on the fold they did not see
        for (int m = 0; m < k; m++) cvMember[m] = new double[entries.Count];
        string scratch = Path.Combine(o.OutputDirectory, "fewshot-cv");
        long total = (long)(folds + 1) * k * epochs, done = 0;
        for (int f = 0; f < folds; f++)
            for (int m = 0; m < k; m++)
            {
                using var model = Adapt(config, m, samples, targets, splits[f].Train, Path.Combine(scratch, $"{f}-{m}"), epochs, lr);
                var p = HeadTrainer.Predict(model, splits[f].Test.Select(i => samples[i]).ToList(), device);
                for (int j = 0; j < p.Length; j++) cvMember[m][splits[f].Test[j]] = p[j];
                o.Run.Progress?.Invoke(done += epochs, total, $"cross-validating fold {f + 1}/{folds}");
            }
        Directory.Delete(scratch, true);
        var blend = RechooseBlend(source, samples, targets, splits, cvMember);
        // The descriptor models never saw these barriers, so every member's kernel says how novel each hop is.
        var cvMean = Enumerable.Range(0, entries.Count).Select(i => cvMember.Average(c => c[i])).ToArray();
        var after = HeadEnsemble.Combine(cvMember, null, source.NoveltyStd(samples, cvMean, Enumerable.Range(0, source.Descriptors?.Models.Count ?? 0).ToArray()));
        var afterMean = after.Predictions.Select(p => p.Mean).ToArray();
        var spread = after.Predictions.Select(p => p.Uncertainty ?? 0).ToArray();
        double maeBefore = all.Average(i => Math.Abs(beforeMean[i] - targets[i]));
        double maeAfter = all.Average(i => Math.Abs(afterMean[i] - targets[i]));
        bool adapt = maeAfter < maeBefore;
        IntervalCalibration? cal = source.Calibration;
        if (adapt && k >= 2 && entries.Count >= 10)
            cal = IntervalCalibration.Fit(all.Select(i => afterMean[i] - targets[i]).ToList(), all.Select(i => spread[i]).ToList());

        for (int m = 0; m < k; m++)
        {
            string dir = GnnEnsemble.MemberDirectory(o.OutputDirectory, m);
            Directory.CreateDirectory(dir);
            var dst = Path.Combine(dir, HeadTrainer.WeightsFile);
            if (adapt)
            {
                if (!File.Exists(Path.Combine(dir, "member.json")))
                {
                    using var model = Adapt(config, m, samples, targets, all, dir, epochs, lr);
                    model.save(dst);
                    File.WriteAllText(Path.Combine(dir, "member.json"), "{\"adapted\": true}\n");
                    Directory.Delete(Path.Combine(dir, "checkpoint"), true);
                }
            }
            else File.Copy(Path.Combine(GnnEnsemble.MemberDirectory(o.Recipe.From, m), HeadTrainer.WeightsFile), dst, true);
            o.Run.Progress?.Invoke(done += epochs, total, $"adapting member {m + 1}/{k}");
        }
        // The descriptor models stay as trained; only the GNN members adapt.
        var descriptors = Path.Combine(o.Recipe.From, DescriptorEnsemble.DirectoryName);
        if (Directory.Exists(descriptors)) ModelManifest.CopyDirectory(descriptors, Path.Combine(o.OutputDirectory, DescriptorEnsemble.DirectoryName), overwrite: true);

        var beforeSpread = before.Predictions.Select(p => p.Uncertainty ?? 0).ToArray();
        var report = new JsonObject
        {
            ["source"] = o.Recipe.From,
            ["n"] = entries.Count,
            ["folds"] = folds,
            ["epochs"] = epochs,
            ["lr"] = lr,
            ["batch_size"] = Batch,
            ["adapted"] = adapt,
            ["gnn_weight_before"] = source.Blend?.GnnWeight,
            ["gnn_weight_after"] = (adapt ? blend : source.Blend)?.GnnWeight,
            ["note"] = adapt ? "adapted weights written: cross-validated MAE improved"
                             : "adaptation did not improve the cross-validated MAE on this data; the source weights were kept",
            ["before"] = OutOfFoldMetrics.Of(entries, all, beforeMean, beforeSpread, source.Calibration),
            ["after"] = OutOfFoldMetrics.Of(entries, all, afterMean, spread, cal),
        };
        File.WriteAllText(Path.Combine(o.OutputDirectory, "fewshot-report.json"), report.ToJsonString(Indented));
        File.WriteAllText(Path.Combine(o.OutputDirectory, "cv-metrics.json"), report.ToJsonString(Indented));
        // The source's recipe and parts, with the adapted blend and calibration, made by this command from these inputs.
        (sourceManifest with
        {
            Blend = adapt ? blend : source.Blend,
            Calibration = cal,
            Provenance = ModelProvenance.Now(o.CommandLine, new Dictionary<string, string?> { [o.DataFile] = o.Entries is null ? ModelManifest.Sha256(o.DataFile) : null }, entries.Count)
                with { Inputs = HeadModelWriter.InputHashes(o.Recipe.From), Notes = $"few-shot adaptation of {o.Recipe.From}; " + report["note"] },
        }).Write(o.OutputDirectory);
        return report;
    }

    /// <summary>
    /// For a blended source: the adapted GNN members know the new data and the trees do not, so the blend's base weight
    /// w₀ is chosen again on the cross-validated predictions (its novelty dependence stays the source's: the kernels
    /// did not change). Each fold's entries are blended with the w₀ the other folds chose (nested, so "after" is not
    /// flattered by the choice); the blend written with the adapted model has the w₀ all folds choose. Turns
    /// <paramref name="cv"/> (GNN predictions) into blended member predictions in place.
    /// </summary>
    private static TreeBlend? RechooseBlend(HeadEnsemble source, HopSample[] samples, double[] targets,
        IReadOnlyList<(int[] Train, int[] Test)> splits, double[][] cv)
    {
        if (source.Blend is not TreeBlend blend) return null;
        int k = cv.Length, n = targets.Length;
        var x = samples.Select(s => s.TreeDescriptors).ToList();
        var trees = Enumerable.Range(0, k).Select(m => source.Descriptors!.Bag(m).PredictDescriptors(x)).ToArray();
        var novelty = Enumerable.Range(0, k).Select(m => blend.NoveltySlope != 0 ? source.Descriptors!.Bag(m).KernelStd(x) : new double[n]).ToArray();
        var gnnMean = Enumerable.Range(0, n).Select(i => cv.Average(c => c[i])).ToArray();
        var treesMean = Enumerable.Range(0, n).Select(i => trees.Average(t => t[i])).ToArray();
        var zMean = Enumerable.Range(0, n).Select(i => blend.Z(novelty.Average(v => v[i]))).ToArray();
        foreach (var (_, test) in splits)
        {
            var rest = Enumerable.Range(0, n).Except(test).ToArray();
            var chosen = blend.Rechoose(rest, gnnMean, treesMean, zMean, targets);
            foreach (int i in test)
                for (int m = 0; m < k; m++) cv[m][i] = chosen.Blend(cv[m][i], trees[m][i], novelty[m][i]);
        }
        return blend.Rechoose(Enumerable.Range(0, n).ToArray(), gnnMean, treesMean, zMean, targets);
    }

    /// <summary>Source member m, trained further on the given entries (last epoch kept).</summary>
    private BarrierHead Adapt(HeadConfig config, int m, HopSample[] samples, double[] targets, int[] train, string dir, int epochs, double lr)
    {
        if (Directory.Exists(Path.Combine(dir, "checkpoint")) && !File.Exists(Path.Combine(dir, "checkpoint", "state.json")))
            Directory.Delete(Path.Combine(dir, "checkpoint"), true);
        var model = BarrierHead.Create(config);
        model.load(Path.Combine(GnnEnsemble.MemberDirectory(o.Recipe.From, m), HeadTrainer.WeightsFile));
        torch.manual_seed(o.Recipe.Seed + 1009 * m);
        var trainer = new HeadTrainer
        {
            Member = m, Epochs = epochs, BatchSize = Math.Min(Batch, Math.Max(2, train.Length)), LearningRate = lr,
            WeightDecay = o.Recipe.WeightDecay, Seed = o.Recipe.Seed, Device = device,
        };
        trainer.Train(model, samples, targets, train, Array.Empty<int>(), dir);
        return model;
    }

    private static int CountGroups(IReadOnlyList<BarrierEntry> entries)
    {
        for (int f = Math.Min(5, entries.Count); f >= 2; f--)
        {
            try { GroupedFolds.Assign(entries, f, 0); return f; }
            catch (ArgumentException) { }
        }
        return 1;
    }
}
