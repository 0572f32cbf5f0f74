using BarrierNet.Model.Baseline;
using Xunit;

namespace BarrierNet.Tests.Baseline;

public class KernelRidgeRegressorTests
{
    // Twelve rows with a constant fourth column (left unscaled, as scikit-learn's StandardScaler does).
    private static (double[][] X, double[] Y) Data()
    {
        var x = Enumerable.Range(0, 12).Select(i => new[] { Math.Sin(i), Math.Cos(2 * i), (i % 5) / 4.0, 3.0 }).ToArray();
        var y = Enumerable.Range(0, 12).Select(i => 0.2 + 0.5 * Math.Sin(i) * Math.Sin(i) + 0.1 * i).ToArray();
        return (x, y);
    }

    [Fact]
    public void AgreesWithScikitLearn()
    {
        // Frozen from scikit-learn 1.2 (Debian python3-sklearn): StandardScaler, then KernelRidge(alpha=0.05, kernel="rbf",
        // gamma=0.7/4) fitted on y − mean(y), mean added back (scripts/oracle/kernel_ridge_oracle.py).
        var (x, y) = Data();
        var kr = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(Alpha: 0.05, Gamma: 0.7));
        Assert.Equal(1.0032945901293784, kr.Predict(new[] { 0.1, 0.2, 0.3, 3.0 }), 10);
        Assert.Equal(0.5532186172103647, kr.Predict(new[] { -0.5, 0.9, 1.0, 3.0 }), 10);
        Assert.Equal(0.7164816054850227, kr.Predict(new[] { 2.0, -2.0, 0.0, 3.0 }), 10);
    }

    [Fact]
    public void UniformWeightsActAsASmallerPenalty()
    {
        // Σ c·(y − f)² + α‖f‖² has the minimiser of Σ (y − f)² + (α / c)‖f‖².
        var (x, y) = Data();
        var weighted = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(Alpha: 0.2, Gamma: 0.7), Enumerable.Repeat(4.0, y.Length).ToArray());
        var scaled = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(Alpha: 0.05, Gamma: 0.7));
        foreach (var probe in new[] { new[] { 0.1, 0.2, 0.3, 3.0 }, new[] { 2.0, -2.0, 0.0, 3.0 } })
            Assert.Equal(scaled.Predict(probe), weighted.Predict(probe), 10);
    }

    [Fact]
    public void AHeavilyWeightedRowIsFittedMoreClosely()
    {
        var (x, y) = Data();
        var settings = new KernelRidgeRegressor.Settings(Alpha: 0.5, Gamma: 0.7);
        var plain = KernelRidgeRegressor.Fit(x, y, settings);
        var w = Enumerable.Repeat(1.0, y.Length).ToArray();
        w[11] = 50;
        var weighted = KernelRidgeRegressor.Fit(x, y, settings, w);
        Assert.True(Math.Abs(weighted.Predict(x[11]) - y[11]) < 0.5 * Math.Abs(plain.Predict(x[11]) - y[11]));
    }

    [Fact]
    public void PosteriorStdAgreesWithADenseSolve()
    {
        // Frozen from scripts/oracle/kernel_ridge_oracle.py: std(y)·√(1 − kᵀ(K + αI)⁻¹k) by numpy's dense solve.
        var (x, y) = Data();
        var kr = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(Alpha: 0.05, Gamma: 0.7));
        Assert.True(kr.HasPosterior);
        Assert.Equal(0.11510056887826961, kr.PosteriorStd(new[] { 0.1, 0.2, 0.3, 3.0 }), 10);
        Assert.Equal(0.19149638396716442, kr.PosteriorStd(new[] { -0.5, 0.9, 1.0, 3.0 }), 10);
        Assert.Equal(0.3965686922081618, kr.PosteriorStd(new[] { 2.0, -2.0, 0.0, 3.0 }), 10);
    }

    [Fact]
    public void PosteriorStdVanishesOnATrainingHopAndReachesTheSignalStdFarAway()
    {
        var (x, y) = Data();
        var kr = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(Alpha: 1e-6, Gamma: 1.0));
        double signal = Math.Sqrt(y.Sum(v => (v - y.Average()) * (v - y.Average())) / y.Length);
        foreach (var r in x) Assert.InRange(kr.PosteriorStd(r), 0, 0.01 * signal);
        Assert.Equal(signal, kr.PosteriorStd(new[] { 100.0, -100.0, 100.0, 3.0 }), 9);
    }

    [Fact]
    public void InterpolatesWithATinyPenaltyAndFallsBackToTheMeanFarAway()
    {
        var (x, y) = Data();
        var kr = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(Alpha: 1e-9, Gamma: 1.0));
        for (int i = 0; i < x.Length; i++) Assert.Equal(y[i], kr.Predict(x[i]), 5);
        Assert.Equal(y.Average(), kr.Predict(new[] { 100.0, -100.0, 100.0, 3.0 }), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(37)]
    public void ManyRowsAtOnceGiveEachRowsOwnValuesToTheBit(int count)
    {
        // The batch methods interleave four rows' sums; each row must come out as the one-row methods give it, also
        // in a last block that is not full.
        var rng = new Random(7);
        var x = Enumerable.Range(0, 37).Select(_ => Enumerable.Range(0, 6).Select(_ => rng.NextDouble() * 4 - 2).ToArray()).ToArray();
        var y = x.Select(r => r.Sum(v => v * v) + rng.NextDouble()).ToArray();
        var kr = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(Alpha: 0.01, Gamma: 0.5));
        var rows = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 6).Select(_ => rng.NextDouble() * 5 - 2.5).ToArray()).ToList();
        rows[0] = x[5]; // a training row: posterior near zero
        var predicted = kr.Predict(rows);
        var std = kr.PosteriorStd(rows);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(kr.Predict(rows[i])), BitConverter.DoubleToInt64Bits(predicted[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(kr.PosteriorStd(rows[i])), BitConverter.DoubleToInt64Bits(std[i]));
        }
        Assert.Throws<ArgumentException>(() => kr.PosteriorStd(new[] { new double[5] }));
    }

    [Fact]
    public void TheKernelMatrixIsTheRbfOfEveryPairToTheBit()
    {
        // Computed once per pair and mirrored, four pairs at a time: each entry must still be exp(−γ‖zᵢ − zⱼ‖²) (+ α on
        // the diagonal) as summed feature by feature, for sizes that do and do not fill the blocks of four.
        var rng = new Random(11);
        foreach (int n in new[] { 1, 2, 5, 8, 13 })
        {
            var z = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 7).Select(_ => rng.NextDouble() * 3 - 1.5).ToArray()).ToArray();
            var k = KernelRidgeRegressor.KernelMatrix(z, 0.3, 0.02);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double d = 0;
                    for (int f = 0; f < 7; f++) { double t = z[i][f] - z[j][f]; d += t * t; }
                    double expected = Math.Exp(-0.3 * d) + (i == j ? 0.02 : 0);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(k[i, j]));
                }
        }
    }

    [Fact]
    public void InvariantToRowOrder()
    {
        var (x, y) = Data();
        var order = Enumerable.Range(0, x.Length).Reverse().ToArray();
        var a = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings());
        var b = KernelRidgeRegressor.Fit(order.Select(i => x[i]).ToArray(), order.Select(i => y[i]).ToArray(), new KernelRidgeRegressor.Settings());
        var probe = new[] { 0.4, -0.3, 0.5, 3.0 };
        Assert.Equal(a.Predict(probe), b.Predict(probe), 10);
    }

    [Fact]
    public void SaveLoadRoundTripsAndDamageIsReported()
    {
        var (x, y) = Data();
        var kr = KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings());
        var path = Path.Combine(Path.GetTempPath(), $"kr-{Guid.NewGuid():N}.bin");
        try
        {
            kr.Save(path);
            var loaded = KernelRidgeRegressor.Load(path);
            foreach (var r in x)
            {
                Assert.Equal(kr.Predict(r), loaded.Predict(r));
                Assert.Equal(kr.PosteriorStd(r), loaded.PosteriorStd(r));
            }

            // Version 3 stores α, not the factor: the header, scaler, rows and coefficients, then two numbers.
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(3, BitConverter.ToInt32(bytes, 4));
            Assert.Equal(4 + 4 + 4 + 4 + 8 + 8 + 8 * (4 + 4) + 12 * 8 * (4 + 1) + 8 + 8, bytes.Length);

            // Other versions are refused.
            var v2 = (byte[])bytes.Clone();
            BitConverter.GetBytes(2).CopyTo(v2, 4);
            File.WriteAllBytes(path, v2);
            Assert.Contains("unsupported kernel-ridge format version", Assert.Throws<ArgumentException>(() => KernelRidgeRegressor.Load(path)).Message);
            File.WriteAllBytes(path, bytes);
            Assert.Contains("4 descriptors", Assert.Throws<ArgumentException>(() => loaded.Predict(new[] { 1.0 })).Message);

            File.WriteAllBytes(path, File.ReadAllBytes(path).Take(60).ToArray());
            Assert.Contains("truncated", Assert.Throws<ArgumentException>(() => KernelRidgeRegressor.Load(path)).Message);
            File.WriteAllText(path, "not a model");
            Assert.Contains("not a kernel-ridge model", Assert.Throws<ArgumentException>(() => KernelRidgeRegressor.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, double.NaN)]
    public void RejectsBadSettings(double alpha, double gamma)
    {
        var (x, y) = Data();
        Assert.Throws<ArgumentException>(() => KernelRidgeRegressor.Fit(x, y, new KernelRidgeRegressor.Settings(alpha, gamma)));
    }
}
