using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Training;

/// <summary>The metrics of cv-metrics.json and fewshot-report.json: <see cref="RegressionMetrics"/> of predictions on some entries.</summary>
internal static class OutOfFoldMetrics
{
    /// <summary>
    /// Metrics of predictions <paramref name="pred"/> on the entries <paramref name="idx"/>, with the interval as predict and
    /// evaluate report it (<see cref="IntervalCalibration.Predict"/>: it stops at 0 eV) when <paramref name="cal"/> is given.
    /// </summary>
    public static JsonNode Of(IReadOnlyList<BarrierEntry> entries, int[] idx, double[] pred, double[] spread, IntervalCalibration? cal)
    {
        var preds = idx.Select(i => cal is null ? new BarrierPrediction(pred[i]) : cal.Predict(pred[i], spread[i])).ToList();
        var m = RegressionMetrics.Compute(idx.Select(i => entries[i].Target!.Value).ToList(), preds, idx.Select(i => entries[i].Ion).ToList());
        return JsonSerializer.SerializeToNode(m, ModelJson.Indented)!;
    }

    /// <summary>Point metrics only (no interval).</summary>
    public static JsonNode Of(IReadOnlyList<BarrierEntry> entries, int[] idx, double[] pred) => Of(entries, idx, pred, new double[entries.Count], null);
}
