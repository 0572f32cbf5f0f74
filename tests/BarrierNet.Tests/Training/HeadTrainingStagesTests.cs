using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using BarrierNet.Tests.Heads;
using TorchSharp;
using Xunit;

namespace BarrierNet.Tests.Training;

/// <summary>The stages of a full head training, each on the eight synthetic bands and a tiny backbone.</summary>
[Collection("torch")]
public class HeadTrainingStagesTests
{
    public HeadTrainingStagesTests() => TorchRuntime.EnsureLoadable();

    private static readonly IReadOnlyList<BarrierEntry> Entries = HeadTestData.Entries();
    private static double[] Targets => Entries.Select(e => e.Target!.Value).ToArray();

    private static HeadRecipe Recipe(int epochs = 2) =>
        new HeadRecipe { From = HeadRecipe.Scratch, Ensemble = 2, Folds = 2, Epochs = epochs, BatchSize = 4, Trees = 0 }.Resolved();

    private static MemberFolds Folds(int models = 2) => new(Entries, 2, models, 42, GroupedFolds.Grouping.SystemAndFamily);

    [Fact]
    public void TheTrainingSetShiftsTheTargetToTheMedianOnTheNetworksScale()
    {
        var set = HeadTrainingSet.Build(Entries, HeadTestData.Tiny, new HeadOptions { Target = HeadTarget.Log1p }, threads: 1);
        Assert.Equal(Entries.Count, set.Samples.Length);
        Assert.Equal(Targets, set.Targets);
        Assert.Equal(Math.Log(1 + Median.Of(Targets)), set.Config.TargetShift, 12);
        Assert.NotNull(set.Config.Scaler);
        Assert.Null(HeadTrainingSet.Build(Entries, HeadTestData.Tiny, new HeadOptions { Descriptors = false }, threads: 1).Config.Scaler);
    }

