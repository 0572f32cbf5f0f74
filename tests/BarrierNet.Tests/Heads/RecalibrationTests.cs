using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Heads;

/// <summary>`calibrate`: split-conformal refit on held-out barriers, written to a copy; the source is never touched.</summary>
public class RecalibrationTests
{
    public RecalibrationTests() => TorchRuntime.EnsureLoadable();

    /// <summary>The eight fixture bands twice over (targets shifted by 0.3 eV the second time): 16 "new" barriers.</summary>
    private static string HeldOutFile(string dir)
    {
        var arr = JsonNode.Parse(File.ReadAllText(FixturePaths.HopBands))!.AsArray();
        var result = new JsonArray();
        foreach (var copy in new[] { 0, 1 })
            foreach (var e in arr)
            {
                var c = e!.DeepClone();
                c["sys_name"] = c["sys_name"]!.GetValue<string>() + $"_lab{copy}";
                c["target"] = c["target"]!.GetValue<double>() + 0.3 * copy;
                result.Add(c);
            }
        var path = Path.Combine(dir, "lab.json");
        File.WriteAllText(path, result.ToJsonString());
        return path;
    }

    [Fact]
    public void Refits_the_scale_on_held_out_residuals_into_a_copy()
    {
        var dir = HeadTestData.TempDir("recal");
        try
        {
            string model = Path.Combine(dir, "model"), outDir = Path.Combine(dir, "recal");
            new HeadFinetuner(new FinetuneOptions
            {
                DataFile = FixturePaths.HopBands, OutputDirectory = model,
                Recipe = new HeadRecipe { From = HeadRecipe.Scratch, Ensemble = 2, Epochs = 2, BatchSize = 4, Head = new HeadOptions { Head = "band" } },
            }).Run();
            var sourceFiles = Directory.GetFiles(model, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
            string lab = HeldOutFile(dir);
            var entries = BarrierDataset.Load(lab);
            var (report, _) = Recalibration.Run(model, lab, entries, outDir);

            // Independent check of the refitted scale: the conformal quantile of |residual| / spread.
            using var ens = HeadEnsemble.Load(model);
            var pred = ens.Predict(entries).Predictions;
            var expected = IntervalCalibration.Fit(entries.Select((e, i) => pred[i].Mean - e.Target!.Value).ToList(),
                pred.Select(p => p.Uncertainty!.Value).ToList());
            Assert.Equal(expected.Scale, report.ScaleAfter, 9);
            Assert.Equal(16, report.N);
            Assert.True(report.CoverageAfter >= 0.9, $"coverage {report.CoverageAfter}");
            using (var recal = HeadEnsemble.Load(outDir)) Assert.Equal(expected.Scale, recal.Calibration!.Scale, 9);
            Assert.True(File.Exists(Path.Combine(outDir, Recalibration.ReportFile)));
            // The source model is byte for byte what it was.
            foreach (var (f, bytes) in sourceFiles) Assert.Equal(bytes, File.ReadAllBytes(f));
            Assert.Equal(sourceFiles.Count, Directory.GetFiles(model, "*", SearchOption.AllDirectories).Length);

            // Refusals: the training file itself, the source as output, an existing output, too few barriers.
            var train = BarrierDataset.Load(FixturePaths.HopBands);
            Assert.Contains("trained on", Assert.Throws<ArgumentException>(() => Recalibration.Run(model, FixturePaths.HopBands, train, Path.Combine(dir, "x"))).Message);
            Assert.Contains("must differ", Assert.Throws<ArgumentException>(() => Recalibration.Run(model, lab, entries, model)).Message);
            Assert.Contains("outside it", Assert.Throws<ArgumentException>(() => Recalibration.Run(model, lab, entries, Path.Combine(model, "recal"))).Message);
            Assert.Contains("not empty", Assert.Throws<ArgumentException>(() => Recalibration.Run(model, lab, entries, outDir)).Message);
            Assert.Contains("at least 10", Assert.Throws<ArgumentException>(() => Recalibration.Run(model, lab, entries.Take(9).ToList(), Path.Combine(dir, "y"))).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
