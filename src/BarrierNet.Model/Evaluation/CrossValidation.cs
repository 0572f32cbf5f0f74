using BarrierNet.Core.Data;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Grouped k-fold cross-validation of one predictor factory with one seed: the seed fixes both the fold assignment
/// (<see cref="GroupedFolds"/>) and the model's own randomness. Returns each fold's metrics and the out-of-fold
/// prediction of every entry (each entry predicted once, by the model that did not see it).
/// </summary>
internal static class CrossValidation
{
    public sealed record Result(int Seed, IReadOnlyList<RegressionMetrics> Folds, IReadOnlyList<BarrierPrediction> OutOfFold,
        RegressionMetrics Pooled);

    /// <param name="onFold">Called after each fold with its index and metrics: progress for runs that take hours.</param>
    public static Result Run(IReadOnlyList<BarrierEntry> entries, PredictorFactory factory, int folds, int seed,
        double threshold = RegressionMetrics.DefaultThreshold, GroupedFolds.Grouping grouping = GroupedFolds.Grouping.SystemAndFamily,
        Action<int, RegressionMetrics>? onFold = null)
    {
        if (entries.Any(e => e.Target is null)) throw new ArgumentException("cross-validation needs a target barrier for every entry");
        var oof = new BarrierPrediction?[entries.Count];
        var foldMetrics = new List<RegressionMetrics>();
        foreach (var (train, test) in GroupedFolds.Splits(entries, folds, seed, grouping))
        {
            var (pred, metrics) = Fold(entries, train.Select(i => entries[i]).ToList(), test, factory, seed, threshold);
            for (int j = 0; j < test.Length; j++) oof[test[j]] = pred[j];
            foldMetrics.Add(metrics);
            onFold?.Invoke(foldMetrics.Count - 1, metrics);
        }
        var all = oof.Select(p => p!).ToList();
        var pooled = RegressionMetrics.Compute(entries.Select(e => e.Target!.Value).ToList(), all, entries.Select(e => e.Ion).ToList(), threshold);
        return new Result(seed, foldMetrics, all, pooled);
    }

    /// <summary>One fold: a model trained on <paramref name="train"/> predicts the entries at <paramref name="test"/>, which are scored.</summary>
    internal static (IReadOnlyList<BarrierPrediction> Predictions, RegressionMetrics Metrics) Fold(IReadOnlyList<BarrierEntry> entries,
        IReadOnlyList<BarrierEntry> train, int[] test, PredictorFactory factory, int seed, double threshold)
    {
        var testEntries = test.Select(i => entries[i]).ToList();
        var pred = factory(train, seed).Predict(testEntries).Predictions;
        return (pred, RegressionMetrics.Compute(testEntries.Select(e => e.Target!.Value).ToList(), pred, testEntries.Select(e => e.Ion).ToList(), threshold));
    }
}
