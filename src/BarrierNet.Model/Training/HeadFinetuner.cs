using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
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
internal sealed class HeadFinetuner
{
    private readonly FinetuneOptions o;
    private readonly Device device;
    /// <summary>The recipe with every default resolved: what this run trains and model.json records.</summary>
    private readonly HeadRecipe recipe;

    public HeadFinetuner(FinetuneOptions options)
    {
        o = options;
        TorchRuntime.EnsureLoadable();
        device = torch.device(options.Run.Device);
        o.Recipe.Validate();
        if (o.OnlyMembers?.Any(m => m < 0 || m >= o.Recipe.Ensemble) == true) throw new ArgumentException($"members to train must lie in 0…{o.Recipe.Ensemble - 1}");
        recipe = o.Recipe.Resolved();
    }

    /// <summary>Epochs each member of a full training runs: --epochs, or the head's (<see cref="HeadRecipe.PerHead"/>).</summary>
    public static int EpochsPerMember(FinetuneOptions o) => o.Recipe.EpochsPerMember;

    /// <summary>Whether every member of the full training in <paramref name="o"/>'s output directory has finished.</summary>
    public static bool AllMembersDone(FinetuneOptions o) =>
        Enumerable.Range(0, o.Recipe.Ensemble).All(m => MemberTraining.CompletedEpochs(o.OutputDirectory, m, EpochsPerMember(o)) == EpochsPerMember(o));

    /// <summary>
    /// Grouped folds of a full training: --folds, or one per member (5 for a single member). With more members than
    /// folds, each further set of K members holds out the folds of a new grouped partition (<see cref="MemberFolds"/>).
    /// </summary>
    private int Folds => recipe.Folds!.Value;

    /// <summary>Descriptor models of a full training (<see cref="DescriptorEnsemble.ModelCount"/>).</summary>
    private int DescriptorModelCount => DescriptorEnsemble.ModelCount(recipe.Ensemble, Folds, recipe.TreePartitions);

    /// <summary>Runs (or resumes) and returns cv-metrics.json's content, or null when stopped by StopAfterEpochs.</summary>
    public JsonObject? Run()
    {
        torch.set_num_threads(Math.Max(1, o.Run.Threads));
        var entries = o.Entries ?? BarrierDataset.Load(o.DataFile);
        if (entries.Any(e => e.Target is null)) throw new ArgumentException($"{o.DataFile}: every entry needs a barrier to train on");
        if (entries.Count < 4) throw new ArgumentException($"{o.DataFile}: at least 4 barriers are needed to fine-tune");
        Directory.CreateDirectory(o.OutputDirectory);
        bool fewShot = o.Recipe.StartingPoint() == StartingPoint.TrainedHead;
        if (o.OnlyMembers is not null)
        {
            if (fewShot) throw new ArgumentException($"--from {o.Recipe.From}: few-shot adaptation runs in one process (no --jobs)");
            return RunFull(entries); // a worker: the files of the run are the parent's to write
        }
        if (fewShot && (ModelManifest.IsSameOrInside(o.OutputDirectory, o.Recipe.From) || ModelManifest.IsSameOrInside(o.Recipe.From, o.OutputDirectory)))
            throw new ArgumentException($"--out {o.OutputDirectory}: must not be, contain or lie inside the source model {o.Recipe.From}");
        return fewShot ? new FewShotAdapter(o, device).Run(entries) : RunFull(entries);
    }

