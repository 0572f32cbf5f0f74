using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using Xunit;
using BarrierNet.Tests.Heads;

namespace BarrierNet.Tests.Evaluation;

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
    public void RefitsTheScaleOnHeldOutResidualsIntoACopy()
    {
        var dir = HeadTestData.TempDir("recal");
        try
        {
            string model = Path.Combine(dir, "model"), outDir = Path.Combine(dir, "recal");
            new HeadFinetuner(new FinetuneOptions
            {
                DataFile = FixturePaths.HopBands, OutputDirectory = model,
                Recipe = new HeadRecipe { From = HeadRecipe.Scratch, Ensemble = 2, Epochs = 2, BatchSize = 4, Head = new HeadOptions { Head = HeadKind.Band } },
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

    [Fact]
    public void ConditionalCalibrationChangesIntervalsOnlyAndAUserRefitReplacesIt()
    {
        var dir = HeadTestData.TempDir("condrecal");
        try
        {
            string model = Path.Combine(dir, "model"), cond = Path.Combine(dir, "cond"), lab = Path.Combine(dir, "labrecal");
            new HeadFinetuner(new FinetuneOptions
            {
                DataFile = FixturePaths.HopBands, OutputDirectory = model,
                Recipe = new HeadRecipe { From = HeadRecipe.Scratch, Ensemble = 2, Epochs = 2, BatchSize = 4, Head = new HeadOptions { Head = HeadKind.Band } },
            }).Run();
            var train = BarrierDataset.Load(FixturePaths.HopBands);
            // The model's own out-of-fold file, given twice as two splits: 16 residuals.
            string oof = Path.Combine(model, HeadModelWriter.OofPredictionsFile), copy = Path.Combine(dir, "oof-copy.csv");
            File.Copy(oof, copy);
            var report = ConditionalRecalibration.Run(model, FixturePaths.HopBands, train, new[] { oof, copy }, cond, inPlace: false);
            Assert.Equal(2, report.Sources.Count);
            Assert.Null(ModelManifest.Read(model).ConditionalCalibration); // the source is only read
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(report.Calibration, ModelJson.Options),
                System.Text.Json.JsonSerializer.Serialize(ModelManifest.Read(cond).ConditionalCalibration, ModelJson.Options));
            Assert.Contains(ModelManifest.Read(cond).Files, f => f.Path == ConditionalRecalibration.ReportFile);

            using (var before = HeadEnsemble.Load(model))
            using (var after = HeadEnsemble.Load(cond))
            {
                Assert.NotNull(after.ConditionalCalibration);
                var p0 = before.Predict(train).Predictions;
                var p1 = after.Predict(train).Predictions;
                for (int i = 0; i < train.Count; i++)
                {
                    Assert.Equal(p0[i].Mean, p1[i].Mean);
                    Assert.Equal(p0[i].Uncertainty, p1[i].Uncertainty);
                    var expected = after.ConditionalCalibration!.Predict(p0[i].Mean, p0[i].Uncertainty!.Value, train[i].Ion);
                    Assert.Equal(expected.Interval90, p1[i].Interval90);
                }
            }

            // A user's refit on their own barriers is a single scale again: the per-range file does not survive it.
            var held = BarrierDataset.Load(HeldOutFile(dir));
            Recalibration.Run(cond, Path.Combine(dir, "lab.json"), held, lab);
            Assert.Null(ModelManifest.Read(lab).ConditionalCalibration);
            Assert.False(File.Exists(Path.Combine(lab, ConditionalRecalibration.ReportFile)));
            using (var refit = HeadEnsemble.Load(lab)) Assert.Null(refit.ConditionalCalibration);

            // A hop the data file does not know is one clear error naming the file and line.
            var bad = Path.Combine(dir, "bad.csv");
            File.WriteAllText(bad, "sys_name,target,prediction,uncertainty\nNOPE_1,0.5,0.4,0.1\n");
            var e = Assert.Throws<ArgumentException>(() => ConditionalRecalibration.Run(model, FixturePaths.HopBands, train, new[] { bad }, Path.Combine(dir, "z"), false));
            Assert.Contains("bad.csv: line 2: NOPE_1 is not in the data file", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
