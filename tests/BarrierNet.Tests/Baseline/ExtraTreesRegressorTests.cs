using BarrierNet.Model.Baseline;
using Xunit;

namespace BarrierNet.Tests.Baseline;

public class ExtraTreesRegressorTests
{
    // y = 1 if x0 > 0.5 else 0, plus a smooth part in x1; x2 is noise the trees may split on.
    private static (double[][] X, double[] Y) Data(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n][]; var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() };
            y[i] = (x[i][0] > 0.5 ? 1 : 0) + 0.3 * x[i][1];
        }
        return (x, y);
    }

    [Fact]
    public void FullyGrownTreesReproduceTheTrainingTargets()
    {
        var (x, y) = Data(60, 1);
        var et = ExtraTreesRegressor.Fit(x, y, new ExtraTreesRegressor.Settings(Trees: 10), seed: 0);
        for (int i = 0; i < x.Length; i++) Assert.Equal(y[i], et.Predict(x[i]), 9);
    }

    [Fact]
    public void UniformWeightsGrowTheSameTreesAsNone()
    {
        var (x, y) = Data(60, 5);
        var s = new ExtraTreesRegressor.Settings(Trees: 10, MinSamplesLeaf: 3, MinSamplesSplit: 6);
        var plain = ExtraTreesRegressor.Fit(x, y, s, seed: 2);
        var uniform = ExtraTreesRegressor.Fit(x, y, s, seed: 2, weights: Enumerable.Repeat(2.5, 60).ToArray());
        var (probes, _) = Data(20, 6);
        foreach (var r in probes) Assert.Equal(plain.Predict(r), uniform.Predict(r), 12);
    }

    [Fact]
    public void AWeightedLeafAnswersWithTheWeightedMean()
    {
        // Leaves of at least all rows: every tree is one leaf, whose value is Σ w·y / Σ w.
        var (x, y) = Data(30, 7);
        var w = Enumerable.Range(0, 30).Select(i => 1.0 + i % 4).ToArray();
        var stump = ExtraTreesRegressor.Fit(x, y, new ExtraTreesRegressor.Settings(Trees: 3, MinSamplesSplit: 31), seed: 0, weights: w);
        Assert.Equal(y.Select((v, i) => w[i] * v).Sum() / w.Sum(), stump.Predict(x[0]), 12);
        Assert.Throws<ArgumentException>(() => ExtraTreesRegressor.Fit(x, y, new ExtraTreesRegressor.Settings(), 0, w.Select(v => -v).ToArray()));
    }

    [Fact]
    public void GeneralisesAStep()
    {
        var (x, y) = Data(300, 2);
        var (xt, yt) = Data(200, 3);
        var et = ExtraTreesRegressor.Fit(x, y, new ExtraTreesRegressor.Settings(Trees: 50, MinSamplesLeaf: 2, MinSamplesSplit: 4), seed: 0);
        double mae = xt.Select((r, i) => Math.Abs(et.Predict(r) - yt[i])).Average();
        double maeMean = yt.Select(v => Math.Abs(v - y.Average())).Average();
        Assert.True(mae < 0.25 * maeMean, $"test MAE {mae} vs constant {maeMean}");
    }

    [Fact]
    public void DeterministicForASeedAndSaveLoadRoundTrips()
    {
        var (x, y) = Data(80, 4);
        var s = new ExtraTreesRegressor.Settings(Trees: 15, MaxFeatures: 2);
        var a = ExtraTreesRegressor.Fit(x, y, s, seed: 5);
        var b = ExtraTreesRegressor.Fit(x, y, s, seed: 5);
        var c = ExtraTreesRegressor.Fit(x, y, s, seed: 6);
        var probe = new[] { 0.3, 0.7, 0.1 };
        Assert.Equal(a.Predict(probe), b.Predict(probe));
        // Training rows are fitted exactly by any seed; between them, different random trees disagree.
        var (probes, _) = Data(20, 99);
        Assert.Contains(probes, r => a.Predict(r) != c.Predict(r));

        var path = Path.Combine(Path.GetTempPath(), $"et-{Guid.NewGuid():N}.bin");
        a.Save(path);
        var loaded = ExtraTreesRegressor.Load(path);
        foreach (var r in x) Assert.Equal(a.Predict(r), loaded.Predict(r));

        foreach (var r in probes) Assert.Equal(a.PredictMedian(r), loaded.PredictMedian(r));

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.Take(40).ToArray());
        Assert.Contains("truncated", Assert.Throws<ArgumentException>(() => ExtraTreesRegressor.Load(path)).Message);
        // The first tree's root made a leaf: the tree ends after one node, and its remaining nodes are read as garbage.
        var broken = (byte[])bytes.Clone();
        BitConverter.GetBytes((short)-1).CopyTo(broken, 20);
        File.WriteAllBytes(path, broken);
        Assert.Contains("corrupt tree 0", Assert.Throws<ArgumentException>(() => ExtraTreesRegressor.Load(path)).Message);
        File.WriteAllBytes(path, bytes.Concat(new byte[] { 0 }).ToArray());
        Assert.Contains("trailing data", Assert.Throws<ArgumentException>(() => ExtraTreesRegressor.Load(path)).Message);
        File.Delete(path);
    }

    [Fact]
    public void WritesTenBytesANodeAndRefusesOtherVersions()
    {
        var (x, y) = Data(80, 4);
        var forest = ExtraTreesRegressor.Fit(x, y, new ExtraTreesRegressor.Settings(Trees: 15, MaxFeatures: 2), seed: 5);
        var path = Path.Combine(Path.GetTempPath(), $"et-{Guid.NewGuid():N}.bin");
        try
        {
            forest.Save(path);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(2, BitConverter.ToInt32(bytes, 4));
            // Header (16 bytes), a node count per tree, then 10 bytes a node.
            int nodes = Enumerable.Range(0, 15).Sum(t => BitConverter.ToInt32(bytes, 16 + 4 * t + 10 * PrecedingNodes(bytes, t)));
            Assert.Equal(16 + 4 * 15 + 10 * nodes, bytes.Length);
            BitConverter.GetBytes(1).CopyTo(bytes, 4);
            File.WriteAllBytes(path, bytes);
            Assert.Contains("unsupported extra-trees format version", Assert.Throws<ArgumentException>(() => ExtraTreesRegressor.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    /// <summary>Nodes of the trees before tree <paramref name="t"/> in a saved forest.</summary>
    private static int PrecedingNodes(byte[] bytes, int t)
    {
        int offset = 16, sum = 0;
        for (int k = 0; k < t; k++)
        {
            int n = BitConverter.ToInt32(bytes, offset);
            sum += n; offset += 4 + 10 * n;
        }
        return sum;
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    public void MedianIsTheMiddleOfTheTreesPredictions(int trees)
    {
        var (x, y) = Data(80, 7);
        var et = ExtraTreesRegressor.Fit(x, y, new ExtraTreesRegressor.Settings(Trees: trees, MaxFeatures: 2), seed: 3);
        var (probes, _) = Data(20, 11);
        foreach (var r in probes)
        {
            var per = et.TreePredictions(r);
            Assert.Equal(trees, per.Length);
            Assert.Equal(per.Average(), et.Predict(r), 12);
            // As many trees above the median as below it (ties aside), computed by counting, not sorting.
            double m = et.PredictMedian(r);
            Assert.True(per.Count(v => v < m) <= trees / 2 && per.Count(v => v > m) <= trees / 2, $"median {m} of [{string.Join(", ", per)}]");
            if (trees % 2 == 1) Assert.Contains(m, per);
        }
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => ExtraTreesRegressor.Fit(Array.Empty<double[]>(), Array.Empty<double>(), new(), 0));
        Assert.Throws<ArgumentException>(() => ExtraTreesRegressor.Fit(new[] { new[] { 1.0 } }, new[] { 1.0 }, new(Trees: 0), 0));
        var et = ExtraTreesRegressor.Fit(new[] { new[] { 1.0 }, new[] { 2.0 } }, new[] { 1.0, 2.0 }, new(Trees: 2), 0);
        Assert.Throws<ArgumentException>(() => et.Predict(new[] { 1.0, 2.0 }));
    }
}
