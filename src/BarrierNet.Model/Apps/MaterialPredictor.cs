using System.Diagnostics;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;

namespace BarrierNet.Model.Apps;

/// <summary>
/// From a crystal structure to barriers: finds the distinct hops, builds each hop's band exactly like the training
/// data, asks the barrier model for all bands of a batch of materials at once, and works out percolation.
/// Featurisation (symmetry, hops, bands) runs in parallel; the model sees one batched call. A disordered structure's
/// hops are each scored on several orderings (<see cref="DisorderSampling"/>): the barrier is their mean and their
/// spread widens the interval.
/// </summary>
public sealed class MaterialPredictor
{
    private readonly IBarrierPredictor _model;
    private readonly HopOptions _hops;
    private readonly BandBuilder.Options _bands;
    private readonly int _jobs;
    private readonly DisorderSampling _orderings;
    private readonly BvseOptions? _landscape;

    /// <param name="landscapeResolution">Grid spacing (Å) of the bond-valence landscape whose percolation barriers
    /// each report carries; 0 leaves the landscape out.</param>
    public MaterialPredictor(IBarrierPredictor model, HopOptions hops, double threshold = BarrierClass.DefaultThreshold,
        BandBuilder.Options? bands = null, int jobs = 0, double landscapeResolution = BvseOptions.DefaultResolution, DisorderSampling? orderings = null)
    {
        _landscape = landscapeResolution > 0 ? new BvseOptions(landscapeResolution) : null;
        _orderings = orderings ?? new DisorderSampling();
        if (_orderings.Count < 1) throw new ArgumentException("--orderings must be at least 1");
        _model = model;
        _hops = hops;
        _bands = bands ?? new BandBuilder.Options();
        Threshold = threshold;
        _jobs = jobs > 0 ? jobs : Environment.ProcessorCount;
        if (model is HeadEnsemble head) head.Timings = Timings;
    }

    /// <summary>Time spent so far in each stage of scoring (summed over the featurisation workers).</summary>
    public StageTimes Timings { get; } = new();

    /// <summary>Good/bad threshold on the barrier, eV: good below it.</summary>
    public double Threshold { get; }

    /// <summary>The barrier model that scores the bands.</summary>
    public IBarrierPredictor Model => _model;

    /// <summary>The hops of a structure and their bands as model entries, without calling the model.</summary>
    /// <param name="structure">The structure, ordered or not.</param>
    /// <param name="name">Prefix of the bands' names (<c>name_hop1</c>, …).</param>
    /// <returns>The hop analysis and one band entry per distinct hop, in the order of <see cref="HopAnalysis.Hops"/>.</returns>
    /// <exception cref="HopException">No hop within the longest hop length, or the ion cannot be chosen.</exception>
    public (HopAnalysis Analysis, IReadOnlyList<BarrierEntry> Entries) Prepare(Structure structure, string name)
    {
        var options = _hops.Progress is { } report ? _hops with { Progress = line => report($"{name}: {line}") } : _hops;
        var analysis = HopAnalysis.Analyze(structure, options);
        if (IonicHost.Refusal(analysis.Framework) is string reason) throw new HopException(reason);
        if (analysis.Hops.Count == 0)
            throw new HopException($"no {analysis.Ion}–{analysis.Ion} hop within {_hops.MaxHop:0.##} Å; raise --max-hop");
        var entries = new List<BarrierEntry>(analysis.Hops.Count);
        foreach (var hop in analysis.Hops)
        {
            entries.Add(BandEntry(analysis.Band(hop, _bands).WithName($"{name}_hop{hop.Index + 1}")));
        }
        return (analysis, entries);
    }

    /// <summary>A named band as a model entry (no barrier).</summary>
    public static BarrierEntry BandEntry(Band band) => BarrierEntry.OfBand(band.Name!, null, band.ToStructure().ReducedFormula, null, band);