    [Fact]
    public void AMemberTrainsOnAllFoldsButItsOwnAndRecordsItsHeldOutPredictions()
    {
        var dir = HeadTestData.TempDir("member");
        try
        {
            var set = HeadTrainingSet.Build(Entries, HeadTestData.Tiny, new HeadOptions(), threads: 1);
            var folds = Folds();
            // Stopped after one of two epochs: not finished, a checkpoint to resume from.
            Assert.False(new MemberTraining(set, folds, Recipe(), null, torch.CPU, dir, new RunSettings(), stopAfterEpochs: 1).Train(0));
            Assert.Equal(1, MemberTraining.CompletedEpochs(dir, 0, 2));
            Assert.False(MemberRecord.Exists(dir, 0));

            var training = new MemberTraining(set, folds, Recipe(), null, torch.CPU, dir, new RunSettings());
            Assert.True(training.Train(0));
            Assert.Equal(2, MemberTraining.CompletedEpochs(dir, 0, 2));
            var record = MemberRecord.Read(dir, 0);
            Assert.Equal(folds.Validation(0), record.Validation);
            Assert.Equal(2, record.History.Count);
            Assert.False(Directory.Exists(Path.Combine(GnnEnsemble.MemberDirectory(dir, 0), "checkpoint")));
            // The weights left are the best epoch's: they predict the held-out fold as recorded.
            using var gnn = GnnEnsemble.Load(dir, set.Config, 1, null);
            var held = record.Validation.Select(i => set.Samples[i]).ToList();
            Assert.Equal(record.Best, gnn.Predict(0, held), new Tolerance(1e-5));
            // A finished member is not trained again.
            var weights = File.ReadAllBytes(Path.Combine(GnnEnsemble.MemberDirectory(dir, 0), HeadTrainer.WeightsFile));
            Assert.True(training.Train(0));
            Assert.Equal(weights, File.ReadAllBytes(Path.Combine(GnnEnsemble.MemberDirectory(dir, 0), HeadTrainer.WeightsFile)));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void OutOfFoldPredictionsAverageTheMembersThatHeldEachEntryOut()
    {
        var history = new List<MemberEpoch>();
        var a = new MemberRecord(new[] { 0, 2 }, new[] { 1.0, 2.0 }, new[] { 1.5, 2.5 }, 1, 0.1, history);
        var b = new MemberRecord(new[] { 2, 3 }, new[] { 4.0, 5.0 }, new[] { 4.5, 5.5 }, 1, 0.1, history);
        var oof = OutOfFoldPredictions.Gather(new[] { a, b }, 5);
        Assert.Equal(new[] { 0, 2, 3 }, oof.Held);
        Assert.Equal(new[] { 1.0, double.NaN, 3.0, 5.0, double.NaN }, oof.Best);
        Assert.Equal(new[] { 1.5, double.NaN, 3.5, 5.5, double.NaN }, oof.Last);
        // Blended at a constant weight w: w·GNN + (1 − w)·trees, entry by entry.
        var blend = new TreeBlend(0.25, 10, new Dictionary<string, double>());
        var trees = new DescriptorPredictions(new[] { 3.0, 0, 7.0, 1.0, 0 }, null);
        var blended = oof.Blended(blend, trees);
        Assert.Equal(0.25 * 3.0 + 0.75 * 7.0, blended.Best[2], 12);
        Assert.Equal(0.25 * 5.5 + 0.75 * 1.0, blended.Last[3], 12);
        Assert.Equal(oof.Held, blended.Held);
    }

    [Fact]
    public void TheDescriptorEnsembleOwnsItsFoldMapFolderLayoutAndFiles()
    {
        // Two members, two folds, two partitions: four models; model j holds out fold j mod 2 of partition ⌊j / 2⌋ and
        // belongs to member j mod 2.
        Assert.Equal(2, DescriptorEnsemble.ModelCount(2, 2, 1));
        Assert.Equal(4, DescriptorEnsemble.ModelCount(2, 2, 2));
        Assert.Equal(5, DescriptorEnsemble.ModelCount(5, 2, 2));
        var folds = Folds(models: 4);
        Assert.Equal((1, 0), folds.HeldOutFold(2));
        var options = DescriptorBaselineOptions.ExtraTreesKernel with { Trees = 5 };
        var descriptors = DescriptorEnsemble.Fit(Entries, folds, members: 2, count: 4, options, seed: 7);
        Assert.Equal(new[] { 0, 2 }, descriptors.ModelsOf(0));
        Assert.Equal(new[] { 1, 3 }, descriptors.ModelsOf(1));
        Assert.Equal(1, descriptors.MemberOf(3));
        var x = DescriptorCache.GetAll(Entries);
        for (int j = 0; j < 4; j++)
        {
            // Model j is the descriptor model of its training folds with seed + j.
            var alone = DescriptorBaseline.Train(folds.Training(j).Select(i => Entries[i]).ToList(), options, 7 + j);
            Assert.Equal(alone.PredictDescriptors(x), descriptors.Models[j].PredictDescriptors(x));
        }
        // Out of fold: the mean of the two models (one per partition) that held each entry out.
        var oof = descriptors.OutOfFold(Entries, folds);
        for (int i = 0; i < Entries.Count; i++)
        {
            var holding = Enumerable.Range(0, 4).Where(j => folds.HeldOut(j, i)).ToArray();
            Assert.Equal(2, holding.Length);
            Assert.Equal(holding.Average(j => descriptors.Models[j].PredictDescriptors(new[] { x[i] })[0]), oof.Barriers[i], 12);
            Assert.Equal(holding.Average(j => descriptors.Models[j].KernelStd(new[] { x[i] })[0]), oof.Novelty![i], 12);
        }
        // Saved in descriptors/j/ and loaded back with the same predictions and the same sharing among members.
        var dir = HeadTestData.TempDir("descriptors");
        try
        {
            descriptors.Save(dir);
            Assert.True(File.Exists(Path.Combine(dir, "descriptors", "3", DescriptorBaseline.TreesFile)));
            var loaded = DescriptorEnsemble.Load(dir, descriptors.Describe(), members: 2);
            Assert.Equal(4, descriptors.Describe().Count);
            Assert.Equal(descriptors.Bag(1).PredictDescriptors(x), loaded.Bag(1).PredictDescriptors(x), new Tolerance(1e-12));
            DescriptorEnsemble.Delete(dir);
            Assert.False(Directory.Exists(Path.Combine(dir, DescriptorEnsemble.DirectoryName)));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TheBlendIsChosenOutOfFoldAndItsReportNestsTheChoice()
    {
        // GNN and trees err by +0.1 and −0.1 eV on every entry: the half-and-half blend is exact.
        var gnn = new OutOfFoldPredictions(Targets.Select(t => t + 0.1).ToArray(), Targets.Select(t => t + 0.2).ToArray());
        var trees = new DescriptorPredictions(Targets.Select(t => t - 0.1).ToArray(), null);
        var outer = Folds().FirstPartition;
        var selection = BlendSelection.Choose(Entries, gnn, trees, outer, treesPerMember: 10);
        Assert.Equal(0.5, selection.Blend.GnnWeight, 12);
        Assert.Equal(0, selection.Blend.NoveltySlope);
        Assert.Equal(0.1, (double)selection.Report["oof_gnn"]!["mae"]!, 9);
        Assert.Equal(0.1, (double)selection.Report["oof_trees"]!["mae"]!, 9);
        // Each outer fold's weight is chosen on the other fold alone, and is the same 0.5 here.
        Assert.Equal(outer.Distinct().Count(), selection.Report["nested_gnn_weights"]!.AsArray().Count);
        Assert.All(selection.Report["nested_gnn_weights"]!.AsArray(), w => Assert.Equal(0.5, (double)w!, 12));
        Assert.Equal(0, (double)selection.Report["oof_nested"]!["mae"]!, 9);
    }

    [Fact]
    public void TheCalibrationIsFittedOnTheMembersSpreadOfEachHeldOutEntry()
    {
        var set = HeadTrainingSet.Build(Entries, HeadTestData.Tiny, new HeadOptions(), threads: 1);
        var members = Enumerable.Range(0, 2).Select(k => { torch.manual_seed(k); return BarrierHead.Create(set.Config); }).ToList();
        using var ensemble = new HeadEnsemble(new GnnEnsemble(set.Config, members), null, null, null);
        var p0 = ensemble.Gnn.Predict(0, set.Samples);
        var p1 = ensemble.Gnn.Predict(1, set.Samples);
        var oof = new OutOfFoldPredictions(p0, p0);
        var calibration = OutOfFoldCalibration.Fit(ensemble, set.Samples, set.Targets, oof, Folds());
        for (int i = 0; i < Entries.Count; i++) Assert.Equal(Math.Abs(p0[i] - p1[i]) / Math.Sqrt(2), calibration.Uncertainty[i], 9);
        // Eight residuals are too few for split-conformal: the Gaussian ±1.645 σ is kept.
        Assert.Equal(IntervalCalibration.Gaussian90, calibration.Calibration);
        Assert.Null(OutOfFoldCalibration.SingleMember(3).Calibration);
    }

    [Fact]
    public void TheModelWriterWritesTheLogTheMetricsThePredictionsAndModelJson()
    {
        var dir = HeadTestData.TempDir("writer");
        try
        {
            var history = new List<MemberEpoch> { new(0, 1, 2.5, 1e-3, 0.4, 0.5), new(0, 2, 2.5, 5e-4, 0.3, double.NaN) };
            new MemberRecord(new[] { 0, 1 }, new[] { 0.5, 0.6 }, new[] { 0.5, 0.6 }, 1, 0.5, history).Write(EnsureMember(dir, 0), 0);
            var options = new FinetuneOptions { DataFile = FixturePaths.HopBands, OutputDirectory = dir, Recipe = Recipe() };
            var writer = new HeadModelWriter(options, Recipe());
            writer.WriteTrainLog(members: 2); // member 1 has not finished: its rows are absent
            Assert.Equal("member,epoch,seconds,lr,train_mae,val_mae\n0,1,2.5,0.001,0.4,0.5\n0,2,2.5,0.0005,0.3,\n",
                File.ReadAllText(Path.Combine(dir, HeadModelWriter.TrainLogFile)).ReplaceLineEndings("\n"));

            var set = HeadTrainingSet.Build(Entries, HeadTestData.Tiny, new HeadOptions(), threads: 1);
            var manifest = writer.Manifest(set.Config, null, null, Entries.Count);
            Assert.Equal(Recipe().Command(FixturePaths.HopBands, dir), manifest.Provenance!.Command);
            var best = Targets.Select((t, i) => i < 6 ? t + 0.1 : double.NaN).ToArray();
            var oof = new OutOfFoldPredictions(best, best);
            var calibration = new OutOfFoldCalibration(Enumerable.Repeat(0.2, Entries.Count).ToArray(), IntervalCalibration.Gaussian90);
            writer.Write(new System.Text.Json.Nodes.JsonObject { ["members"] = 2 }, Entries, oof, calibration, manifest, members: 2);
            var rows = PredictionsCsv.Read(Path.Combine(dir, HeadModelWriter.OofPredictionsFile));
            Assert.Equal(Entries.Take(6).Select(e => e.SysName), rows.Select(r => r.SysName));
            Assert.All(rows, r => Assert.Equal(0.2, r.Uncertainty!.Value, 9));
            Assert.Contains("\"members\": 2", File.ReadAllText(Path.Combine(dir, HeadModelWriter.CvMetricsFile)));
            var written = ModelManifest.Read(dir);
            Assert.Equal(IntervalCalibration.Gaussian90, written.Calibration);
            Assert.Equal(HeadEnsemble.KindName, written.Kind);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static string EnsureMember(string dir, int member)
    {
        Directory.CreateDirectory(GnnEnsemble.MemberDirectory(dir, member));
        return dir;
    }

    private sealed class Tolerance(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(double v) => 0;
    }
}
