namespace BarrierNet.Model.Evaluation;

/// <summary>
/// One predicted barrier (eV): the mean, and optionally an uncertainty (one standard deviation, e.g. an ensemble's
/// calibrated spread) and/or an explicit 90% interval. When only the standard deviation is given, the 90% interval is
/// the Gaussian one, mean ± 1.645 σ.
/// </summary>
/// <param name="Mean">Predicted barrier, eV.</param>
/// <param name="Uncertainty">One standard deviation, eV, or null.</param>
/// <param name="Lower90">Lower end of the 90% interval, eV, or null.</param>
/// <param name="Upper90">Upper end of the 90% interval, eV, or null.</param>
public sealed record BarrierPrediction(double Mean, double? Uncertainty = null, double? Lower90 = null, double? Upper90 = null)
{
    /// <summary>The standard normal quantile of 0.95: a Gaussian 90% interval is mean ± Z90·σ.</summary>
    public const double Z90 = 1.6448536269514722;

    /// <summary>
    /// Whether the hop's host matches a host the model was trained on (its interval is then calibrated on hops with a
    /// training sibling); null when the model keeps no list of its training hosts.
    /// </summary>
    public bool? Familiar { get; init; }

    /// <summary>
    /// The good/bad class when a model decides it apart from the barrier (Em below the threshold = true); null when the
    /// class is read off <see cref="Mean"/>, as for every shipped model.
    /// </summary>
    public bool? GoodConductor { get; init; }

    /// <summary>The 90% interval, or null when the predictor reports no uncertainty.</summary>
    public (double Lower, double Upper)? Interval90 =>
        Lower90 is double lo && Upper90 is double hi ? (lo, hi)
        : Uncertainty is double s ? (Mean - Z90 * s, Mean + Z90 * s)
        : null;
}

/// <summary>Predictions for a list of entries, in the same order.</summary>
/// <param name="Predictions">One per entry.</param>
public sealed record PredictionResult(IReadOnlyList<BarrierPrediction> Predictions)
{
    /// <summary>Predictions without uncertainty.</summary>
    /// <param name="means">Barriers, eV, in entry order.</param>
    /// <returns>One <see cref="BarrierPrediction"/> per mean.</returns>
    public static PredictionResult FromMeans(IEnumerable<double> means) =>
        new(means.Select(m => new BarrierPrediction(m)).ToList());
}
