using System.Security.Cryptography;
using System.Text.Json;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Heads;

[Collection("torch")]
public class HeadFinetunerTests
{
    public HeadFinetunerTests() => TorchRuntime.EnsureLoadable();

    private static FinetuneOptions Options(string dir, int epochs = 2) => new()
    {
        DataFile = FixturePaths.HopBands, OutputDirectory = dir, From = "scratch", Ensemble = 2, Epochs = epochs, BatchSize = 4,
        Head = new HeadOptions { Head = "band" },
    };

    [Fact]
    public void Ensemble_is_saved_and_reloads_with_identical_predictions_and_intervals()
    {
        var dir = HeadTestData.TempDir("save");
        try
        {
            var metrics = new HeadFinetuner(Options(dir)).Run();
            Assert.NotNull(metrics);
            foreach (var f in new[] { "model.json", "head.json", "calibration.json", "cv-metrics.json", "train-log.csv", "data-hashes.json", "command.txt" })
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            var entries = HeadTestData.Entries();
            var a = BarrierModelLoader.Load(dir).Predict(entries).Predictions;
            var b = BarrierModelLoader.Load(dir).Predict(entries).Predictions;
            Assert.Equal(a.Select(p => p.Mean), b.Select(p => p.Mean));
            Assert.All(a, p =>
            {
                Assert.NotNull(p.Uncertainty);
                Assert.True(p.Lower90 < p.Mean && p.Mean < p.Upper90);
            });
            // Member 0 reloaded predicts its held-out fold exactly as it did when training finished.
            var rec = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(HeadEnsemble.MemberDirectory(dir, 0), "member.json")))!;
            using var ens = HeadEnsemble.Load(dir);
            var samples = HopGraphs.SampleMany(rec.Validation.Select(i => entries[i]).ToList(), ens.Config.Backbone.Graph, ens.Config.Options, 1);
            var p0 = HeadTrainer.Predict(ens.Members[0], samples, TorchSharp.torch.CPU);
            for (int i = 0; i < p0.Length; i++) Assert.Equal(rec.Best[i], p0[i], 5);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Interrupted_finetune_resumes_to_the_same_result()
    {
        var once = HeadTestData.TempDir("once");
        var twice = HeadTestData.TempDir("twice");
        try
        {
            new HeadFinetuner(Options(once, 3)).Run();
            Assert.Null(new HeadFinetuner(Options(twice, 3) with { StopAfterEpochs = 2 }).Run());
            Assert.True(File.Exists(Path.Combine(HeadEnsemble.MemberDirectory(twice, 0), "checkpoint", "state.json")));
            Assert.NotNull(new HeadFinetuner(Options(twice, 3)).Run());
            for (int m = 0; m < 2; m++)
            {
                var r1 = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(HeadEnsemble.MemberDirectory(once, m), "member.json")))!;
                var r2 = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(HeadEnsemble.MemberDirectory(twice, m), "member.json")))!;
                Assert.Equal(r1.Last.Length, r2.Last.Length);
                for (int i = 0; i < r1.Last.Length; i++) Assert.Equal(r1.Last[i], r2.Last[i], 5);
            }
        }
        finally { Directory.Delete(once, true); Directory.Delete(twice, true); }
    }

    [Fact]
    public void Few_shot_adaptation_writes_only_to_its_output_and_reports_before_and_after()
    {
        var source = HeadTestData.TempDir("source");
        var adapted = HeadTestData.TempDir("adapted");
        try
        {
            new HeadFinetuner(Options(source, 1)).Run();
            var before = Hashes(source);
            var report = new HeadFinetuner(Options(adapted, 2) with { From = source }).Run();
            Assert.NotNull(report);
            Assert.Equal(before, Hashes(source));
            Assert.True(File.Exists(Path.Combine(adapted, "fewshot-report.json")));
            Assert.NotNull(report!["before"]!["mae"]);
            Assert.NotNull(report["after"]!["mae"]);
            Assert.Equal(2, HeadEnsemble.Load(adapted).Members.Count);
            // Refuses to write over (or inside) the source model.
            Assert.Throws<ArgumentException>(() => new HeadFinetuner(Options(source, 2) with { From = source }).Run());
            Assert.Throws<ArgumentException>(() => new HeadFinetuner(Options(Path.Combine(source, "sub"), 2) with { From = source }).Run());
            Assert.Equal(before, Hashes(source));
        }
        finally { Directory.Delete(source, true); Directory.Delete(adapted, true); }
    }

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order()
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
