using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The scale a descriptor model (or a head, <see cref="BarrierNet.Model.Heads.HeadTarget"/>) fits barriers on.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BarrierScale>))]
internal enum BarrierScale
{
    /// <summary>The barrier in eV.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>log(1 + Em), which keeps the few 3–9 eV barriers from dominating a target whose median is 0.6 eV.</summary>
    [JsonStringEnumMemberName("log1p")] Log1p,
    /// <summary>√Em, which spreads the many barriers below 1 eV less unevenly than the logarithm and still tames the tail.</summary>
    [JsonStringEnumMemberName("sqrt")] Sqrt,
}

/// <summary>
/// Barriers to and from a <see cref="BarrierScale"/>. Barriers below 0 are clipped to 0 on the log1p and sqrt scales.
/// </summary>
internal static class TargetScale
{
    public static double ToFitted(BarrierScale scale, double barrier) => scale switch
    {
        BarrierScale.Log1p => Math.Log(1 + Math.Max(barrier, 0)),
        BarrierScale.Sqrt => Math.Sqrt(Math.Max(barrier, 0)),
        _ => barrier,
    };

    public static double ToBarrier(BarrierScale scale, double fitted) => scale switch
    {
        BarrierScale.Log1p => Math.Exp(fitted) - 1,
        BarrierScale.Sqrt => Math.Max(fitted, 0) * Math.Max(fitted, 0),
        _ => fitted,
    };

    /// <summary>
    /// A standard deviation on the fitted scale in eV at <paramref name="barrier"/>, by the slope of the inverse
    /// (2√Em for √Em, 1 + Em for log(1 + Em)). The upper half-width (√Em + s)² − Em was tried for √Em and only widened
    /// the calibrated intervals (docs/experiments/heads.md).
    /// </summary>
    public static double StdToBarrier(BarrierScale scale, double fittedStd, double barrier) => scale switch
    {
        BarrierScale.Log1p => fittedStd * (1 + Math.Max(barrier, 0)),
        BarrierScale.Sqrt => 2 * fittedStd * Math.Sqrt(Math.Max(barrier, 0)),
        _ => fittedStd,
    };
}
