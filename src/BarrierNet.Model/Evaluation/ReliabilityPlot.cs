using ScottPlot;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Reliability diagram of prediction intervals: for nominal levels p = 10 … 95 %, the fraction of targets inside the
/// interval mean ± (z_p / z_90) · (half-width of the model's 90% interval). A calibrated model lies on the diagonal;
/// below it, intervals are too narrow (over-confident).
/// </summary>
internal static class ReliabilityPlot
{
    public static readonly double[] Levels = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95 };

    /// <summary>Empirical coverage at each of <see cref="Levels"/>; null when no prediction has an interval.</summary>
    public static double[]? Coverage(IReadOnlyList<double> targets, IReadOnlyList<BarrierPrediction> predictions)
    {
        var pairs = targets.Zip(predictions).Where(p => p.Second.Interval90 is not null).ToList();
        if (pairs.Count == 0) return null;
        return Levels.Select(level =>
        {
            double factor = Normal(level) / BarrierPrediction.Z90;
            return pairs.Count(p =>
            {
                var (lo, hi) = p.Second.Interval90!.Value;
                double mean = p.Second.Mean;
                return p.First >= mean - factor * (mean - lo) && p.First <= mean + factor * (hi - mean);
            }) / (double)pairs.Count;
        }).ToArray();
    }

    public static void Save(string path, string title, double[] coverage, int size = 500)
    {
        var plt = new Plot();
        var diag = plt.Add.Line(0, 0, 1, 1);
        diag.Color = Colors.Gray;
        diag.LinePattern = LinePattern.Dashed;
        var line = plt.Add.Scatter(Levels, coverage);
        line.MarkerSize = 7;
        plt.Axes.SetLimits(0, 1, 0, 1);
        plt.Title(title);
        plt.XLabel("nominal interval level");
        plt.YLabel("fraction of targets inside");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        plt.SavePng(path, size, size);
    }

    /// <summary>Two-sided standard-normal quantile z with P(|Z| ≤ z) = level (Acklam's rational approximation).</summary>
    public static double Normal(double level)
    {
        double p = 0.5 + level / 2;
        double[] a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
        double[] b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
        double[] c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
        double[] d = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
        if (p > 0.97575)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double r = p - 0.5, t = r * r;
        return (((((a[0] * t + a[1]) * t + a[2]) * t + a[3]) * t + a[4]) * t + a[5]) * r / (((((b[0] * t + b[1]) * t + b[2]) * t + b[3]) * t + b[4]) * t + 1);
    }
}
