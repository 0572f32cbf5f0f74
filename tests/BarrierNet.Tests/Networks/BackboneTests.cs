using BarrierNet.Core.Crystal;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using BarrierNet.Tests.Fixtures;

namespace BarrierNet.Tests.Networks;

[Collection("torch")]
public class BackboneTests
{
    private static readonly BackboneConfig Small = new() { Width = 16, EmbeddingWidth = 8, AlignnLayers = 1, GcnLayers = 2, AnglesPerBond = 3, BondBins = 10, AngleBins = 6 };

    private static MultiPropertyModel NewModel(int seed = 1)
    {
        TorchRuntime.EnsureLoadable();
        torch.manual_seed(seed);
        var m = new MultiPropertyModel(Small);
        m.eval();
        return m;
    }

    private static float[] Predict(MultiPropertyModel m, params Structure[] structures)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var batch = GraphBatch.Collate(structures.Select(s => CrystalGraph.Build(s, Small.Graph)).ToList(), CPU);
        return m.Forward(batch).data<float>().ToArray();
    }

    private static void Close(float[] a, float[] b, double tol = 2e-5)
    {
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= tol * (1 + Math.Abs(a[i])), $"{a[i]} vs {b[i]} at {i}");
    }

    [Fact]
    public void PredictionIsInvariantToAtomOrder()
    {
        using var m = NewModel();
        var s = GnnFixtures.Triclinic();
        Close(Predict(m, s), Predict(m, GnnFixtures.Permuted(s, new[] { 3, 0, 4, 2, 1 })));
        var r = GnnFixtures.RockSalt();
        Close(Predict(m, r), Predict(m, GnnFixtures.Permuted(r, Enumerable.Range(0, r.Count).Reverse().ToArray())));
    }

    [Fact]
    public void PredictionIsInvariantToTranslation()
    {
        using var m = NewModel();
        foreach (var s in new[] { GnnFixtures.Triclinic(), GnnFixtures.RockSalt() })
            Close(Predict(m, s), Predict(m, GnnFixtures.Translated(s, new Vec3(0.13, -0.27, 1.41))));
    }

    [Fact]
    public void PredictionIsInvariantToSupercell()
    {
        using var m = NewModel();
        foreach (var s in new[] { GnnFixtures.Triclinic(), GnnFixtures.RockSalt() })
            Close(Predict(m, s), Predict(m, GnnFixtures.SupercellA(s, 2)));
    }

    [Fact]
    public void BatchingDoesNotMixGraphs()
    {
        using var m = NewModel();
        var a = GnnFixtures.Triclinic(); var b = GnnFixtures.RockSalt();
        var both = Predict(m, a, b);
        Close(both.Take(7).ToArray(), Predict(m, a));
        Close(both.Skip(7).ToArray(), Predict(m, b));
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var m = NewModel();
        m.train();
        using var scope = NewDisposeScope();
        using var batch = GraphBatch.Collate(new[] { GnnFixtures.Triclinic(), GnnFixtures.RockSalt(), GnnFixtures.Triclinic(3) }
            .Select(s => CrystalGraph.Build(s, Small.Graph)).ToList(), CPU);
        var y = m.Forward(batch);
        (y * torch.arange(1, y.numel() + 1, dtype: float32).reshape(y.shape)).sum().backward();
        foreach (var (name, p) in m.named_parameters().Where(x => x.parameter.requires_grad))
        {
            Assert.True(p.grad is not null, $"{name} has no gradient");
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"{name} has a zero gradient");
        }
    }

    [Fact]
    public void SaveThenLoadGivesBitIdenticalPredictions()
    {
        using var m = NewModel(5);
        var dir = Path.Combine(Path.GetTempPath(), "bn-save-" + Guid.NewGuid().ToString("N"));
        try
        {
            m.SaveTo(dir);
            using var loaded = MultiPropertyModel.LoadFrom(dir);
            Assert.Equal(Small, loaded.Backbone.Config);
            var s = GnnFixtures.Triclinic();
            Assert.Equal(Predict(m, s), Predict(loaded, s));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void PerAtomWeightsChangeThePooledVector()
    {
        using var m = NewModel();
        var g = CrystalGraph.Build(GnnFixtures.Triclinic(), Small.Graph);
        var w = new float[g.AtomCount]; w[0] = 1; // all weight on atom 0
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var plain = GraphBatch.Collate(new[] { g }, CPU);
        using var weighted = GraphBatch.Collate(new[] { g.WithAtomAnnotations(w, null) }, CPU);
        var outPlain = m.Backbone.Forward(plain); var outW = m.Backbone.Forward(weighted);
        // Node features do not depend on weights; the pooled vector becomes atom 0's features.
        Assert.Equal(outPlain.Nodes.data<float>().ToArray(), outW.Nodes.data<float>().ToArray());
        Assert.Equal(outW.Nodes[0].data<float>().ToArray(), outW.Pooled[0].data<float>().ToArray());
        Close(outPlain.Nodes.mean(new long[] { 0 }).data<float>().ToArray(), outPlain.Pooled[0].data<float>().ToArray(), 1e-5);
    }
}
