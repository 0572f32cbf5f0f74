using BarrierNet.Core.Migration;
using BarrierNet.Core.Crystal;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using BarrierNet.Tests.Heads;
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

    [Fact]
    public void Head_starts_from_the_pretrained_backbone_saved_by_the_pretrainer()
    {
        TorchRuntime.EnsureLoadable();
        var dir = HeadTestData.TempDir("pretrained");
        var outDir = HeadTestData.TempDir("from-pretrained");
        try
        {
            torch.manual_seed(1);
            using (var pre = new MultiPropertyModel(HeadTestData.Tiny)) pre.SaveTo(dir);
            using var loaded = MultiPropertyModel.LoadFrom(dir);
            var (config, _, _) = HeadTestData.Prepare(new HeadOptions());
            using var head = BarrierHead.Create(config);
            head.LoadBackbone(loaded.Backbone);
            var a = loaded.Backbone.state_dict();
            var b = head.Backbone.state_dict();
            Assert.All(a, kv => Assert.True(kv.Value.allclose(b[kv.Key], 0, 0), kv.Key));

            // finetune --from DIR reads the same format and keeps the pretrained backbone's shape.
            var metrics = new HeadFinetuner(new FinetuneOptions
            {
                DataFile = FixturePaths.HopBands, OutputDirectory = outDir, Recipe = new HeadRecipe { From = dir, Ensemble = 2, Epochs = 1, BatchSize = 4 },
            }).Run();
            Assert.NotNull(metrics);
            Assert.Equal(HeadTestData.Tiny, ModelManifest.Read(outDir).Head!.Backbone);
        }
        finally { Directory.Delete(dir, true); Directory.Delete(outDir, true); }
    }

    /// <summary>Five images of Li on a line, then a small host.</summary>
    internal static Band BandFixture()
    {
        var host = GnnFixtures.RockSalt().Sites.Skip(1).ToList();
        var images = Enumerable.Range(0, 5).Select(k => new Site("Li", new Vec3(0.25 + 0.05 * k, 0.25, 0.25))).ToList();
        return Band.Create(GnnFixtures.RockSalt().Lattice, images, host);
    }
}

[Collection("torch")]
public class ShippedModelTests
{
    /// <summary>The committed models/pretrained loads, has its run files, and embeds a band.</summary>
    [Fact]
    public void ShippedPretrainedModelLoadsAndEmbeds()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BarrierNet.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var model = Path.Combine(dir!.FullName, "models", "pretrained");
        foreach (var f in new[] { "weights.bin", "model.json", "train-log.csv", "metrics.json" })
            Assert.True(File.Exists(Path.Combine(model, f)), f + " missing");
        Assert.False(Directory.Exists(Path.Combine(model, "checkpoint"))); // optimizer state is not part of the model
        var manifest = BarrierNet.Model.Evaluation.ModelManifest.Read(model);
        Assert.Equal(7, manifest.Provenance!.Data.Count);
        var backbone = PretrainedBackbone.Load(model);
        backbone.eval();
        var g = PretrainedBackbone.BandGraph(PretrainedBackboneTests.BandFixture(), backbone.Config.Graph);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var batch = GraphBatch.Collate(new[] { g }, CPU);
        var o = backbone.Forward(batch);
        Assert.Equal(new long[] { 1, backbone.Width }, o.Pooled.shape);
        Assert.True(o.Pooled.isfinite().all().item<bool>());
    }
}
