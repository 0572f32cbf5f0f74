using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Regression and good/bad-conductor metrics of predicted barriers. A "good conductor" is a barrier below the threshold
/// (0.65 eV by the reference paper's convention) and is the POSITIVE class for precision, recall and F1. Metrics that
/// are undefined for the data at hand are null rather than NaN (R² with one target or zero target variance; precision
/// when nothing is predicted good; recall when no target is good; F1 when either is undefined, 0 when both are 0).
/// Interval metrics (coverage90, interval_width90) are null unless every prediction carries a 90% interval.
/// JSON field names are an interface other programs read: add fields, never rename them.
/// </summary>
internal sealed record RegressionMetrics
{
    public const double DefaultThreshold = 0.65;

    [JsonPropertyName("n")] public int N { get; init; }
    [JsonPropertyName("mae")] public double Mae { get; init; }
    [JsonPropertyName("rmse")] public double Rmse { get; init; }
    [JsonPropertyName("r2")] public double? R2 { get; init; }
    [JsonPropertyName("accuracy")] public double Accuracy { get; init; }
    [JsonPropertyName("precision")] public double? Precision { get; init; }
    [JsonPropertyName("recall")] public double? Recall { get; init; }
    [JsonPropertyName("f1")] public double? F1 { get; init; }
    [JsonPropertyName("mae_by_ion")] public IReadOnlyDictionary<string, double> MaeByIon { get; init; } = new SortedDictionary<string, double>();
    [JsonPropertyName("coverage90")] public double? Coverage90 { get; init; }
    [JsonPropertyName("interval_width90")] public double? IntervalWidth90 { get; init; }
    /// <summary>
    /// Share of hops whose decided class (<see cref="BarrierPrediction.GoodConductor"/>) contradicts the predicted
    /// barrier's side of the threshold; null (and not written) when no prediction carries a decided class.
    /// </summary>
    [JsonPropertyName("class_disagreement"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? ClassDisagreement { get; init; }
    /// <summary>
    /// When the model decides the class: the accuracy the predicted barrier alone would have had (its side of the
    /// threshold), the baseline the decided class must beat; null (not written) otherwise.
    /// </summary>
    [JsonPropertyName("barrier_accuracy"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? BarrierAccuracy { get; init; }
    /// <summary>MAE, bias, coverage and width per barrier range and per ion (<see cref="ConditionalMetrics"/>).</summary>
    [JsonPropertyName("conditional")] public IReadOnlyList<ConditionalMetrics> Conditional { get; init; } = Array.Empty<ConditionalMetrics>();

    /// <summary>The metric names in the order tables list them (scalar metrics only).</summary>
    public static readonly IReadOnlyList<string> ScalarNames =
        new[] { "n", "mae", "rmse", "r2", "accuracy", "precision", "recall", "f1", "coverage90", "interval_width90", "class_disagreement", "barrier_accuracy" };

    /// <summary>A scalar metric by its JSON name (null when undefined).</summary>
    public double? Get(string name) => name switch
    {
        "n" => N, "mae" => Mae, "rmse" => Rmse, "r2" => R2, "accuracy" => Accuracy, "precision" => Precision,
        "recall" => Recall, "f1" => F1, "coverage90" => Coverage90, "interval_width90" => IntervalWidth90,
        "class_disagreement" => ClassDisagreement, "barrier_accuracy" => BarrierAccuracy,
        _ => throw new ArgumentException($"unknown metric '{name}'"),
    };

    public static RegressionMetrics Compute(IReadOnlyList<double> targets, IReadOnlyList<BarrierPrediction> predictions,
        IReadOnlyList<string>? ions = null, double threshold = DefaultThreshold)
    {
        int n = targets.Count;
        if (n == 0) throw new ArgumentException("no predictions to evaluate");
        if (predictions.Count != n) throw new ArgumentException($"{predictions.Count} predictions for {n} targets");
        if (ions is not null && ions.Count != n) throw new ArgumentException($"{ions.Count} ion labels for {n} targets");
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(targets[i]) || !double.IsFinite(predictions[i].Mean))
                throw new ArgumentException($"target or prediction {i} is not a finite number");

        double absSum = 0, sqSum = 0, mean = targets.Average();
        double ssTot = 0;
        int correct = 0, tp = 0, fp = 0, fn = 0, decided = 0, disagree = 0, barrierCorrect = 0;
        for (int i = 0; i < n; i++)
        {
            double e = predictions[i].Mean - targets[i];
            absSum += Math.Abs(e); sqSum += e * e;
            ssTot += (targets[i] - mean) * (targets[i] - mean);
            // A class decided by the model counts as its answer; otherwise the barrier's side of the threshold does.
            bool barrierGood = predictions[i].Mean < threshold, predGood = predictions[i].GoodConductor ?? barrierGood, truthGood = targets[i] < threshold;
            if (predictions[i].GoodConductor is not null) { decided++; if (predGood != barrierGood) disagree++; }
            if (truthGood == predGood) correct++;
            if (truthGood == barrierGood) barrierCorrect++;
            if (predGood && truthGood) tp++;
            else if (predGood) fp++;
            else if (truthGood) fn++;
        }
        double? precision = tp + fp > 0 ? tp / (double)(tp + fp) : null;
        double? recall = tp + fn > 0 ? tp / (double)(tp + fn) : null;
        double? f1 = precision is double p && recall is double r ? (p + r > 0 ? 2 * p * r / (p + r) : 0) : null;

        var byIon = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (ions is not null)
            foreach (var g in Enumerable.Range(0, n).GroupBy(i => ions[i]))
                byIon[g.Key] = g.Average(i => Math.Abs(predictions[i].Mean - targets[i]));

        double? coverage = null, width = null;
        if (predictions.All(p => p.Interval90 is not null))
        {
            int inside = 0; double w = 0;
            for (int i = 0; i < n; i++)
            {
                var (lo, hi) = predictions[i].Interval90!.Value;
                if (targets[i] >= lo && targets[i] <= hi) inside++;
                w += hi - lo;
            }
            coverage = inside / (double)n; width = w / n;
        }

        return new RegressionMetrics
        {
            N = n,
            Mae = absSum / n,
            Rmse = Math.Sqrt(sqSum / n),
            R2 = n > 1 && ssTot > 0 ? 1 - sqSum / ssTot : null,
            Accuracy = correct / (double)n,
            Precision = precision,
            Recall = recall,
            F1 = f1,
            MaeByIon = byIon,
            Coverage90 = coverage,
            IntervalWidth90 = width,
            ClassDisagreement = decided > 0 ? disagree / (double)n : null,
            BarrierAccuracy = decided > 0 ? barrierCorrect / (double)n : null,
            Conditional = ConditionalMetrics.Compute(targets, predictions, ions),
        };
    }
}
