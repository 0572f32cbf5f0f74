using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using TorchSharp;
using Xunit;

namespace BarrierNet.Tests.Heads;

[Collection("torch")]
public class PretrainedBackboneTests
{
    public PretrainedBackboneTests() => TorchRuntime.EnsureLoadable();

    [Fact]
    public void Head_starts_from_the_pretrained_backbone_saved_by_the_pretrainer()
    {
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
}
