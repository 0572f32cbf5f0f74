namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The log(1 + Em) scale the descriptor models (and heads trained with --target log1p) fit on: it keeps the few
/// 3–9 eV barriers from dominating a target whose median is 0.6 eV. Barriers below 0 are clipped to 0 first.
/// </summary>
public static class Log1pBarrier
{
    public static double ToFitted(double barrier) => Math.Log(1 + Math.Max(barrier, 0));

    public static double ToBarrier(double fitted) => Math.Exp(fitted) - 1;

    /// <summary>A standard deviation on the fitted scale in eV at <paramref name="barrier"/>: dEm = (1 + Em) d log(1 + Em).</summary>
    public static double StdToBarrier(double fittedStd, double barrier) => fittedStd * (1 + Math.Max(barrier, 0));
}
