using System.Text.Json;
using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Split-conformal scaling of an ensemble's spread into a prediction interval. An ensemble's standard deviation says
/// which predictions are less certain, but not by how much in eV; on held-out residuals r_i with spreads s_i the
/// scale q is the ⌈(n+1)·level⌉-th smallest of |r_i| / s_i, so that mean ± q·s covers the target with probability
/// ≥ level on exchangeable data. A floor on s keeps a member-agreeing ensemble from claiming zero width.
/// </summary>
public sealed record IntervalCalibration(
    [property: JsonPropertyName("level")] double Level,
    [property: JsonPropertyName("scale")] double Scale,
    [property: JsonPropertyName("sigma_floor")] double SigmaFloor,
    [property: JsonPropertyName("n_residuals")] int ResidualCount)
{
    /// <summary>Uncalibrated: ±1.645 σ, the Gaussian 90% interval.</summary>
    public static readonly IntervalCalibration Gaussian90 = new(0.9, BarrierPrediction.Z90, 0.02, 0);

    public static IntervalCalibration Fit(IReadOnlyList<double> residuals, IReadOnlyList<double> sigmas, double level = 0.9, double sigmaFloor = 0.02)
    {
        if (residuals.Count != sigmas.Count) throw new ArgumentException("one spread per residual is needed");
        if (residuals.Count < 10) throw new ArgumentException("at least 10 held-out residuals are needed to calibrate intervals");
        if (!(level > 0 && level < 1)) throw new ArgumentException("level must lie in (0, 1)");
        var scores = residuals.Zip(sigmas, (r, s) => Math.Abs(r) / Math.Max(s, sigmaFloor)).OrderBy(x => x).ToArray();
        int n = scores.Length;
        int k = (int)Math.Ceiling((n + 1) * level);
        double q = k > n ? scores[^1] : scores[k - 1];
        return new IntervalCalibration(level, q, sigmaFloor, n);
    }

    /// <summary>The calibration.json of a model directory, or null when it has none.</summary>
    public static IntervalCalibration? Load(string directory, string fileName = "calibration.json")
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<IntervalCalibration>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new ArgumentException($"{path}: line {(e.LineNumber ?? 0) + 1}: not a valid calibration file"); }
    }

    public (double Lo, double Hi) Interval(double mean, double sigma)
    {
        double half = Scale * Math.Max(sigma, SigmaFloor);
        return (mean - half, mean + half);
    }

    /// <summary>
    /// An ensemble's prediction with this interval. A migration barrier is not negative: the interval stops at 0 eV
    /// (coverage is unchanged, targets are &gt; 0).
    /// </summary>
    public BarrierPrediction Predict(double mean, double sigma)
    {
        var (lo, hi) = Interval(mean, sigma);
        return new BarrierPrediction(mean, sigma, Math.Max(0, lo), hi);
    }
}
