using BarrierNet.Core.Data;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Any predictor turned into an ensemble with a spread: members trained on bootstrap resamples of the training
/// systems (whole groups, so near-duplicate hops of one system are drawn together). Used where a model has no
/// uncertainty of its own, e.g. as the cheap surrogate of the active-learning simulation.
/// </summary>
internal sealed class BootstrapEnsemble : IBarrierPredictor
{
    private readonly IReadOnlyList<IBarrierPredictor> _members;

    private BootstrapEnsemble(IReadOnlyList<IBarrierPredictor> members) => _members = members;

    public string Kind => "bootstrap-ensemble";

    public static BootstrapEnsemble Train(IReadOnlyList<BarrierEntry> train, PredictorFactory factory, int members, int seed)
    {
        if (members < 2) throw new ArgumentException("an ensemble needs at least two members");
        var groups = train.GroupBy(e => e.Group).Select(g => g.ToList()).ToList();
        var list = new List<IBarrierPredictor>();
        for (int m = 0; m < members; m++)
        {
            var rng = new Random(seed * 7919 + m);
            var sample = new List<BarrierEntry>();
            for (int k = 0; k < groups.Count; k++) sample.AddRange(groups[rng.Next(groups.Count)]);
            list.Add(factory(sample, seed * 31 + m));
        }
        return new BootstrapEnsemble(list);
    }

    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
    {
        var all = _members.Select(m => m.Predict(entries).Predictions).ToList();
        var result = new List<BarrierPrediction>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var v = all.Select(p => p[i].Mean).ToArray();
            double mean = v.Average();
            double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
            result.Add(new BarrierPrediction(mean, sd));
        }
        return new PredictionResult(result);
    }
}
