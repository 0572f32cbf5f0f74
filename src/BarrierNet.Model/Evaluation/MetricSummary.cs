using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>Mean and sample standard deviation of one metric over several evaluations (null when never defined).</summary>
internal sealed record MeanStd([property: JsonPropertyName("mean")] double Mean, [property: JsonPropertyName("std")] double Std,
    [property: JsonPropertyName("count")] int Count)
{
    public static MeanStd? Of(IEnumerable<double?> values)
    {
        var v = values.Where(x => x is not null).Select(x => x!.Value).ToList();
        if (v.Count == 0) return null;
        double m = v.Average();
        double s = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1)) : 0;
        return new MeanStd(m, s, v.Count);
    }

    public string Format(string fmt = "F3") => $"{Mean.ToString(fmt, System.Globalization.CultureInfo.InvariantCulture)} ± {Std.ToString(fmt, System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Every metric of <see cref="RegressionMetrics"/> summarised as mean ± std over a set of evaluations, under the
/// same JSON names (mae_by_ion becomes a map of ion → mean ± std).
/// </summary>
internal sealed record MetricsSummary
{
    [JsonPropertyName("n")] public MeanStd? N { get; init; }
    [JsonPropertyName("mae")] public MeanStd? Mae { get; init; }
    [JsonPropertyName("rmse")] public MeanStd? Rmse { get; init; }
    [JsonPropertyName("r2")] public MeanStd? R2 { get; init; }
    [JsonPropertyName("accuracy")] public MeanStd? Accuracy { get; init; }
    [JsonPropertyName("precision")] public MeanStd? Precision { get; init; }
    [JsonPropertyName("recall")] public MeanStd? Recall { get; init; }
    [JsonPropertyName("f1")] public MeanStd? F1 { get; init; }
    [JsonPropertyName("mae_by_ion")] public SortedDictionary<string, MeanStd> MaeByIon { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("coverage90")] public MeanStd? Coverage90 { get; init; }
    [JsonPropertyName("interval_width90")] public MeanStd? IntervalWidth90 { get; init; }
    /// <summary>Share of hops whose decided class contradicts the predicted barrier (<see cref="RegressionMetrics.ClassDisagreement"/>).</summary>
    [JsonPropertyName("class_disagreement"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MeanStd? ClassDisagreement { get; init; }
    /// <summary>The accuracy of the predicted barrier's side of the threshold, when the class is decided apart (<see cref="RegressionMetrics.BarrierAccuracy"/>).</summary>
    [JsonPropertyName("barrier_accuracy"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MeanStd? BarrierAccuracy { get; init; }

    public MeanStd? Get(string name) => name switch
    {
        "n" => N, "mae" => Mae, "rmse" => Rmse, "r2" => R2, "accuracy" => Accuracy, "precision" => Precision,
        "recall" => Recall, "f1" => F1, "coverage90" => Coverage90, "interval_width90" => IntervalWidth90,
        "class_disagreement" => ClassDisagreement, "barrier_accuracy" => BarrierAccuracy,
        _ => throw new ArgumentException($"unknown metric '{name}'"),
    };

    public static MetricsSummary Of(IReadOnlyList<RegressionMetrics> runs)
    {
        var byIon = new SortedDictionary<string, MeanStd>(StringComparer.Ordinal);
        foreach (var ion in runs.SelectMany(r => r.MaeByIon.Keys).Distinct())
            byIon[ion] = MeanStd.Of(runs.Select(r => r.MaeByIon.TryGetValue(ion, out var v) ? v : (double?)null))!;
        return new MetricsSummary
        {
            N = MeanStd.Of(runs.Select(r => (double?)r.N)),
            Mae = MeanStd.Of(runs.Select(r => (double?)r.Mae)),
            Rmse = MeanStd.Of(runs.Select(r => (double?)r.Rmse)),
            R2 = MeanStd.Of(runs.Select(r => r.R2)),
            Accuracy = MeanStd.Of(runs.Select(r => (double?)r.Accuracy)),
            Precision = MeanStd.Of(runs.Select(r => r.Precision)),
            Recall = MeanStd.Of(runs.Select(r => r.Recall)),
            F1 = MeanStd.Of(runs.Select(r => r.F1)),
            MaeByIon = byIon,
            Coverage90 = MeanStd.Of(runs.Select(r => r.Coverage90)),
            IntervalWidth90 = MeanStd.Of(runs.Select(r => r.IntervalWidth90)),
            ClassDisagreement = MeanStd.Of(runs.Select(r => r.ClassDisagreement)),
            BarrierAccuracy = MeanStd.Of(runs.Select(r => r.BarrierAccuracy)),
        };
    }
}
