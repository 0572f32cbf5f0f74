using System.Globalization;
using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Training;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The descriptor models (extra trees + kernel ridge on the hop descriptors) a blended head carries beside its GNN
/// members. With K members, F folds and P grouped partitions there are <see cref="ModelCount"/> of them: model j holds
/// out fold j mod F of partition ⌊j / F⌋ (<see cref="MemberFolds"/>; for j &lt; K the fold member j holds out) and
/// belongs to member j mod K, whose prediction averages its own models (<see cref="DescriptorBag"/>). Each model lives
/// in descriptors/j/ of the model directory; model.json's descriptor_models section (<see cref="DescriptorModelSet"/>)
/// says how many there are and with which options they were fitted.
/// </summary>
internal sealed class DescriptorEnsemble
{
    /// <summary>Where the descriptor models live: descriptors/0, descriptors/1, … in model order.</summary>
    public const string DirectoryName = "descriptors";

    private readonly DescriptorBag[] _bags;
    private readonly int[][] _memberModels;

    /// <summary>The models in order (model j belongs to member j mod <paramref name="members"/>).</summary>
    public DescriptorEnsemble(IReadOnlyList<DescriptorBaseline> models, int members)
    {
        if (members < 1 || models.Count < members) throw new ArgumentException("a descriptor ensemble needs at least one model per member");
        Models = models;
        MemberCount = members;
        _memberModels = Enumerable.Range(0, members).Select(k => Enumerable.Range(0, models.Count).Where(j => MemberOf(j) == k).ToArray()).ToArray();
        _bags = _memberModels.Select(js => new DescriptorBag(js.Select(j => models[j]).ToList())).ToArray();
    }

    /// <summary>Every descriptor model, in model order.</summary>
    public IReadOnlyList<DescriptorBaseline> Models { get; }

    /// <summary>The options every model was fitted with (one set: <see cref="DescriptorModelSet"/>), which say what row they read.</summary>
    public DescriptorBaselineOptions Options => Models[0].Options;

    /// <summary>GNN members the models are shared out among.</summary>
    public int MemberCount { get; }

    /// <summary>
    /// Descriptor models of a full training with <paramref name="members"/> members, <paramref name="folds"/> folds and
    /// <paramref name="partitions"/> grouped partitions: one per member, or folds × partitions if that is more.
    /// </summary>
    public static int ModelCount(int members, int folds, int partitions) => partitions == 1 ? members : Math.Max(members, folds * partitions);

    /// <summary>The member model <paramref name="model"/> belongs to.</summary>
    public int MemberOf(int model) => model % MemberCount;

    /// <summary>Indices of member <paramref name="member"/>'s models, ascending.</summary>
    public IReadOnlyList<int> ModelsOf(int member) => _memberModels[member];

    /// <summary>Member <paramref name="member"/>'s models, averaged.</summary>
    public DescriptorBag Bag(int member) => _bags[member];

    /// <summary>Whether the models can say how unlike the training hops a hop is (kernels with posteriors).</summary>
    public bool HasNovelty => Models.All(t => t.HasPosterior);

    /// <summary>Descriptor model <paramref name="model"/>'s directory inside the model directory <paramref name="directory"/>.</summary>
    public static string ModelDirectory(string directory, int model) =>
        Path.Combine(directory, DirectoryName, model.ToString(CultureInfo.InvariantCulture));

    /// <summary>model.json's descriptor_models section: the first model's options and descriptor names, and the count.</summary>
    public DescriptorModelSet Describe() => Models[0].Describe() with { Count = Models.Count };

    /// <summary>
    /// Fits <paramref name="count"/> models, model j on the entries <paramref name="folds"/> trains model j on, with seed
    /// <paramref name="seed"/> + j.
    /// </summary>
    public static DescriptorEnsemble Fit(IReadOnlyList<BarrierEntry> entries, MemberFolds folds, int members, int count,
        DescriptorBaselineOptions options, int seed, Action<string>? log = null)
    {
        var models = new DescriptorBaseline[count];
        for (int j = 0; j < count; j++)
        {
            var (partition, fold) = folds.HeldOutFold(j);
            log?.Invoke(j < members ? $"member {j}: fitting {options.Trees} extra trees and kernel ridge on the hop descriptors of its training folds"
                : $"descriptor model {j + 1}/{count} (with member {j % members}): {options.Trees} extra trees and kernel ridge on fold {fold} of partition {partition + 1}");
            models[j] = DescriptorBaseline.Train(folds.Training(j).Select(i => entries[i]).ToList(), options, seed + j);
        }
        return new DescriptorEnsemble(models, members);
    }

