using System.Text.Json;
using BarrierNet.Core.Data;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// A trained head as a predictor: K members of the same head (members/0 … members/K−1, each weights.bin) and the
/// head, blend and calibration sections of model.json. The prediction is the members' mean; the uncertainty is their spread (standard deviation),
/// combined with how far the hop lies from the training hops when the members' descriptor models have kernels
/// (σ = √(spread² + novelty²), <see cref="NoveltyStd"/>), and the 90% interval is mean ± q·σ with q fitted by
/// split-conformal calibration on cross-validated residuals (<see cref="IntervalCalibration"/>). With a blend each
/// member's prediction is its GNN blended with the member's own descriptor model (extra trees + kernel ridge) on the
/// hop descriptors (<see cref="TreeBlend"/>); with --tree-partitions a member's descriptor model is the mean of
/// several, fitted on the folds of different grouped partitions (<see cref="DescriptorBag"/>).
/// </summary>
internal sealed class HeadEnsemble : IBarrierPredictor, IDisposable
{
    public const string KindName = "gnn-head";
    public const string MembersDirectory = "members";
    /// <summary>Where the descriptor models live: descriptors/0, descriptors/1, … in the order they were fitted.</summary>
    public const string DescriptorsDirectory = "descriptors";

    public HeadConfig Config { get; }
    public IReadOnlyList<BarrierHead> Members { get; }
    public IntervalCalibration? Calibration { get; }
    /// <summary>
    /// Intervals per barrier range and ion (model.json's conditional_calibration section); when present they replace the single-scale
    /// <see cref="Calibration"/> in <see cref="Predict"/>.
    /// </summary>
    public ConditionalCalibration? ConditionalCalibration { get; init; }
    /// <summary>The GNN/trees blend, or null for a GNN-only model.</summary>
    public TreeBlend? Blend { get; }
    /// <summary>
    /// Every descriptor model, in the order the finetuner fitted them: model j held out fold j mod K of grouped
    /// partition ⌊j / K⌋ (K folds) and belongs to member j mod (members). Null without a blend.
    /// </summary>
    public IReadOnlyList<DescriptorBaseline>? DescriptorModels { get; }
    /// <summary>Member k's descriptor models (its own fold's, and those of further partitions); null without a blend.</summary>
    public IReadOnlyList<DescriptorBag>? MemberTrees { get; }
    /// <summary>Indices into <see cref="DescriptorModels"/> of member k's models (j with j mod members = k, ascending).</summary>
    private readonly IReadOnlyList<int[]>? memberModels;
    private readonly Device device;

    public HeadEnsemble(HeadConfig config, IReadOnlyList<BarrierHead> members, IntervalCalibration? calibration, Device? device = null,
        TreeBlend? blend = null, IReadOnlyList<DescriptorBaseline>? descriptorModels = null)
    {
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one member");
        if (blend is not null && (descriptorModels is null || descriptorModels.Count < members.Count))
            throw new ArgumentException("a blended ensemble needs at least one descriptor model per member");
        Config = config; Members = members; Calibration = calibration; Blend = blend;
        if (blend is not null)
        {
            DescriptorModels = descriptorModels;
            memberModels = Enumerable.Range(0, members.Count)
                .Select(k => Enumerable.Range(0, descriptorModels!.Count).Where(j => j % members.Count == k).ToArray()).ToList();
            MemberTrees = memberModels.Select(js => new DescriptorBag(js.Select(j => descriptorModels![j]).ToList())).ToList();
        }
        this.device = device ?? CPU;
    }

    public string Kind => KindName;

