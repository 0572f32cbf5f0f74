using System.Diagnostics;
using System.Text.Json;
using BarrierNet.Core.Data;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// A trained head as a predictor, composed of its parts: the GNN members (<see cref="GnnEnsemble"/>), with a blend
/// the descriptor models (<see cref="DescriptorEnsemble"/>) and the GNN/trees blend (<see cref="TreeBlend"/>), and the
/// interval calibration, all described by model.json. The prediction is the members' mean; the uncertainty is their
/// spread (standard deviation), combined with how far the hop lies from the training hops when the descriptor models
/// have kernels (σ = √(spread² + novelty²), <see cref="NoveltyStd"/>), and the 90% interval is mean ± q·σ with q fitted
/// by split-conformal calibration on cross-validated residuals (<see cref="IntervalCalibration"/>). With a blend each
/// member's prediction is its GNN blended with the member's own descriptor models.
/// </summary>
internal sealed class HeadEnsemble : IBarrierPredictor, IDisposable
{
    public const string KindName = "gnn-head";

    /// <summary>The GNN members.</summary>
    public GnnEnsemble Gnn { get; }
    /// <summary>The descriptor models the members blend with, or null for a GNN-only model.</summary>
    public DescriptorEnsemble? Descriptors { get; }
    /// <summary>The GNN/trees blend, or null for a GNN-only model.</summary>
    public TreeBlend? Blend { get; }
    public IntervalCalibration? Calibration { get; }
    /// <summary>
    /// Intervals per barrier range and ion (model.json's conditional_calibration section); when present they replace the single-scale
    /// <see cref="Calibration"/> in <see cref="Predict"/>.
    /// </summary>
    public ConditionalCalibration? ConditionalCalibration { get; init; }
    /// <summary>
    /// The hosts the model was trained on (model.json's training_hosts section): each prediction then says whether its
    /// hop's host is among them, and the conditional calibration scales familiar and novel hops apart.
    /// </summary>
    public TrainingHosts? TrainingHosts { get; init; }

    public HeadEnsemble(GnnEnsemble gnn, DescriptorEnsemble? descriptors, TreeBlend? blend, IntervalCalibration? calibration)
    {
        if (blend is not null && (descriptors is null || descriptors.MemberCount != gnn.Members.Count))
            throw new ArgumentException("a blended ensemble needs at least one descriptor model per member");
        Gnn = gnn; Descriptors = blend is null ? null : descriptors; Blend = blend; Calibration = calibration;
    }

    public string Kind => KindName;

    public HeadConfig Config => Gnn.Config;