    /// <summary>
    /// The bands of every hop, on each ordering when the structure is disordered (hop-major: hop h, ordering k at
    /// h·orderings + k), and the number of orderings per hop.
    /// </summary>
    private (HopAnalysis Analysis, IReadOnlyList<BarrierEntry> Entries, int Orderings) PrepareOrderings(Structure structure, string name)
    {
        var (analysis, single) = Prepare(structure, name);
        if (_orderings.Count == 1 || !analysis.Framework.IsDisordered) return (analysis, single, 1);
        var entries = new List<BarrierEntry>(analysis.Hops.Count * _orderings.Count);
        foreach (var hop in analysis.Hops)
            for (int k = 0; k < _orderings.Count; k++)
            {
                var options = _bands with { OrderingSeed = _orderings.Seed + k };
                entries.Add(BandEntry(BandBuilder.Build(analysis.Framework, hop, options).WithName($"{name}_hop{hop.Index + 1}_ordering{k + 1}")));
            }
        return (analysis, entries, _orderings.Count);
    }

    /// <summary>Predicts the barriers of every distinct hop of one structure.</summary>
    /// <param name="structure">The structure, ordered or not.</param>
    /// <param name="name">Name used in the report and in the bands' names.</param>
    /// <returns>The hops with barriers (eV), the percolation barriers and the material's class.</returns>
    /// <exception cref="HopException">The structure has no hops the model can score; the message says why.</exception>
    public MaterialReport Predict(Structure structure, string name)
    {
        var (report, error) = PredictMany(new[] { (structure, name) })[0];
        return report ?? throw new HopException(error ?? "no prediction");
    }

    /// <summary>
    /// Scores a batch of materials. Each result carries either a report or the reason that material failed, so one
    /// bad structure never costs the others their results.
    /// </summary>
    /// <param name="items">Structures with the names their reports carry.</param>
    /// <returns>Per item, in order: the report (barriers in eV), or null and a one-line reason.</returns>
    public IReadOnlyList<(MaterialReport? Report, string? Error)> PredictMany(IReadOnlyList<(Structure Structure, string Name)> items) =>
        Score(Featurise(items));

    /// <summary>A batch with its hops, bands and landscapes worked out, ready for the model (<see cref="Score"/>).</summary>
    internal sealed class FeaturisedBatch(IReadOnlyList<(Structure Structure, string Name)> items)
    {
        public IReadOnlyList<(Structure Structure, string Name)> Items { get; } = items;
        public (HopAnalysis Analysis, IReadOnlyList<BarrierEntry> Entries, int Orderings)?[] Prepared { get; } = new (HopAnalysis, IReadOnlyList<BarrierEntry>, int)?[items.Count];
        public string?[] Errors { get; } = new string?[items.Count];
        public BvsePercolation[] Landscapes { get; } = new BvsePercolation[items.Count];
        /// <summary>Per material, the graphs of its bands when the model is a graph network (built with the hops, on the workers).</summary>
        public HopSample[]?[] Samples { get; } = new HopSample[]?[items.Count];
    }