    /// <summary>
    /// A full training as its stages: train the members → gather their out-of-fold predictions → fit the descriptor
    /// models → choose the blend → calibrate the intervals → write the model.
    /// </summary>
    private JsonObject? RunFull(IReadOnlyList<BarrierEntry> entries)
    {
        var pretrained = PretrainedBackbone();
        var set = HeadTrainingSet.Build(entries, pretrained?.Config ?? new BackboneConfig(), recipe.Head, o.Run.Threads, o.Run.Log,
            recipe.Trees > 0 && o.OnlyMembers is null ? recipe.DescriptorModel() : null);
        var folds = new MemberFolds(entries, Folds, DescriptorModelCount, recipe.Seed, recipe.Grouping); // ≥ members: the members' folds come first
        var members = new MemberTraining(set, folds, recipe, pretrained, device, o.OutputDirectory, o.Run, o.StopAfterEpochs);
        foreach (int m in o.OnlyMembers ?? Enumerable.Range(0, recipe.Ensemble))
            if (!members.Train(m)) return null;
        if (o.OnlyMembers is not null) return null;

        var writer = new HeadModelWriter(o, recipe);
        writer.WriteTrainLog(recipe.Ensemble);
        var gnn = OutOfFoldPredictions.Gather(Enumerable.Range(0, recipe.Ensemble).Select(m => MemberRecord.Read(o.OutputDirectory, m)), entries.Count);

        // The stacked hybrid: descriptor models on the members' folds, blended with the GNN at the weight with the lowest
        // out-of-fold MAE. From here on the out-of-fold predictions are the blend's.
        DescriptorEnsemble.Delete(o.OutputDirectory);
        DescriptorEnsemble? descriptors = null;
        BlendSelection? blend = null;
        var oof = gnn;
        if (recipe.Trees > 0)
        {
            descriptors = DescriptorEnsemble.Fit(entries, folds, recipe.Ensemble, DescriptorModelCount, recipe.DescriptorModel(), recipe.Seed, o.Run.Log);
            descriptors.Save(o.OutputDirectory);
            var trees = descriptors.OutOfFold(entries, folds);
            blend = BlendSelection.Choose(entries, gnn, trees, folds.FirstPartition, recipe.Trees);
            oof = gnn.Blended(blend.Blend, trees);
        }

        // Cross-validated residuals → interval calibration on the trained ensemble's uncertainty.
        var manifest = writer.Manifest(set.Config, blend?.Blend, descriptors?.Describe(), entries.Count);
        using var ensemble = HeadEnsemble.Load(o.OutputDirectory, manifest, device);
        var calibration = recipe.Ensemble >= 2
            ? OutOfFoldCalibration.Fit(ensemble, set.Samples, set.Targets, oof, folds)
            : OutOfFoldCalibration.SingleMember(entries.Count);
        var metrics = CvMetrics(entries, oof, calibration, blend);
        writer.Write(metrics, entries, oof, calibration, manifest, recipe.Ensemble);
        return metrics;
    }

    /// <summary>The backbone the members start from (--from a pretrained backbone), or null from scratch.</summary>
    private Backbone? PretrainedBackbone()
    {
        if (recipe.StartingPoint() == StartingPoint.Scratch) return null;
        if (!File.Exists(Path.Combine(o.Recipe.From, ModelManifest.FileName)))
            throw new ArgumentException($"--from {o.Recipe.From}: no model.json there (neither a pretrained backbone nor a trained head)");
        return MultiPropertyModel.LoadFrom(o.Recipe.From).Backbone;
    }

    /// <summary>cv-metrics.json: the out-of-fold metrics at the best and the last epoch, and what the blend buys.</summary>
    private JsonObject CvMetrics(IReadOnlyList<BarrierEntry> entries, OutOfFoldPredictions oof, OutOfFoldCalibration calibration, BlendSelection? blend)
    {
        var metrics = new JsonObject
        {
            ["head"] = ChoiceNames.Name(o.Recipe.Head.Head),
            ["from"] = o.Recipe.From,
            ["members"] = recipe.Ensemble,
            ["epochs"] = recipe.EpochsPerMember,
            ["note"] = "out-of-fold predictions of the member that did not train on each entry; 'oof' uses each member's best epoch (chosen on that fold, slightly optimistic), 'oof_last_epoch' its last epoch (no selection)",
            ["oof"] = OutOfFoldMetrics.Of(entries, oof.Held, oof.Best, calibration.Uncertainty, calibration.Calibration),
            ["oof_last_epoch"] = OutOfFoldMetrics.Of(entries, oof.Held, oof.Last, calibration.Uncertainty, calibration.Calibration),
        };
        if (blend is not null) metrics["blend"] = blend.Report;
        return metrics;
    }
}
