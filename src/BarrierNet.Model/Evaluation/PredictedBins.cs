using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// How the predicted barrier is cut into the bins that get their own lower and upper interval scales
/// (<see cref="ConditionalCalibration"/>). Within one wide bin the hops predicted near its lower edge are the ones
/// whose barrier turns out lower, and those near its upper edge the ones under-predicted: one pair of scales per bin
/// must reach both tails and over-covers the hops in the middle. Narrower bins with equal numbers of residuals
/// (Mondrian bins) follow the tails more closely while each still has enough residuals for a 95% quantile.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PredictedBins>))]
internal enum PredictedBins
{
    /// <summary>The class threshold and the tail edge: below 0.65 eV, 0.65–1.5 eV, 1.5 eV and above.</summary>
    [JsonStringEnumMemberName("thresholds")] Thresholds,
    /// <summary>Five bins holding a fifth of the calibration residuals each: edges at the quintiles of their predictions.</summary>
    [JsonStringEnumMemberName("quintiles")] Quintiles,
}

/// <summary>The bin edges of each <see cref="PredictedBins"/> choice, and its command-line name.</summary>
internal static class PredictedBinEdges
{
    /// <summary>The edges of <see cref="PredictedBins.Thresholds"/> (eV).</summary>
    public static readonly IReadOnlyList<double> Thresholds = new[] { 0.65, 1.5 };

    /// <summary>Number of equal-count bins of <see cref="PredictedBins.Quintiles"/>.</summary>
    public const int QuantileBins = 5;

    /// <summary>
    /// Upper edges (eV, increasing; the last bin is open) of the bins for residuals with these predictions. Quantile
    /// edges are rounded to 1 meV, far below any interval width, so that model.json reads plainly; ties collapse.
    /// </summary>
    public static IReadOnlyList<double> Of(PredictedBins bins, IEnumerable<double> predictions)
    {
        if (bins == PredictedBins.Thresholds) return Thresholds;
        var sorted = predictions.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("quantile bins need predictions");
        return Enumerable.Range(1, QuantileBins - 1).Select(j => Math.Round(Quantile(sorted, (double)j / QuantileBins), 3))
            .Distinct().ToArray();
    }

    /// <summary>The linearly interpolated quantile of sorted values (the common definition, R's type 7).</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int k = (int)Math.Floor(h);
        return k + 1 < sorted.Length ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
    }

    public static PredictedBins Parse(string s) => s switch
    {
        "thresholds" => PredictedBins.Thresholds,
        "quintiles" => PredictedBins.Quintiles,
        _ => throw new ArgumentException($"bins must be 'thresholds' or 'quintiles', not '{s}'"),
    };

    /// <summary>The command-line and model.json name (the inverse of <see cref="Parse"/>).</summary>
    public static string Name(PredictedBins b) => b == PredictedBins.Thresholds ? "thresholds" : "quintiles";
}
