using BarrierNet.Core.Crystal;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace BarrierNet.Tests.Model;

[Collection("torch")]
public class PretrainedBackboneTests
{
    [Fact]
    public void LoadedBackboneEmbedsLikeTheSavedModel()
    {
        TorchRuntime.EnsureLoadable();
        torch.manual_seed(9);
        var config = new BackboneConfig { Width = 8, EmbeddingWidth = 4, GcnLayers = 2, BondBins = 6 };
        using var model = new MultiPropertyModel(config);
        model.eval();
        var dir = Path.Combine(Path.GetTempPath(), "bn-bb-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.SaveTo(dir);
            var backbone = PretrainedBackbone.Load(dir);
            Assert.True(backbone.training);
            backbone.eval();
            var band = BandFixture();
            var g = PretrainedBackbone.BandGraph(band, backbone.Config.Graph, imageWeight: 3f);
            Assert.Equal(new[] { true, true, true, true, true, false }, g.IsImage!.Take(6).ToArray());
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using var batch = GraphBatch.Collate(new[] { g }, CPU);
            Assert.Equal(5f, batch.NodeIsImage.sum().item<float>());
            var a = backbone.Forward(batch); var b = model.Backbone.Forward(batch);
            Assert.Equal(a.Pooled.data<float>().ToArray(), b.Pooled.data<float>().ToArray());
            Assert.Equal(new long[] { g.AtomCount, 8 }, a.Nodes.shape);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Five images of Li on a line, then a small host.</summary>
    private static Structure BandFixture()
    {
        var host = GnnFixtures.RockSalt().Sites.Skip(1).ToList();
        var images = Enumerable.Range(0, 5).Select(k => new Site("Li", new Vec3(0.25 + 0.05 * k, 0.25, 0.25))).ToList();
        return new Structure(GnnFixtures.RockSalt().Lattice, images.Concat(host).ToList());
    }
}
