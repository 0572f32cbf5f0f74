namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The scales a descriptor model can fit barriers on: "none" (eV), "log1p" (<see cref="Log1pBarrier"/>) or "sqrt"
/// (√Em, which spreads the many barriers below 1 eV less unevenly than the logarithm and still tames the 3–9 eV tail).
/// </summary>
public static class TargetScale
{
    public static readonly IReadOnlyList<string> Names = new[] { "none", "log1p", "sqrt" };

    public static double ToFitted(string scale, double barrier) => scale switch
    {
        "log1p" => Log1pBarrier.ToFitted(barrier),
        "sqrt" => Math.Sqrt(Math.Max(barrier, 0)),
        _ => barrier,
    };

    public static double ToBarrier(string scale, double fitted) => scale switch
    {
        "log1p" => Log1pBarrier.ToBarrier(fitted),
        "sqrt" => Math.Max(fitted, 0) * Math.Max(fitted, 0),
        _ => fitted,
    };

    /// <summary>
    /// A standard deviation on the fitted scale in eV at <paramref name="barrier"/>, by the slope of the inverse
    /// (2√Em for √Em, 1 + Em for log(1 + Em)). The upper half-width (√Em + s)² − Em was tried for √Em and only widened
    /// the calibrated intervals (docs/heads.md).
    /// </summary>
    public static double StdToBarrier(string scale, double fittedStd, double barrier) => scale switch
    {
        "log1p" => Log1pBarrier.StdToBarrier(fittedStd, barrier),
        "sqrt" => 2 * fittedStd * Math.Sqrt(Math.Max(barrier, 0)),
        _ => fittedStd,
    };
}
