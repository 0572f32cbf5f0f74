namespace BarrierNet.Model.Baseline;

/// <summary>
/// Sample weights that counter the skew of the barriers: most training barriers lie between 0.2 and 1 eV and a few
/// run to 9 eV, so a squared-error learner's leaves and a ridge fit average the rare high barriers with many ordinary
/// ones and shrink them towards the mean. Each barrier is weighted by (density of the fitted targets at its value)^−β,
/// with the density a Gaussian kernel estimate on the fitted scale (Silverman's bandwidth). Weights are capped at
/// <see cref="MaxRatio"/> times the median weight, so that one isolated 9 eV hop cannot own the fit, and scaled to mean 1.
/// </summary>
internal static class TargetDensityWeights
{
    /// <summary>The largest exponent β accepted: 1 already weights a barrier by the inverse of its density.</summary>
    public const double MaxPower = 2.0;

    /// <summary>No weight exceeds this multiple of the median weight.</summary>
    public const double MaxRatio = 10.0;

    /// <summary>Weights of <paramref name="fitted"/> targets for exponent <paramref name="power"/> (0 = all 1).</summary>
    public static double[] Of(IReadOnlyList<double> fitted, double power)
    {
        int n = fitted.Count;
        if (n == 0) return Array.Empty<double>();
        if (power == 0 || n == 1) return Enumerable.Repeat(1.0, n).ToArray();
        double h = Bandwidth(fitted);
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double density = 0;
            for (int j = 0; j < n; j++)
            {
                double u = (fitted[i] - fitted[j]) / h;
                density += Math.Exp(-0.5 * u * u);
            }
            w[i] = Math.Pow(density, -power); // the constant 1 / (n h √(2π)) cancels in the scaling below
        }
        double cap = MaxRatio * Evaluation.Median.Of(w);
        for (int i = 0; i < n; i++) w[i] = Math.Min(w[i], cap);
        double mean = w.Average();
        return w.Select(v => v / mean).ToArray();
    }

    /// <summary>Silverman's rule, 0.9 · min(sd, IQR / 1.34) · n^(−1/5); a tiny positive floor for identical targets.</summary>
    private static double Bandwidth(IReadOnlyList<double> y)
    {
        var sorted = y.Order().ToArray();
        double mean = sorted.Average();
        double sd = Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1));
        double iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        double spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        return Math.Max(0.9 * spread * Math.Pow(sorted.Length, -0.2), 1e-6);
    }

    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
