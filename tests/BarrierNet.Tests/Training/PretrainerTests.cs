using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Networks;
using BarrierNet.Model.Training;
using Xunit;
using static TorchSharp.torch;
using BarrierNet.Tests.Fixtures;

namespace BarrierNet.Tests.Training;

[Collection("torch")]
public class PretrainerTests
{
    private static readonly BackboneConfig Tiny = new() { Width = 8, EmbeddingWidth = 4, AlignnLayers = 1, GcnLayers = 1, AnglesPerBond = 2, BondBins = 6, AngleBins = 4 };

    /// <summary>Writes seven tiny property files of jittered small crystals with made-up targets into a temp folder.</summary>
    private static string WriteTinyData()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bn-pretrain-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var rng = new Random(11);
        var pool = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? GnnFixtures.Triclinic(i) : Jitter(GnnFixtures.RockSalt(), rng)).ToList();
        foreach (var (p, pi) in PretrainProperty.All.Select((p, i) => (p, i)))
        {
            var arr = new JsonArray();
            for (int k = 0; k < 6; k++)
            {
                var s = pool[(k + pi) % pool.Count];
                arr.Add(new JsonObject { ["jid"] = k, ["target"] = Math.Round(rng.NextDouble() * 2 - 1, 3), ["atoms"] = AtomsJson.Write(s) });
            }
            File.WriteAllText(Path.Combine(dir, p.File), arr.ToJsonString());
        }
        return dir;
    }

    private static Structure Jitter(Structure s, Random rng) =>
        new(s.Lattice, s.Sites.Select(x => x with { Frac = x.Frac + new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()) * 0.02 }).ToList());

    private static PretrainOptions Options(string data, string output) => new()
    {
        DataDirectory = data, OutputDirectory = output, Backbone = Tiny, Epochs = 2, BatchSize = 4, Seed = 3, Threads = 1,
        CommandLine = "barriernet pretrain (test)",
    };

    private static float[] Predictions(string modelDir, string data)
    {
        using var m = MultiPropertyModel.LoadFrom(modelDir);
        var graphs = PretrainDataset.Load(data).Select(e => CrystalGraph.Build(e.Structure, Tiny.Graph)).ToList();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var batch = GraphBatch.Collate(graphs, CPU);
        return m.Forward(batch).data<float>().ToArray();
    }

    [Fact]
    public void TwoEpochRunShipsItsFilesAndAnInterruptedRunResumesExactly()
    {
        var data = WriteTinyData();
        var straight = data + "-straight";
        var interrupted = data + "-interrupted";
        try
        {
            var metrics = new Pretrainer(Options(data, straight)).Run();
            foreach (var f in new[] { "weights.bin", "model.json", "train-log.csv", "metrics.json" })
                Assert.True(File.Exists(Path.Combine(straight, f)), f + " missing");
            Assert.Equal(3, File.ReadAllLines(Path.Combine(straight, "train-log.csv")).Length); // header + 2 epochs
            Assert.Equal(7, metrics["properties"]!.AsArray().Count);
            var manifest = BarrierNet.Model.Evaluation.ModelManifest.Read(straight);
            Assert.Equal(7, manifest.Provenance!.Data.Count);
            Assert.Equal(BarrierNet.Model.Training.PretrainRecipe.Of(Options(data, straight)), manifest.RecipeAs<BarrierNet.Model.Training.PretrainRecipe>(straight));
            Assert.DoesNotContain(manifest.Files, f => f.Path.StartsWith("checkpoint/"));

            new Pretrainer(Options(data, interrupted) with { StopAfterEpochs = 1 }).Run();
            Assert.Equal(2, File.ReadAllLines(Path.Combine(interrupted, "train-log.csv")).Length);
            new Pretrainer(Options(data, interrupted) with { Resume = true }).Run();
            Assert.Equal(File.ReadAllText(Path.Combine(straight, "train-log.csv")).Split('\n').Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))),
                         File.ReadAllText(Path.Combine(interrupted, "train-log.csv")).Split('\n').Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))));
            Assert.Equal(Predictions(Path.Combine(straight, "checkpoint"), data), Predictions(Path.Combine(interrupted, "checkpoint"), data));
        }
        finally
        {
            foreach (var d in new[] { data, straight, interrupted }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }
}