    /// <summary>The first half of <see cref="PredictMany"/>: symmetry, hops, bands and landscape of every material, on the featurisation workers.</summary>
    internal FeaturisedBatch Featurise(IReadOnlyList<(Structure Structure, string Name)> items)
    {
        var batch = new FeaturisedBatch(items);
        var (prepared, errors, landscapes) = (batch.Prepared, batch.Errors, batch.Landscapes);
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = _jobs }, i =>
        {
            try
            {
                long start = Stopwatch.GetTimestamp();
                prepared[i] = PrepareOrderings(items[i].Structure, items[i].Name);
                Timings.AddSince(ScoringStage.Hops, start);
                start = Stopwatch.GetTimestamp();
                landscapes[i] = _landscape is null ? BvsePercolation.NotComputed
                    : BvsePercolation.Of(prepared[i]!.Value.Analysis, items[i].Structure, _landscape);
                Timings.AddSince(ScoringStage.Landscape, start);
                if (_model is HeadEnsemble head)
                {
                    start = Stopwatch.GetTimestamp();
                    batch.Samples[i] = head.Samples(prepared[i]!.Value.Entries, threads: 1);
                    Timings.AddSince(ScoringStage.Graphs, start);
                }
            }
            catch (Exception e) when (e is HopException or ArgumentException or InvalidOperationException)
            {
                prepared[i] = null;
                errors[i] = e.Message;
            }
        });
        return batch;
    }

    /// <summary>The second half of <see cref="PredictMany"/>: one model call for all bands of the batch, then each material's percolation and report.</summary>
    internal IReadOnlyList<(MaterialReport? Report, string? Error)> Score(FeaturisedBatch batch)
    {
        var (items, prepared, errors, landscapes) = (batch.Items, batch.Prepared, batch.Errors, batch.Landscapes);
        long modelStart = Stopwatch.GetTimestamp();
        var predictions = PredictBatch(prepared, batch.Samples, errors);
        if (_model is not HeadEnsemble) Timings.AddSince(_model is DescriptorBaseline ? ScoringStage.DescriptorModels : ScoringStage.Network, modelStart);
        long percolationStart = Stopwatch.GetTimestamp();
        var results = new (MaterialReport?, string?)[items.Count];
        int next = 0;
        for (int i = 0; i < items.Count; i++)
        {
            if (prepared[i] is not { } p) { results[i] = (null, errors[i]); continue; }
            int start = next;
            next += p.Entries.Count;
            var hops = new List<HopPrediction>();
            for (int h = 0; h < p.Analysis.Hops.Count; h++)
            {
                var orderings = Enumerable.Range(start + h * p.Orderings, p.Orderings).Select(k => predictions[k]).ToList();
                if (orderings.Any(o => !double.IsFinite(o.Mean))) { errors[i] = "the model returned a non-finite barrier"; break; }
                var hop = p.Analysis.ReportedHops[h];
                bool blocked = PathClearance.IsBlocked(hop.Bottleneck);
                if (p.Orderings == 1) { hops.Add(new HopPrediction(hop, orderings[0], BarrierClass.Of(orderings[0], Threshold, blocked))); continue; }
                var (pred, spread) = OrderingSpread.Combine(orderings);
                hops.Add(new HopPrediction(hop, pred, BarrierClass.Of(pred, Threshold, blocked), spread));
            }
            if (errors[i] is not null) { results[i] = (null, errors[i]); continue; }
            // A hop whose straight path runs through a host atom has no barrier of a real path: it does not carry the network.
            var passable = hops.Select(x => x.PathBlocked ? double.PositiveInfinity : x.Prediction.Mean).ToList();
            var edges = HopNetwork.Edges(p.Analysis, passable, _hops.SymmetryTolerance);
            var percolation = Percolation.Analyze(p.Analysis.IonSites.Count, edges); // in the working cell, like the edges
            var sorted = hops.OrderBy(x => x.Prediction.Mean).ToList();
            results[i] = (new MaterialReport(items[i].Name, items[i].Structure.ReducedFormula, p.Analysis, sorted, percolation, Threshold)
                { SymmetryTolerance = _hops.SymmetryTolerance, Bvse = landscapes[i] }, null);
        }
        Timings.AddSince(ScoringStage.Percolation, percolationStart);
        return results;
    }

    /// <summary>
    /// All prepared bands in one model call; if that call fails, material by material, so the failure is charged to
    /// the material that caused it (its prepared entry is dropped and its error set) and the others keep their results.
    /// </summary>
    private IReadOnlyList<BarrierPrediction> PredictBatch((HopAnalysis Analysis, IReadOnlyList<BarrierEntry> Entries, int Orderings)?[] prepared,
        HopSample[]?[] samples, string?[] errors)
    {
        var ready = Enumerable.Range(0, prepared.Length).Where(i => prepared[i] is not null).ToList();
        var all = ready.SelectMany(i => prepared[i]!.Value.Entries).ToList();
        if (all.Count == 0) return Array.Empty<BarrierPrediction>();
        InferenceThreads.Apply();
        try { return Predict(all, ready.Select(i => samples[i]).ToList()); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or AggregateException) { }
        var predictions = new List<BarrierPrediction>();
        foreach (int i in ready)
        {
            try { predictions.AddRange(Predict(prepared[i]!.Value.Entries, new[] { samples[i] })); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or AggregateException)
            {
                prepared[i] = null;
                errors[i] = OneLine(e);
            }
        }
        return predictions;
    }

    /// <summary>The model's predictions for <paramref name="entries"/>; a graph network reads the samples built with them (<paramref name="samples"/>, one array per material, in order) when every material has them.</summary>
    private IReadOnlyList<BarrierPrediction> Predict(IReadOnlyList<BarrierEntry> entries, IReadOnlyList<HopSample[]?> samples) =>
        _model is HeadEnsemble head && samples.All(s => s is not null)
            ? head.Predict(entries, samples.SelectMany(s => s!).ToList()).Predictions
            : _model.Predict(entries).Predictions;

    private static string OneLine(Exception e)
    {
        while (e is AggregateException { InnerException: { } inner }) e = inner;
        return e.Message.Split('\n')[0];
    }
}
