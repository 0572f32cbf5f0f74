using System.Text.Json.Serialization;

namespace BarrierNet.Model.Heads;

/// <summary>
/// Standardizes hop descriptors with the training set's mean and standard deviation, so a hybrid head sees them on
/// the scale of its embedding. Missing values (NaN) become 0 (the training mean); values are clipped to ±5 σ so one
/// unusual hop cannot saturate the regressor.
/// </summary>
internal sealed record DescriptorScaler(
    [property: JsonPropertyName("mean")] double[] Mean,
    [property: JsonPropertyName("std")] double[] Std)
{
    public static DescriptorScaler Fit(IEnumerable<double[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) throw new ArgumentException("no descriptors to fit the scaler");
        int d = list[0].Length;
        var mean = new double[d]; var std = new double[d];
        for (int j = 0; j < d; j++)
        {
            var v = list.Select(r => r[j]).Where(double.IsFinite).ToArray();
            mean[j] = v.Length > 0 ? v.Average() : 0;
            double var = v.Length > 1 ? v.Sum(x => (x - mean[j]) * (x - mean[j])) / (v.Length - 1) : 0;
            std[j] = var > 1e-12 ? Math.Sqrt(var) : 1;
        }
        return new DescriptorScaler(mean, std);
    }

    /// <summary>
    /// The first <see cref="Mean"/>.Length descriptors, standardized: descriptors are only ever appended to
    /// HopDescriptors.Names, so a head trained before an addition reads exactly what it was trained on.
    /// </summary>
    public float[] Transform(double[] row)
    {
        if (row.Length < Mean.Length) throw new ArgumentException($"expected {Mean.Length} descriptors, got {row.Length}");
        var x = new float[Mean.Length];
        for (int j = 0; j < x.Length; j++)
            x[j] = double.IsFinite(row[j]) ? (float)Math.Clamp((row[j] - Mean[j]) / Std[j], -5, 5) : 0f;
        return x;
    }
}