    /// <summary>Writes every model into descriptors/j/ of <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        for (int j = 0; j < Models.Count; j++) Models[j].SaveFiles(ModelDirectory(directory, j));
    }

    /// <summary>Removes the descriptor models of <paramref name="directory"/>, if any (a rerun fits them afresh).</summary>
    public static void Delete(string directory)
    {
        var dir = Path.Combine(directory, DirectoryName);
        if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, true);
    }

    /// <summary>
    /// The descriptor models of the model directory <paramref name="directory"/> that <paramref name="set"/> describes,
    /// shared among <paramref name="members"/> members. Loaded in parallel: each kernel factorises its K + αI on
    /// loading, most of a model's start-up time.
    /// </summary>
    public static DescriptorEnsemble Load(string directory, DescriptorModelSet set, int members)
    {
        var dirs = Enumerable.Range(0, set.Count).Select(j => ModelDirectory(directory, j)).ToArray();
        foreach (var dir in dirs)
            if (!System.IO.Directory.Exists(dir)) throw new ArgumentException($"{dir}: missing (model.json lists {set.Count} descriptor models)");
        var models = new DescriptorBaseline[set.Count];
        try { Parallel.For(0, set.Count, j => models[j] = DescriptorBaseline.LoadFiles(dirs[j], set)); }
        catch (AggregateException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); }
        return new DescriptorEnsemble(models, members);
    }

    /// <summary>
    /// Out-of-fold predictions: for each entry the mean prediction of the models that held it out and, when every
    /// kernel has a posterior, their mean kernel posterior std (fitted units), the novelty the blend weight follows.
    /// NaN for an entry no model held out.
    /// </summary>
    public DescriptorPredictions OutOfFold(IReadOnlyList<BarrierEntry> entries, MemberFolds folds)
    {
        var sum = new double[entries.Count];
        var novelty = new double[entries.Count];
        var count = new int[entries.Count];
        for (int j = 0; j < Models.Count; j++)
        {
            var held = folds.Validation(j);
            var heldEntries = held.Select(i => entries[i]).ToList();
            var p = Models[j].Predict(heldEntries).Predictions;
            for (int h = 0; h < held.Length; h++) { sum[held[h]] += p[h].Mean; count[held[h]]++; }
            if (!HasNovelty) continue;
            var s = Models[j].KernelStd(Models[j].Options.Rows(heldEntries));
            for (int h = 0; h < held.Length; h++) novelty[held[h]] += s[h];
        }
        double Mean(double v, int i) => count[i] > 0 ? v / count[i] : double.NaN;
        return new DescriptorPredictions(sum.Select(Mean).ToArray(), HasNovelty ? novelty.Select(Mean).ToArray() : null);
    }

    /// <summary>Each model's kernel posterior std (fitted units) of descriptor rows <paramref name="x"/>: [model][row].</summary>
    public double[][] KernelStd(IReadOnlyList<double[]> x) => Models.Select(t => t.KernelStd(x)).ToArray();

    /// <summary>Each member's novelty from the models' kernel stds already computed: the mean over its own models.</summary>
    public double[][] MemberKernelStd(double[][] modelStd, int rows) =>
        _memberModels.Select(js => DescriptorBag.Mean(js.Select(j => modelStd[j]).ToList(), rows)).ToArray();

    /// <summary>
    /// Novelty of each hop (eV): the mean over the models <paramref name="models"/> of their kernels' posterior std, at
    /// the predicted <paramref name="barriers"/>. A new structure is unseen by every model; out-of-fold calibration asks
    /// only the models that held the entry out.
    /// </summary>
    public double[] Novelty(IReadOnlyList<double[]> x, double[] barriers, IReadOnlyList<int> models) =>
        NoveltyInEv(models.Select(j => Models[j].KernelStd(x)).ToArray(), barriers);

    /// <summary>The mean of kernel posterior stds (one row per model, fitted units) in eV at <paramref name="barriers"/>.</summary>
    public double[] NoveltyInEv(double[][] kernelStd, double[] barriers)
    {
        var per = kernelStd.Select(s => Models[0].KernelStdInEv(s, barriers)).ToArray();
        return Enumerable.Range(0, barriers.Length).Select(i => per.Average(p => p[i])).ToArray();
    }
}

/// <summary>Descriptor-model predictions per entry (eV) and, when the kernels have posteriors, their novelty (fitted units).</summary>
internal sealed record DescriptorPredictions(double[] Barriers, double[]? Novelty);
