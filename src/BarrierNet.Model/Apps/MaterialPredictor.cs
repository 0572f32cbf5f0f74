using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Apps;

/// <summary>
/// From a crystal structure to barriers: finds the distinct hops, builds each hop's band exactly like the training
/// data, asks the barrier model for all bands of a batch of materials at once, and works out percolation.
/// Featurisation (symmetry, hops, bands) runs in parallel; the model sees one batched call.
/// </summary>
public sealed class MaterialPredictor
{
    private readonly IBarrierPredictor _model;
    private readonly HopOptions _hops;
    private readonly BandBuilder.Options _bands;
    private readonly int _jobs;

    /// <summary>A predictor for whole structures.</summary>
    /// <param name="model">The barrier model, e.g. from <see cref="BarrierModelLoader.Load"/>.</param>
    /// <param name="hops">Ion, longest hop (Å), symmetry tolerance (Å) and disorder policy.</param>
    /// <param name="threshold">Good/bad threshold on the barrier, eV.</param>
    /// <param name="bands">Band supercell settings; null for those of the training data.</param>
    /// <param name="jobs">Structures featurised in parallel; 0 for one per processor.</param>
    public MaterialPredictor(IBarrierPredictor model, HopOptions hops, double threshold = BarrierClass.DefaultThreshold,
        BandBuilder.Options? bands = null, int jobs = 0)
    {
        _model = model;
        _hops = hops;
        _bands = bands ?? new BandBuilder.Options();
        Threshold = threshold;
        _jobs = jobs > 0 ? jobs : Environment.ProcessorCount;
    }

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
        var analysis = HopAnalysis.Analyze(structure, _hops);
        if (analysis.Hops.Count == 0)
            throw new HopException($"no {analysis.Ion}–{analysis.Ion} hop within {_hops.MaxHop:0.##} Å; raise --max-hop");
        var entries = new List<BarrierEntry>(analysis.Hops.Count);
        foreach (var hop in analysis.Hops)
        {
            var band = BandBuilder.Build(analysis.Framework, hop, _bands).WithName($"{name}_hop{hop.Index + 1}");
            var (ini, fin) = BarrierEntry.EndpointsFromBand(band);
            entries.Add(new BarrierEntry(band.Name!, null, band.ReducedFormula, null, band, ini, fin));
        }
        return (analysis, entries);
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
    public IReadOnlyList<(MaterialReport? Report, string? Error)> PredictMany(IReadOnlyList<(Structure Structure, string Name)> items)
    {
        var prepared = new (HopAnalysis Analysis, IReadOnlyList<BarrierEntry> Entries)?[items.Count];
        var errors = new string?[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = _jobs }, i =>
        {
            try { prepared[i] = Prepare(items[i].Structure, items[i].Name); }
            catch (Exception e) when (e is HopException or ArgumentException or InvalidOperationException) { errors[i] = e.Message; }
        });

        var all = prepared.Where(p => p is not null).SelectMany(p => p!.Value.Entries).ToList();
        var predictions = all.Count == 0 ? Array.Empty<BarrierPrediction>() : _model.Predict(all).Predictions;
        var results = new (MaterialReport?, string?)[items.Count];
        int next = 0;
        for (int i = 0; i < items.Count; i++)
        {
            if (prepared[i] is not { } p) { results[i] = (null, errors[i]); continue; }
            int start = next;
            next += p.Analysis.Hops.Count;
            var hops = new List<HopPrediction>();
            for (int h = 0; h < p.Analysis.Hops.Count; h++)
            {
                var pred = predictions[start + h];
                if (!double.IsFinite(pred.Mean)) { errors[i] = "the model returned a non-finite barrier"; break; }
                hops.Add(new HopPrediction(p.Analysis.Hops[h], pred, BarrierClass.Of(pred.Mean, Threshold)));
            }
            if (errors[i] is not null) { results[i] = (null, errors[i]); continue; }
            var edges = HopNetwork.Edges(p.Analysis, hops.Select(x => x.Prediction.Mean).ToList(), _hops.SymmetryTolerance);
            var percolation = Percolation.Analyze(p.Analysis.IonSites.Count, edges);
            var sorted = hops.OrderBy(x => x.Prediction.Mean).ToList();
            results[i] = (new MaterialReport(items[i].Name, items[i].Structure.ReducedFormula, p.Analysis, sorted, percolation, Threshold), null);
        }
        return results;
    }
}
