using BarrierNet.Core.Pretraining;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Migration;
using Xunit;

namespace BarrierNet.Tests.Training;

[Collection("torch")]
public class MigrationPretrainerTests
{
    private static readonly BackboneConfig Tiny = new() { Width = 8, EmbeddingWidth = 4, AlignnLayers = 0, GcnLayers = 1, AnglesPerBond = 2, BondBins = 6, AngleBins = 4 };

    /// <summary>A label set of the three shortest hops of three small fixture crystals.</summary>
    private static string WriteLabels()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bn-migpre-" + Guid.NewGuid().ToString("N"));
        var sources = new[] { "olivine", "layered", "spinel" }.Select(n => new MigrationLabelSet.Source(n, HopFixtures.Load(n).Structure)).ToList();
        MigrationLabelSet.Build(sources, new MigrationLabelOptions(), Path.Combine(dir, "labels"), new Dictionary<string, string?>(), threads: 1);
        return dir;
    }

    private static PretrainOptions Options(string dir, string output, int epochs) => new()
    {
        DataDirectory = "(unused)", OutputDirectory = Path.Combine(dir, output), Backbone = Tiny, Epochs = epochs, BatchSize = 2, Seed = 5,
        Threads = 1, Task = PretrainTask.Migration, MigrationLabels = Path.Combine(dir, "labels"), MaxLearningRate = 3e-3, ValidationFraction = 0.34,
    };

    [Fact]
    public void TheLossDecreasesTheResultIsABackboneTheHeadsLoadAndAnInterruptedRunResumesExactly()
    {
        var dir = WriteLabels();
        try
        {
            var metrics = new Pretrainer(Options(dir, "straight", 4)).Run();
            var log = File.ReadAllLines(Path.Combine(dir, "straight", "train-log.csv"));
            Assert.Equal(5, log.Length);
            var trainLoss = log.Skip(1).Select(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.True(trainLoss[^1] < trainLoss[0], $"train loss {string.Join(" → ", trainLoss)}");
            Assert.Equal("migration", metrics["task"]!.GetValue<string>());
            Assert.True(metrics["train_hops"]!.GetValue<int>() > 0 && metrics["val_hops"]!.GetValue<int>() > 0);

            // A pretrained-backbone directory like models/pretrained, its label set pinned in the provenance.
            var manifest = ModelManifest.Read(Path.Combine(dir, "straight"));
            Assert.Equal(MultiPropertyModel.KindName, manifest.Kind);
            Assert.Equal(ModelManifest.Sha256(Path.Combine(dir, "labels", MigrationLabelSet.ManifestFile)), manifest.Provenance!.Data[MigrationLabelSet.ManifestFile]);
            Assert.Contains("--task migration", manifest.Provenance.Command);
            Assert.Equal(PretrainTask.Migration, manifest.RecipeAs<PretrainRecipe>(Path.Combine(dir, "straight")).Task);
            using (var backbone = PretrainedBackbone.Load(Path.Combine(dir, "straight")))
                Assert.Equal(Tiny.ToJson(), backbone.Config.ToJson());

            new Pretrainer(Options(dir, "interrupted", 4) with { StopAfterEpochs = 2 }).Run();
            Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "interrupted", "train-log.csv")).Length);
            new Pretrainer(Options(dir, "interrupted", 4) with { Resume = true }).Run();
            static IEnumerable<string> WithoutSeconds(string file) => File.ReadAllLines(file).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1)));
            Assert.Equal(WithoutSeconds(Path.Combine(dir, "straight", "train-log.csv")), WithoutSeconds(Path.Combine(dir, "interrupted", "train-log.csv")));

            // Both in sequence: a run started from the first one's backbone records it as an input.
            var init = Path.Combine(dir, "straight");
            new Pretrainer(Options(dir, "continued", 1) with { InitialBackbone = init }).Run();
            var continued = ModelManifest.Read(Path.Combine(dir, "continued"));
            Assert.Equal(ModelManifest.Sha256(Path.Combine(init, MultiPropertyModel.WeightsFile)), Assert.Single(continued.Provenance!.Inputs!).Value);
            Assert.Contains("--init " + init, continued.Provenance.Command);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
