using System.Globalization;
using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Error and interval quality within parts of a data set: per range of the DFT barrier (below 0.65 eV, 0.65–1.5 eV, at
/// or above 1.5 eV), per ion and, when the predictions say it, for familiar and novel hops (host in training or
/// not, <see cref="BarrierPrediction.Familiar"/>). A pooled 90% coverage can hide intervals that are too wide for good conductors and
/// too narrow for the high barriers a model under-predicts; this table shows it.
/// </summary>
internal sealed record ConditionalMetrics(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("mae")] double Mae,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("coverage90")] double? Coverage90,
    [property: JsonPropertyName("interval_width90")] double? IntervalWidth90)
{
    /// <summary>Upper edges (eV) of the barrier ranges of the table; the last range is open.</summary>
    public static readonly IReadOnlyList<double> RangeEdges = new[] { 0.65, 1.5 };

    /// <summary>The group of the familiar and novel rows.</summary>
    public const string FamiliarityGroup = "familiarity";

    /// <summary>Groups smaller than this are listed but too small to judge a 90% coverage on.</summary>
    public const int MinJudged = 30;

    public static string RangeName(double target)
    {
        var c = CultureInfo.InvariantCulture;
        if (target < RangeEdges[0]) return string.Create(c, $"< {RangeEdges[0]}");
        for (int b = 1; b < RangeEdges.Count; b++)
            if (target < RangeEdges[b]) return string.Create(c, $"{RangeEdges[b - 1]}–{RangeEdges[b]}");
        return string.Create(c, $"≥ {RangeEdges[^1]}");
    }

    /// <summary>
    /// One row per barrier range (by target, in increasing order) and, with <paramref name="ions"/>, one per ion (most
    /// hops first) and, when every prediction says whether its host was in training, one for familiar and one for novel
    /// hops. Bias is mean(prediction − target): negative means under-predicted.
    /// </summary>
    public static IReadOnlyList<ConditionalMetrics> Compute(IReadOnlyList<double> targets, IReadOnlyList<BarrierPrediction> predictions,
        IReadOnlyList<string>? ions = null)
    {
        var rows = Enumerable.Range(0, targets.Count).GroupBy(i => RangeOf(targets[i])).OrderBy(g => g.Key)
            .Select(g => Row("range", RangeName(targets[g.First()]), g.ToList(), targets, predictions)).ToList();
        if (ions is not null)
            rows.AddRange(Enumerable.Range(0, targets.Count).GroupBy(i => ions[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Row("ion", g.Key, g.ToList(), targets, predictions)));
        if (predictions.Count > 0 && predictions.All(p => p.Familiar is not null))
            rows.AddRange(Enumerable.Range(0, targets.Count).GroupBy(i => predictions[i].Familiar!.Value).OrderByDescending(g => g.Key)
                .Select(g => Row(FamiliarityGroup, g.Key ? "familiar" : "novel", g.ToList(), targets, predictions)));
        return rows;
    }

    private static int RangeOf(double target)
    {
        int b = 0;
        while (b < RangeEdges.Count && target >= RangeEdges[b]) b++;
        return b;
    }

    private static ConditionalMetrics Row(string group, string key, List<int> idx, IReadOnlyList<double> t, IReadOnlyList<BarrierPrediction> p)
    {
        double? coverage = null, width = null;
        if (idx.All(i => p[i].Interval90 is not null))
        {
            coverage = idx.Count(i => t[i] >= p[i].Interval90!.Value.Lower && t[i] <= p[i].Interval90!.Value.Upper) / (double)idx.Count;
            width = idx.Average(i => p[i].Interval90!.Value.Upper - p[i].Interval90!.Value.Lower);
        }
        return new ConditionalMetrics(group, key, idx.Count, idx.Average(i => Math.Abs(p[i].Mean - t[i])), idx.Average(i => p[i].Mean - t[i]),
            coverage, width);
    }
}