    public static string MemberDirectory(string model, int k) => Path.Combine(model, MembersDirectory, k.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Descriptor model j of a model directory (j in fitting order).</summary>
    public static string DescriptorModelDirectory(string model, int j) => Path.Combine(model, DescriptorsDirectory, j.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Opens a model directory written by <see cref="HeadFinetuner"/>.</summary>
    public static HeadEnsemble Load(string directory) => Load(directory, null);

    public static HeadEnsemble Load(string directory, Device? device) => Load(directory, ModelManifest.Read(directory), device);

    /// <summary>Opens a head directory described by <paramref name="manifest"/> (members and descriptor models from its files).</summary>
    public static HeadEnsemble Load(string directory, ModelManifest manifest, Device? device)
    {
        TorchRuntime.EnsureLoadable();
        var path = Path.Combine(directory, ModelManifest.FileName);
        if (manifest.Kind != KindName) throw new ArgumentException($"{path}: model kind is '{manifest.Kind}', not '{KindName}'");
        var config = manifest.Head ?? throw new ArgumentException($"{path}: no head section (not a trained head)");
        int count = 0;
        while (File.Exists(Path.Combine(MemberDirectory(directory, count), HeadTrainer.WeightsFile))) count++;
        if (count == 0) throw new ArgumentException($"{directory}: no trained members (members/0/weights.bin missing)");
        // The small parts first, so that a damaged one is reported before any network is allocated.
        var blend = manifest.Blend;
        blend?.Validate(path);
        List<DescriptorBaseline>? trees = null;
        if (blend is not null)
        {
            var set = manifest.DescriptorModels ?? throw new ArgumentException($"{path}: a blend needs a descriptor_models section");
            set.Validate(directory);
            if (set.Count < count) throw new ArgumentException($"{path}: {set.Count} descriptor models for {count} members (at least one each is needed)");
            trees = LoadDescriptorModels(directory, set);
        }
        manifest.ConditionalCalibration?.Validate(path);
        var members = new List<BarrierHead>();
        try
        {
            for (int k = 0; k < count; k++)
            {
                var m = BarrierHead.Create(config);
                members.Add(m);
                m.load(Path.Combine(MemberDirectory(directory, k), HeadTrainer.WeightsFile));
                if (device is not null) m.to(device);
                m.eval();
            }
        }
        catch
        {
            foreach (var m in members) m.Dispose();
            throw;
        }
        return new HeadEnsemble(config, members, manifest.Calibration, device, blend, trees) { ConditionalCalibration = manifest.ConditionalCalibration };
    }

    /// <summary>
    /// The descriptor models of a blended model directory in fitting order. Loaded in parallel: each kernel factorises
    /// its K + αI on loading, most of a model's start-up time.
    /// </summary>
    private static List<DescriptorBaseline> LoadDescriptorModels(string directory, DescriptorModelSet set)
    {
        var dirs = Enumerable.Range(0, set.Count).Select(j => DescriptorModelDirectory(directory, j)).ToArray();
        foreach (var dir in dirs)
            if (!Directory.Exists(dir)) throw new ArgumentException($"{dir}: missing (model.json lists {set.Count} descriptor models)");
        var models = new DescriptorBaseline[set.Count];
        try { Parallel.For(0, set.Count, j => models[j] = DescriptorBaseline.LoadFiles(dirs[j], set)); }
        catch (AggregateException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); }
        return models.ToList();
    }

    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
    {
        if (entries.Count == 0) return new PredictionResult(Array.Empty<BarrierPrediction>());
        var samples = HopGraphs.SampleMany(entries, Config.Backbone.Graph, Config.Options, Environment.ProcessorCount);
        var result = PredictSamples(samples);
        if (ConditionalCalibration is not { } c || Members.Count < 2) return result;
        return new PredictionResult(result.Predictions.Select((p, i) => c.Predict(p.Mean, p.Uncertainty ?? 0, entries[i].Ion)).ToList());
    }

    /// <summary>Member predictions [member][entry] for prepared samples (blended with the member's trees if the model has them).</summary>
    public double[][] MemberPredictions(IReadOnlyList<HopSample> samples) => MemberPredictions(samples, null);

    /// <summary>As above, with each member's kernel posterior std already computed (null: computed where the blend needs it).</summary>
    private double[][] MemberPredictions(IReadOnlyList<HopSample> samples, double[][]? kernelStd) =>
        Members.Select((m, k) => BlendMember(k, HeadTrainer.Predict(m, samples, device), samples, kernelStd?[k])).ToArray();

    /// <summary>
    /// Member k's GNN predictions blended with member k's trees, at the weight its kernel's novelty gives; unchanged
    /// for a GNN-only model. <paramref name="kernelStd"/>: member k's <see cref="DescriptorBaseline.KernelStd"/> of
    /// the samples, if already computed.
    /// </summary>
    public double[] BlendMember(int k, double[] gnn, IReadOnlyList<HopSample> samples, double[]? kernelStd = null)
    {
        if (Blend is null) return gnn;
        var x = Descriptors(samples);
        var trees = MemberTrees![k].PredictDescriptors(x);
        var novelty = Blend.NoveltySlope == 0 ? new double[x.Count] : kernelStd ?? MemberTrees[k].KernelStd(x);
        return gnn.Select((g, i) => Blend.Blend(g, trees[i], novelty[i])).ToArray();
    }

    /// <summary>
    /// The ensemble's prediction. Each descriptor model's kernel posterior is computed once and serves both the blend
    /// weight and the novelty term of the uncertainty.
    /// </summary>
    public PredictionResult PredictSamples(IReadOnlyList<HopSample> samples)
    {
        var x = Descriptors(samples);
        var modelStd = HasNovelty ? DescriptorModels!.Select(t => t.KernelStd(x)).ToArray() : null;
        // A member's novelty is the mean over its own models (DescriptorBag.KernelStd), taken from the stds just computed.
        var memberStd = modelStd is null ? null : memberModels!
            .Select(js => DescriptorBag.Mean(js.Select(j => modelStd[j]).ToList(), x.Count)).ToArray();
        var perMember = MemberPredictions(samples, memberStd);
        var means = Enumerable.Range(0, samples.Count).Select(i => perMember.Average(p => p[i])).ToArray();
        return Combine(perMember, Calibration, modelStd is null ? null : Novelty(modelStd, means));
    }

    /// <summary>Whether the descriptor models can say how unlike the training hops a hop is (kernels with posteriors).</summary>
    public bool HasNovelty => DescriptorModels is not null && DescriptorModels.All(t => t.HasPosterior);

    /// <summary>
    /// Novelty of each hop (eV): the mean over the descriptor models <paramref name="models"/> (indices into
    /// <see cref="DescriptorModels"/>) of their kernels' posterior standard deviation, at the predicted barriers. A new
    /// structure is unseen by every model, so predictions use all of them; the out-of-fold calibration uses only the
    /// models that held the entry out. Null when <see cref="HasNovelty"/> is false.
    /// </summary>
    public double[]? NoveltyStd(IReadOnlyList<HopSample> samples, double[] barriers, IReadOnlyList<int> models)
    {
        if (!HasNovelty || models.Count == 0) return null;
        var x = Descriptors(samples);
        return Novelty(models.Select(j => DescriptorModels![j].KernelStd(x)).ToArray(), barriers);
    }

    /// <summary>The mean of kernel posterior stds (one row per descriptor model, fitted units) in eV.</summary>
    private double[] Novelty(double[][] kernelStd, double[] barriers)
    {
        var per = kernelStd.Select(s => DescriptorModels![0].KernelStdInEv(s, barriers)).ToArray();
        return Enumerable.Range(0, barriers.Length).Select(i => per.Average(p => p[i])).ToArray();
    }

    private static List<double[]> Descriptors(IReadOnlyList<HopSample> samples) => samples.Select(s => s.Descriptors).ToList();

    /// <summary>
    /// Mean, uncertainty and calibrated interval from member predictions [member][entry]: the uncertainty is the
    /// members' spread, or √(spread² + novelty²) when <paramref name="novelty"/> is given.
    /// </summary>
    public static PredictionResult Combine(double[][] perMember, IntervalCalibration? calibration, double[]? novelty = null)
    {
        int n = perMember[0].Length, k = perMember.Length;
        var result = new List<BarrierPrediction>(n);
        for (int i = 0; i < n; i++)
        {
            double mean = perMember.Average(p => p[i]);
            if (k < 2) { result.Add(new BarrierPrediction(mean)); continue; }
            double sd = Math.Sqrt(perMember.Sum(p => (p[i] - mean) * (p[i] - mean)) / (k - 1));
            if (novelty is not null) sd = Math.Sqrt(sd * sd + novelty[i] * novelty[i]);
            result.Add((calibration ?? IntervalCalibration.Gaussian90).Predict(mean, sd));
        }
        return new PredictionResult(result);
    }

    public void Dispose()
    {
        foreach (var m in Members) m.Dispose();
    }
}
