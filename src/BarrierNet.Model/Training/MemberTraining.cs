using System.Text.Json;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// Trains the GNN members of a full training, one at a time and each independently: member m starts from the
/// pretrained backbone (or random weights) with seed + 1009·m, trains on all entries but the fold it holds out
/// (<see cref="MemberFolds"/>), keeps its best epoch by MAE on that fold, and leaves members/m/ with weights.bin and
/// member.json (<see cref="MemberRecord"/>: its held-out predictions at the best and the last epoch). A member whose
/// member.json exists is done; one with a checkpoint resumes from it exactly.
/// </summary>
internal sealed class MemberTraining(HeadTrainingSet set, MemberFolds folds, HeadRecipe recipe, Backbone? pretrained, Device device,
    string directory, RunSettings run, int? stopAfterEpochs = null)
{
    /// <summary>Attempts per member when libtorch reports an error mid-training.</summary>
    public const int NativeRetries = 3;

    private int Members => recipe.Ensemble;
    private int Epochs => recipe.EpochsPerMember;
    private int BatchSize => recipe.BatchSize!.Value;

    /// <summary>Optimiser steps of one member (for the whole run's progress).</summary>
    private long StepsPerMember
    {
        get
        {
            int n = set.Entries.Count, k = folds.Folds;
            return (long)((n * (k - 1) / k + BatchSize - 1) / BatchSize) * Epochs;
        }
    }

    /// <summary>Trains member <paramref name="member"/> unless it has finished; false when stopped early (--stop-after).</summary>
    public bool Train(int member)
    {
        if (MemberRecord.Exists(directory, member)) return true;
        string dir = GnnEnsemble.MemberDirectory(directory, member);
        var trainIdx = folds.Training(member);
        var valIdx = folds.Validation(member);
        long steps = StepsPerMember;
        var trainer = new HeadTrainer
        {
            Member = member, Epochs = Epochs, BatchSize = BatchSize, LearningRate = recipe.LearningRate!.Value, WeightDecay = recipe.WeightDecay,
            Seed = recipe.Seed, Device = device, StopAfterEpochs = stopAfterEpochs, Log = run.Log,
            Loss = recipe.Loss, RowWeights = RowWeights(trainIdx),
            OnStep = (m, step, total, mae) => run.Progress?.Invoke(member * steps + step, Members * steps,
                FormattableString.Invariant($"member {m + 1}/{Members} train {recipe.Head.LossName} {mae:F3}")),
        };
        var model = Fresh(member);
        MemberState? state;
        for (int attempt = 1; ; attempt++)
        {
            // A libtorch error from TorchSharp's own temporaries (see EdgeGatedConv.Forward) is rare and not about
            // the data: start a fresh model and resume from the last epoch checkpoint, which is exact.
            try { state = trainer.Train(model, set.Samples, set.Targets, trainIdx, valIdx, dir); break; }
            catch (System.Runtime.InteropServices.ExternalException e) when (attempt < NativeRetries)
            {
                run.Log?.Invoke($"member {member}: libtorch error ({e.Message.Split('\n')[0].Trim()}); resuming from its last checkpoint");
                model.Dispose();
                model = Fresh(member);
            }
        }
        using var trained = model;
        if (state is null) return false;
        var held = valIdx.Select(i => set.Samples[i]).ToList();
        var last = HeadTrainer.Predict(model, held, device);
        model.load(Path.Combine(dir, HeadTrainer.WeightsFile));
        var best = HeadTrainer.Predict(model, held, device);
        new MemberRecord(valIdx, best, last, state.BestEpoch, state.BestValMae, state.History).Write(directory, member);
        Directory.Delete(Path.Combine(dir, "checkpoint"), true);
        return true;
    }

    /// <summary>
    /// The loss's row weights over the member's training hops (<see cref="HeadRecipe.LossWeightPower"/>), on the √Em scale
    /// the descriptor models weight on; null when the recipe weights every hop the same.
    /// </summary>
    private double[]? RowWeights(int[] trainIdx)
    {
        if (recipe.LossWeightPower == 0) return null;
        var fitted = trainIdx.Select(i => Evaluation.TargetScale.ToFitted(Evaluation.BarrierScale.Sqrt, set.Targets[i])).ToList();
        var w = Baseline.TargetDensityWeights.Of(fitted, recipe.LossWeightPower);
        var all = new double[set.Targets.Length];
        for (int k = 0; k < trainIdx.Length; k++) all[trainIdx[k]] = w[k];
        return all;
    }

    /// <summary>Member <paramref name="member"/> before training: its own seed, the pretrained backbone if there is one.</summary>
    private BarrierHead Fresh(int member)
    {
        torch.manual_seed(recipe.Seed + 1009 * member);
        var head = BarrierHead.Create(set.Config);
        if (pretrained is not null) head.LoadBackbone(pretrained);
        return head;
    }

    /// <summary>
    /// Epochs member <paramref name="member"/> of the run in <paramref name="directory"/> has completed (all of them once
    /// its member.json exists): how a `finetune --jobs` parent follows its workers.
    /// </summary>
    public static int CompletedEpochs(string directory, int member, int epochs)
    {
        if (MemberRecord.Exists(directory, member)) return epochs;
        var state = Path.Combine(GnnEnsemble.MemberDirectory(directory, member), "checkpoint", "state.json");
        try { return JsonSerializer.Deserialize<MemberState>(File.ReadAllText(state))?.CompletedEpochs ?? 0; }
        catch (Exception e) when (e is IOException or JsonException) { return 0; } // not there yet, or being written
    }
}
