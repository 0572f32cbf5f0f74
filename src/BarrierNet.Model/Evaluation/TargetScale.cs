namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The scales a descriptor model (or a head, <see cref="BarrierNet.Model.Heads.HeadOptions.Target"/>) can fit barriers on:
/// "none" (eV), "log1p" (log(1 + Em), which keeps the few 3–9 eV barriers from dominating a target whose median is
/// 0.6 eV) or "sqrt" (√Em, which spreads the many barriers below 1 eV less unevenly than the logarithm and still tames
/// the tail). Barriers below 0 are clipped to 0 on the log1p and sqrt scales.
/// </summary>
internal static class TargetScale
{
    public static readonly IReadOnlyList<string> Names = new[] { "none", "log1p", "sqrt" };

    public static double ToFitted(string scale, double barrier) => scale switch
    {
        "log1p" => Math.Log(1 + Math.Max(barrier, 0)),
        "sqrt" => Math.Sqrt(Math.Max(barrier, 0)),
        _ => barrier,
    };

    public static double ToBarrier(string scale, double fitted) => scale switch
    {
        "log1p" => Math.Exp(fitted) - 1,
        "sqrt" => Math.Max(fitted, 0) * Math.Max(fitted, 0),
        _ => fitted,
    };

    /// <summary>
    /// A standard deviation on the fitted scale in eV at <paramref name="barrier"/>, by the slope of the inverse
    /// (2√Em for √Em, 1 + Em for log(1 + Em)). The upper half-width (√Em + s)² − Em was tried for √Em and only widened
    /// the calibrated intervals (docs/experiments/heads.md).
    /// </summary>
    public static double StdToBarrier(string scale, double fittedStd, double barrier) => scale switch
    {
        "log1p" => fittedStd * (1 + Math.Max(barrier, 0)),
        "sqrt" => 2 * fittedStd * Math.Sqrt(Math.Max(barrier, 0)),
        _ => fittedStd,
    };
}