    public IReadOnlyList<BarrierHead> Members => Gnn.Members;

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
        int count = GnnEnsemble.CountMembers(directory);
        if (count == 0) throw new ArgumentException($"{directory}: no trained members (members/0/weights.bin missing)");
        // The small parts first, so that a damaged one is reported before any network is allocated.
        var blend = manifest.Blend;
        blend?.Validate(path);
        DescriptorEnsemble? descriptors = null;
        if (blend is not null)
        {
            var set = manifest.DescriptorModels ?? throw new ArgumentException($"{path}: a blend needs a descriptor_models section");
            set.Validate(directory);
            if (set.Count < count) throw new ArgumentException($"{path}: {set.Count} descriptor models for {count} members (at least one each is needed)");
            descriptors = DescriptorEnsemble.Load(directory, set, count);
        }
        manifest.ConditionalCalibration?.Validate(path);
        manifest.TrainingHosts?.Validate(path);
        var gnn = GnnEnsemble.Load(directory, config, count, device);
        return new HeadEnsemble(gnn, descriptors, blend, manifest.Calibration) { ConditionalCalibration = manifest.ConditionalCalibration, TrainingHosts = manifest.TrainingHosts };
    }

    /// <summary>Where <see cref="Predict"/> adds the time of its stages (graphs, descriptor models, network); null for nowhere.</summary>
    public StageTimes? Timings { get; set; }

    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
    {
        if (entries.Count == 0) return new PredictionResult(Array.Empty<BarrierPrediction>());
        long start = Stopwatch.GetTimestamp();
        var samples = Samples(entries, Environment.ProcessorCount);
        Timings?.AddSince(ScoringStage.Graphs, start);
        return Predict(entries, samples);
    }

    /// <summary>The graphs and descriptors the members read, one sample per entry, built on <paramref name="threads"/> threads.</summary>
    public HopSample[] Samples(IReadOnlyList<BarrierEntry> entries, int threads) =>
        HopGraphs.SampleMany(entries, Config.Backbone.Graph, Config.Options, threads, Descriptors?.Options);

    /// <summary>As <see cref="Predict(IReadOnlyList{BarrierEntry})"/>, with the entries' samples already built (<see cref="Samples"/>).</summary>
    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries, IReadOnlyList<HopSample> samples)
    {
        if (entries.Count == 0) return new PredictionResult(Array.Empty<BarrierPrediction>());
        var result = PredictSamples(samples);
        var familiar = TrainingHosts is { } hosts ? entries.Select(e => (bool?)hosts.IsFamiliar(e)).ToArray() : new bool?[entries.Count];
        if (ConditionalCalibration is not { } c || Members.Count < 2)
            return new PredictionResult(result.Predictions.Select((p, i) => p with { Familiar = familiar[i] }).ToList());
        return new PredictionResult(result.Predictions.Select((p, i) => c.Predict(p.Mean, p.Uncertainty ?? 0, entries[i].Ion, familiar[i])).ToList());
    }

    /// <summary>Member predictions [member][entry] for prepared samples (blended with the member's trees if the model has them).</summary>
    public double[][] MemberPredictions(IReadOnlyList<HopSample> samples) => MemberPredictions(samples, null);

    /// <summary>As above, with each member's kernel posterior std already computed (null: computed where the blend needs it).</summary>
    private double[][] MemberPredictions(IReadOnlyList<HopSample> samples, double[][]? kernelStd)
    {
        long start = Stopwatch.GetTimestamp();
        var gnn = Gnn.PredictAll(samples);
        Timings?.AddSince(ScoringStage.Network, start);
        start = Stopwatch.GetTimestamp();
        var blended = Enumerable.Range(0, Members.Count).Select(k => BlendMember(k, gnn[k], samples, kernelStd?[k])).ToArray();
        Timings?.AddSince(ScoringStage.DescriptorModels, start);
        return blended;
    }

    /// <summary>
    /// Member k's GNN predictions blended with member k's trees, at the weight its kernel's novelty gives; unchanged
    /// for a GNN-only model. <paramref name="kernelStd"/>: member k's <see cref="DescriptorBaseline.KernelStd"/> of
    /// the samples, if already computed.
    /// </summary>
    public double[] BlendMember(int k, double[] gnn, IReadOnlyList<HopSample> samples, double[]? kernelStd = null)
    {
        if (Blend is null) return gnn;
        var x = DescriptorRows(samples);
        var bag = Descriptors!.Bag(k);
        var trees = bag.PredictDescriptors(x);
        var novelty = Blend.NoveltySlope == 0 ? new double[x.Count] : kernelStd ?? bag.KernelStd(x);
        return gnn.Select((g, i) => Blend.Blend(g, trees[i], novelty[i])).ToArray();
    }

    /// <summary>
    /// The ensemble's prediction. Each descriptor model's kernel posterior is computed once and serves both the blend
    /// weight and the novelty term of the uncertainty.
    /// </summary>
    public PredictionResult PredictSamples(IReadOnlyList<HopSample> samples)
    {
        var x = DescriptorRows(samples);
        long start = Stopwatch.GetTimestamp();
        var modelStd = HasNovelty ? Descriptors!.KernelStd(x) : null;
        Timings?.AddSince(ScoringStage.DescriptorModels, start);
        // A member's novelty is the mean over its own models (DescriptorBag.KernelStd), taken from the stds just computed.
        var memberStd = modelStd is null ? null : Descriptors!.MemberKernelStd(modelStd, x.Count);
        var perMember = MemberPredictions(samples, memberStd);
        var means = Enumerable.Range(0, samples.Count).Select(i => perMember.Average(p => p[i])).ToArray();
        return Combine(perMember, Calibration, modelStd is null ? null : Descriptors!.NoveltyInEv(modelStd, means));
    }

    /// <summary>Whether the descriptor models can say how unlike the training hops a hop is (kernels with posteriors).</summary>
    public bool HasNovelty => Descriptors?.HasNovelty == true;

    /// <summary>
    /// Novelty of each hop (eV) from the descriptor models <paramref name="models"/> (<see cref="DescriptorEnsemble.Novelty"/>):
    /// a new structure is unseen by every model, so predictions use all of them; the out-of-fold calibration uses only
    /// the models that held the entry out. Null when <see cref="HasNovelty"/> is false.
    /// </summary>
    public double[]? NoveltyStd(IReadOnlyList<HopSample> samples, double[] barriers, IReadOnlyList<int> models) =>
        !HasNovelty || models.Count == 0 ? null : Descriptors!.Novelty(DescriptorRows(samples), barriers, models);

    /// <summary>The rows the descriptor models read (<see cref="HopSample.TreeDescriptors"/>).</summary>
    private static List<double[]> DescriptorRows(IReadOnlyList<HopSample> samples) => samples.Select(s => s.TreeDescriptors).ToList();

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

    public void Dispose() => Gnn.Dispose();
}
