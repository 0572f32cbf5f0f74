using System.Security.Cryptography;
using System.Text.Json;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using Xunit;
using BarrierNet.Tests.Heads;

namespace BarrierNet.Tests.Training;

[Collection("torch")]
public class HeadFinetunerTests
{
    public HeadFinetunerTests() => TorchRuntime.EnsureLoadable();

    private static FinetuneOptions Options(string dir, int epochs = 2) => new()
    {
        DataFile = FixturePaths.HopBands, OutputDirectory = dir,
        Recipe = new HeadRecipe { From = HeadRecipe.Scratch, Ensemble = 2, Epochs = epochs, BatchSize = 4, Trees = 0, Head = new HeadOptions { Head = HeadKind.Band } },
    };

    /// <summary>The options with the recipe changed.</summary>
    private static FinetuneOptions With(FinetuneOptions o, Func<HeadRecipe, HeadRecipe> change) => o with { Recipe = change(o.Recipe) };

    [Fact]
    public void EnsembleIsSavedAndReloadsWithIdenticalPredictionsAndIntervals()
    {
        var dir = HeadTestData.TempDir("save");
        try
        {
            var metrics = new HeadFinetuner(Options(dir)).Run();
            Assert.NotNull(metrics);
            foreach (var f in new[] { "model.json", "cv-metrics.json", "train-log.csv", "oof-predictions.csv" })
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            // One model.json: format version, the full recipe, provenance, the parts, and every file with its hash.
            var manifest = ModelManifest.Read(dir);
            Assert.Equal(ModelManifest.CurrentFormatVersion, manifest.FormatVersion);
            Assert.NotNull(manifest.Head);
            Assert.NotNull(manifest.Calibration);
            var recipe = manifest.RecipeAs<HeadRecipe>(dir);
            Assert.Equal((2, 2, 4, 0.01), (recipe.Ensemble, recipe.Folds, recipe.BatchSize, recipe.WeightDecay));
            Assert.Equal(recipe.Command(FixturePaths.HopBands, dir), manifest.Provenance!.Command);
            Assert.Equal(ModelManifest.Sha256(FixturePaths.HopBands), manifest.Provenance.Data[FixturePaths.HopBands]);
            Assert.Equal(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Count() - 1, manifest.Files.Count);
            Assert.All(manifest.Files, f => Assert.Equal(ModelManifest.Sha256(Path.Combine(dir, f.Path)), f.Sha256));
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
            var rec = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(GnnEnsemble.MemberDirectory(dir, 0), "member.json")))!;
            using var ens = HeadEnsemble.Load(dir);
            var samples = HopGraphs.SampleMany(rec.Validation.Select(i => entries[i]).ToList(), ens.Config.Backbone.Graph, ens.Config.Options, 1);
            var p0 = HeadTrainer.Predict(ens.Members[0], samples, TorchSharp.torch.CPU);
            for (int i = 0; i < p0.Length; i++) Assert.Equal(rec.Best[i], p0[i], 5);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AHeadTrainedOnPathBandsRecordsThemAndPredictsOnThem()
    {
        var dir = HeadTestData.TempDir("path-bands");
        try
        {
            new HeadFinetuner(With(Options(dir), r => r with { Head = r.Head with { Images = BandImages.Path } })).Run();
            var manifest = ModelManifest.Read(dir);
            Assert.Equal(BandImages.Path, manifest.RecipeAs<HeadRecipe>(dir).Head.Images);
            Assert.Contains("--band-images path", manifest.Provenance!.Command);
            using var ens = HeadEnsemble.Load(dir);
            Assert.Equal(BandImages.Path, ens.Config.Options.Images);

            // Reloaded, member 0 predicts its held-out fold as it did in training: the same path bands are read back.
            var entries = HeadTestData.Entries();
            var rec = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(GnnEnsemble.MemberDirectory(dir, 0), "member.json")))!;
            var held = rec.Validation.Select(i => entries[i]).ToList();
            var onPath = HeadTrainer.Predict(ens.Members[0], ens.Samples(held, 1), TorchSharp.torch.CPU);
            for (int i = 0; i < onPath.Length; i++) Assert.Equal(rec.Best[i], onPath[i], 5);
            // The same member reading the straight bands predicts otherwise wherever the path bends away from the line.
            var straight = HopGraphs.SampleMany(entries, ens.Config.Backbone.Graph, ens.Config.Options with { Images = BandImages.Straight }, 1);
            var all = HeadTrainer.Predict(ens.Members[0], ens.Samples(entries, 1), TorchSharp.torch.CPU);
            var line = HeadTrainer.Predict(ens.Members[0], straight, TorchSharp.torch.CPU);
            int rocksalt = entries.ToList().FindIndex(e => e.SysName == "RS-CoO_Li_1");
            Assert.NotEqual(line[rocksalt], all[rocksalt], 6);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ALog1pHeadLearnsLogBarriersAndPredictsInEV()
    {
        var dir = HeadTestData.TempDir("log1p");
        try
        {
            new HeadFinetuner(With(Options(dir), r => r with { Head = new HeadOptions { Head = HeadKind.Band, Target = HeadTarget.Log1p } })).Run();
            Assert.Equal(HeadTarget.Log1p, ModelManifest.Read(dir).Head!.Options.Target);
            Assert.Contains("\"target\": \"log1p\"", File.ReadAllText(Path.Combine(dir, ModelManifest.FileName)));
            var entries = HeadTestData.Entries();
            using var ens = HeadEnsemble.Load(dir);
            Assert.Equal(HeadTarget.Log1p, ens.Config.Options.Target);
            // The output starts from the training median on the network's own scale.
            var sorted = entries.Select(e => e.Target!.Value).Order().ToArray();
            double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            Assert.Equal(Math.Log(1 + median), ens.Config.TargetShift, 12);
            var samples = HopGraphs.SampleMany(entries, ens.Config.Backbone.Graph, ens.Config.Options, 1);
            var member = ens.Members[0];
            var ev = HeadTrainer.Predict(member, samples, TorchSharp.torch.CPU);
            member.eval();
            using (TorchSharp.torch.no_grad())
            using (var batch = HopBatch.Collate(samples, ens.Config.Scaler, TorchSharp.torch.CPU))
            {
                var raw = member.Forward(batch).data<float>().ToArray();
                for (int i = 0; i < raw.Length; i++) Assert.Equal(Math.Exp(raw[i]) - 1, ev[i], 9);
            }
            Assert.All(ev, v => Assert.True(v > -1));
        }
        finally { Directory.Delete(dir, true); }
        Assert.Contains("--target must be ev, log1p or sqrt, not 'log'", Assert.Throws<ArgumentException>(() => ChoiceNames.Parse<HeadTarget>("log", "--target")).Message);
        Assert.Equal(0.7, new HeadOptions { Target = HeadTarget.Log1p }.ToBarrier(new HeadOptions { Target = HeadTarget.Log1p }.ToFitted(0.7)), 12);
        Assert.Equal(Math.Sqrt(0.7), new HeadOptions { Target = HeadTarget.Sqrt }.ToFitted(0.7), 12);
        Assert.Equal(0.7, new HeadOptions { Target = HeadTarget.Sqrt }.ToBarrier(Math.Sqrt(0.7)), 12);
        Assert.Equal(-0.1, new HeadOptions { Target = HeadTarget.Ev }.ToFitted(-0.1)); // eV targets pass through unclipped
    }

    [Fact]
    public void InterruptedFinetuneResumesToTheSameResult()
    {
        var once = HeadTestData.TempDir("once");
        var twice = HeadTestData.TempDir("twice");
        try
        {
            new HeadFinetuner(Options(once, 3)).Run();
            Assert.Null(new HeadFinetuner(Options(twice, 3) with { StopAfterEpochs = 2 }).Run());
            Assert.True(File.Exists(Path.Combine(GnnEnsemble.MemberDirectory(twice, 0), "checkpoint", "state.json")));
            Assert.NotNull(new HeadFinetuner(Options(twice, 3)).Run());
            for (int m = 0; m < 2; m++)
            {
                var r1 = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(GnnEnsemble.MemberDirectory(once, m), "member.json")))!;
                var r2 = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(GnnEnsemble.MemberDirectory(twice, m), "member.json")))!;
                Assert.Equal(r1.Last.Length, r2.Last.Length);
                for (int i = 0; i < r1.Last.Length; i++) Assert.Equal(r1.Last[i], r2.Last[i], 5);
            }
        }
        finally { Directory.Delete(once, true); Directory.Delete(twice, true); }
    }

    [Fact]
    public void FewShotAdaptationWritesOnlyToItsOutputAndReportsBeforeAndAfter()
    {
        var source = HeadTestData.TempDir("source");
        var adapted = HeadTestData.TempDir("adapted");
        try
        {
            new HeadFinetuner(Options(source, 1)).Run();
            var before = Hashes(source);
            var report = new HeadFinetuner(With(Options(adapted, 2), r => r with { From = source })).Run();
            Assert.NotNull(report);
            Assert.Equal(before, Hashes(source));
            Assert.True(File.Exists(Path.Combine(adapted, "fewshot-report.json")));
            Assert.NotNull(report!["before"]!["mae"]);
            Assert.NotNull(report["after"]!["mae"]);
            Assert.Equal(2, HeadEnsemble.Load(adapted).Members.Count);
            // Refuses to write over (or inside) the source model.
            Assert.Throws<ArgumentException>(() => new HeadFinetuner(With(Options(source, 2), r => r with { From = source })).Run());
            Assert.Throws<ArgumentException>(() => new HeadFinetuner(With(Options(Path.Combine(source, "sub"), 2), r => r with { From = source })).Run());
            Assert.Equal(before, Hashes(source));
        }
        finally { Directory.Delete(source, true); Directory.Delete(adapted, true); }
    }

    [Fact]
    public void TheDescriptorModelsScaleVoteAndKernelAreChosenByOptionsAndChecked()
    {
        var dir = HeadTestData.TempDir("tree-target");
        try
        {
            var bad = Assert.Throws<ArgumentException>(() => new HeadFinetuner(With(Options(dir), r => r with { TreeTarget = BarrierScale.None })).Run());
            Assert.Contains("--tree-target must be log1p or sqrt, not 'none'", bad.Message);
            bad = Assert.Throws<ArgumentException>(() => new HeadFinetuner(With(Options(dir), r => r with { KernelAlpha = 0 })).Run());
            Assert.Contains("--kernel-alpha must be a positive number", bad.Message);
            bad = Assert.Throws<ArgumentException>(() => new HeadFinetuner(With(Options(dir), r => r with { KernelGamma = double.NaN })).Run());
            Assert.Contains("--kernel-gamma must be a positive number", bad.Message);
            new HeadFinetuner(With(Options(dir), r => r with { Trees = 10, TreeTarget = BarrierScale.Log1p, TreeVote = TreeVote.Mean, KernelAlpha = 0.05, KernelGamma = 2 })).Run();
            var trees = DescriptorBaseline.LoadFiles(DescriptorEnsemble.ModelDirectory(dir, 0), ModelManifest.Read(dir).DescriptorModels!);
            Assert.Equal(BarrierScale.Log1p, trees.Options.TargetTransform);
            Assert.Equal(TreeVote.Mean, trees.Options.TreeVote);
            Assert.Equal((0.05, 2.0), (trees.Options.KernelAlpha, trees.Options.KernelGamma));
            // Its novelty in eV is the log-scale posterior std times dEm/dlog(1 + Em) = 1 + Em.
            var x = DescriptorCache.GetAll(HeadTestData.Entries().Take(3).ToList());
            var std = trees.KernelStd(x);
            Assert.Equal(std[0] * 1.5, trees.PosteriorStd(x, new[] { 0.5, 0, 0 })[0], 12);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TreesBlendIsChosenOutOfFoldSavedAndReloaded()
    {
        var dir = HeadTestData.TempDir("blend");
        try
        {
            // One descriptor model per member (bagging over partitions, the default, is tested below).
            var metrics = new HeadFinetuner(With(Options(dir), r => r with { Trees = 10, TreePartitions = 1 })).Run()!;
            var manifest = ModelManifest.Read(dir);
            var blend = manifest.Blend!;
            Assert.Equal(2, manifest.DescriptorModels!.Count);
            Assert.Equal(10, blend.TreesPerMember);
            // The descriptor models fit √Em by default and combine their trees by the median
            // (both lowered the grouped-CV MAE: docs/experiments/heads.md).
            var options = manifest.DescriptorModels.Options;
            Assert.Equal((BarrierScale.Sqrt, TreeVote.Median), (options.TargetTransform, options.TreeVote));
            // (w₀, slope) is the grid point with the lowest out-of-fold MAE; at slope 0 the curve's end points are GNN and
            // trees alone.
            static string Key(double v) => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(blend.OofMaeByWeight.Values.Min(), blend.OofMaeByWeight[Key(blend.GnnWeight)]);
            Assert.Equal(blend.OofMaeBySlope!.Values.Min(), blend.OofMaeBySlope[Key(blend.NoveltySlope)]);
            Assert.Equal(blend.OofMaeBySlope.Values.Min(), blend.OofMaeByWeight.Values.Min());
            if (blend.NoveltySlope == 0)
            {
                // blend.json keeps five decimals: equal to within their rounding.
                Assert.Equal((double)metrics["blend"]!["oof_gnn"]!["mae"]!, blend.OofMaeByWeight["1.00"], tolerance: 5e-6);
                Assert.Equal((double)metrics["blend"]!["oof_trees"]!["mae"]!, blend.OofMaeByWeight["0.00"], tolerance: 5e-6);
            }
            Assert.Equal(blend.OofMaeByWeight.Values.Min(), (double)metrics["oof"]!["mae"]!, tolerance: 5e-6);
            var oof = PredictionsCsv.Read(Path.Combine(dir, HeadModelWriter.OofPredictionsFile));
            Assert.Equal((int)metrics["oof"]!["n"]!, oof.Count);
            Assert.Equal((double)metrics["oof"]!["mae"]!, oof.Average(r => Math.Abs(r.Prediction - r.Target!.Value)), 9);
            // The reported width is that of the intervals predict shows (stopping at 0 eV).
            var cal = manifest.Calibration!;
            double width = oof.Average(r =>
            {
                double half = cal.Scale * Math.Max(r.Uncertainty!.Value, cal.SigmaFloor);
                return r.Prediction + half - Math.Max(0, r.Prediction - half);
            });
            Assert.Equal(width, (double)metrics["oof"]!["interval_width90"]!, 6);

            // Reloaded, each member predicts w·GNN + (1 − w)·its own trees, w = clamp(w₀ + slope·z, 0, 1) with z its own
            // kernel's posterior std (√eV units, the descriptor models' default scale), standardised as blend.json says.
            var entries = HeadTestData.Entries();
            using var ens = HeadEnsemble.Load(dir);
            var samples = HopGraphs.SampleMany(entries, ens.Config.Backbone.Graph, ens.Config.Options, 1);
            var blended = ens.MemberPredictions(samples);
            var x = samples.Select(sm => sm.Descriptors).ToList();
            var kernels = Enumerable.Range(0, 2).Select(m => KernelRidgeRegressor.Load(
                Path.Combine(DescriptorEnsemble.ModelDirectory(dir, m), DescriptorBaseline.KernelFile))).ToArray();
            for (int m = 0; m < 2; m++)
            {
                var gnn = HeadTrainer.Predict(ens.Members[m], samples, TorchSharp.torch.CPU);
                var trees = DescriptorBaseline.LoadFiles(DescriptorEnsemble.ModelDirectory(dir, m), manifest.DescriptorModels).Predict(entries).Predictions;
                for (int i = 0; i < entries.Count; i++)
                {
                    double z = (kernels[m].PosteriorStd(x[i]) - blend.NoveltyMedian) / blend.NoveltyScale;
                    double w = Math.Clamp(blend.GnnWeight + blend.NoveltySlope * z, 0, 1);
                    Assert.Equal(w * gnn[i] + (1 - w) * trees[i].Mean, blended[m][i], 9);
                }
            }

            // The uncertainty is √(spread² + novelty²): novelty = the members' kernel posterior std (√eV units) × 2√Em.
            Assert.True(ens.HasNovelty);
            var predicted = ens.PredictSamples(samples).Predictions;
            for (int i = 0; i < entries.Count; i++)
            {
                double mean = (blended[0][i] + blended[1][i]) / 2;
                double spread = Math.Abs(blended[0][i] - blended[1][i]) / Math.Sqrt(2);
                double novelty = kernels.Average(kr => kr.PosteriorStd(x[i])) * 2 * Math.Sqrt(Math.Max(mean, 0));
                Assert.Equal(Math.Sqrt(spread * spread + novelty * novelty), predicted[i].Uncertainty!.Value, 9);
            }
            // Out of fold, the novelty is the held-out member's only (member m holds out fold m).
            var rec0 = JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(Path.Combine(GnnEnsemble.MemberDirectory(dir, 0), "member.json")))!;
            int j = rec0.Validation[0];
            double oofPred = oof.Single(r => r.SysName == entries[j].SysName).Prediction;
            double oofSpread = Math.Abs(blended[0][j] - blended[1][j]) / Math.Sqrt(2);
            double oofNovelty = kernels[0].PosteriorStd(x[j]) * 2 * Math.Sqrt(Math.Max(oofPred, 0));
            Assert.Equal(Math.Sqrt(oofSpread * oofSpread + oofNovelty * oofNovelty),
                oof.Single(r => r.SysName == entries[j].SysName).Uncertainty!.Value, 9);

            // Few-shot adaptation adapts the GNN members, keeps the trees byte for byte, and writes the blend weight it
            // reports (chosen again on its cross-validation when it adapted, the source's otherwise).
            var adapted = HeadTestData.TempDir("blend-adapted");
            try
            {
                var report = new HeadFinetuner(With(Options(adapted, 1), r => r with { From = dir })).Run()!;
                Assert.Equal(blend.GnnWeight, (double)report["gnn_weight_before"]!);
                Assert.Equal((double)report["gnn_weight_after"]!, ModelManifest.Read(adapted).Blend!.GnnWeight);
                if (!(bool)report["adapted"]!) Assert.Equal(blend.GnnWeight, ModelManifest.Read(adapted).Blend!.GnnWeight);
                Assert.Equal(Hashes(DescriptorEnsemble.ModelDirectory(dir, 1)), Hashes(DescriptorEnsemble.ModelDirectory(adapted, 1)));
                using var a = HeadEnsemble.Load(adapted);
                Assert.NotNull(a.Blend);
            }
            finally { Directory.Delete(adapted, true); }

            // A damaged model directory is a one-line ArgumentException naming the file, never a JSON stack trace.
            var broken = HeadTestData.TempDir("blend-broken");
            try
            {
                ModelManifest.CopyDirectory(dir, broken);
                var json = Path.Combine(broken, ModelManifest.FileName);
                File.WriteAllText(json, "{ not json");
                Assert.Contains("not a valid model.json", Assert.Throws<ArgumentException>(() => HeadEnsemble.Load(broken)).Message);
                File.WriteAllText(json, File.ReadAllText(Path.Combine(dir, ModelManifest.FileName)).Replace("\"format_version\": 2", "\"format_version\": 1"));
                Assert.Contains("model format version 1", Assert.Throws<ArgumentException>(() => HeadEnsemble.Load(broken)).Message);
                File.Copy(Path.Combine(dir, ModelManifest.FileName), json, true);
                File.AppendAllText(Path.Combine(DescriptorEnsemble.ModelDirectory(broken, 1), DescriptorBaseline.TreesFile), "x");
                Assert.Contains("damaged or replaced", Assert.Throws<ArgumentException>(() => HeadEnsemble.Load(broken)).Message);
                Directory.Delete(DescriptorEnsemble.ModelDirectory(broken, 1), true);
                Assert.Contains("missing", Assert.Throws<ArgumentException>(() => HeadEnsemble.Load(broken)).Message);
            }
            finally { Directory.Delete(broken, true); }

            // Re-running resumes the finished members and fits the same descriptor models again; with --trees 0 the blend is gone.
            var treeHashes = Hashes(DescriptorEnsemble.ModelDirectory(dir, 0));
            new HeadFinetuner(With(Options(dir), r => r with { Trees = 10, TreePartitions = 1 })).Run();
            Assert.Equal(treeHashes, Hashes(DescriptorEnsemble.ModelDirectory(dir, 0)));
            new HeadFinetuner(Options(dir)).Run();
            Assert.Null(ModelManifest.Read(dir).Blend);
            Assert.False(Directory.Exists(Path.Combine(dir, DescriptorEnsemble.DirectoryName)));
            using var plain = HeadEnsemble.Load(dir);
            Assert.Null(plain.Blend);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void DescriptorModelsWithTheBlockageDescriptorsReadThemAtPredictionAndRoundTrip()
    {
        var dir = HeadTestData.TempDir("blockage");
        try
        {
            var o = With(Options(dir), r => r with { Trees = 10, TreePartitions = 1, TreeWeightPower = 0.5, TreeBlockage = true });
            new HeadFinetuner(o).Run();
            var manifest = ModelManifest.Read(dir);
            Assert.True(manifest.RecipeAs<HeadRecipe>(dir).TreeBlockage);
            Assert.EndsWith("--tree-weight-power 0.5 --tree-blockage", manifest.Provenance!.Command);
            var set = manifest.DescriptorModels!;
            Assert.True(set.Options.BlockageDescriptors);
            Assert.Equal(HopDescriptors.Names.Concat(BlockageDescriptors.Names), set.DescriptorNames);

            // Saved and loaded twice, the model predicts the same.
            var entries = HeadTestData.Entries();
            var a = BarrierModelLoader.Load(dir).Predict(entries).Predictions;
            var b = BarrierModelLoader.Load(dir).Predict(entries).Predictions;
            Assert.Equal(a.Select(p => (p.Mean, p.Lower90, p.Upper90)), b.Select(p => (p.Mean, p.Lower90, p.Upper90)));

            // The network reads the hop descriptors alone; the descriptor models read them with the blockage descriptors.
            using var ens = HeadEnsemble.Load(dir);
            Assert.Equal(HopDescriptors.Names.Count, ens.Config.Scaler!.Mean.Length);
            var samples = ens.Samples(entries, 1);
            var rows = entries.Select(e => DescriptorCache.Get(e).Concat(BlockageDescriptors.Compute(e)).ToArray()).ToList();
            Assert.All(samples, (sm, i) => { Assert.Equal(DescriptorCache.Get(entries[i]), sm.Descriptors); Assert.Equal(rows[i], sm.TreeDescriptors); });

            // Each member blends its GNN with its own descriptor model on those rows, as the model read from its files
            // predicts the entries itself.
            var blend = manifest.Blend!;
            var blended = ens.MemberPredictions(samples);
            for (int m = 0; m < 2; m++)
            {
                var model = DescriptorBaseline.LoadFiles(DescriptorEnsemble.ModelDirectory(dir, m), set);
                var gnn = HeadTrainer.Predict(ens.Members[m], samples, TorchSharp.torch.CPU);
                var trees = model.Predict(entries).Predictions.Select(p => p.Mean).ToArray();
                Assert.Equal(trees, model.PredictDescriptors(rows));
                var z = model.KernelStd(rows).Select(blend.Z).ToArray();
                for (int i = 0; i < entries.Count; i++)
                {
                    double w = Math.Clamp(blend.GnnWeight + (blend.NoveltySlope == 0 ? 0 : blend.NoveltySlope * z[i]), 0, 1);
                    Assert.Equal(w * gnn[i] + (1 - w) * trees[i], blended[m][i], 9);
                }
                // The blockage columns are inputs: moving them moves the prediction, and rows without them are refused.
                var moved = rows.Select(r => r.Take(HopDescriptors.Names.Count).Concat(new double[] { 0.2, 6, 0.5, -0.5, 8 }).ToArray()).ToList();
                Assert.NotEqual(trees, model.PredictDescriptors(moved));
                Assert.Throws<ArgumentException>(() => model.PredictDescriptors(samples.Select(sm => sm.Descriptors).ToList()));
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void MoreMembersThanFoldsHoldOutNewPartitionsAndAverageOutOfFold()
    {
        var dir = HeadTestData.TempDir("folds");
        try
        {
            var metrics = new HeadFinetuner(With(Options(dir, 1), r => r with { Ensemble = 4, Folds = 2 })).Run()!;
            var rec = Enumerable.Range(0, 4).Select(m => JsonSerializer.Deserialize<MemberRecord>(
                File.ReadAllText(Path.Combine(GnnEnsemble.MemberDirectory(dir, m), "member.json")))!).ToArray();
            var entries = HeadTestData.Entries();
            // Members 0, 1 split the data into two grouped folds, members 2, 3 into two other ones (seed + 1): every
            // entry is held out by exactly one member of each pair, and no system straddles either split.
            foreach (var (a, b) in new[] { (0, 1), (2, 3) })
            {
                Assert.Empty(rec[a].Validation.Intersect(rec[b].Validation));
                Assert.Equal(entries.Count, rec[a].Validation.Length + rec[b].Validation.Length);
                Assert.Empty(rec[a].Validation.Select(i => entries[i].Group).Intersect(rec[b].Validation.Select(i => entries[i].Group)));
            }
            var expected = GroupedFolds.Assign(entries, 2, Options(dir).Recipe.Seed + 1, GroupedFolds.Grouping.SystemAndFamily);
            Assert.Equal(Enumerable.Range(0, entries.Count).Where(i => expected[i] == 0), rec[2].Validation);
            Assert.NotEqual(rec[0].Validation, rec[2].Validation);
            // The out-of-fold prediction of an entry is the mean of the two members that held it out.
            var oof = new double[entries.Count];
            foreach (var r in rec) for (int j = 0; j < r.Validation.Length; j++) oof[r.Validation[j]] += r.Best[j] / 2;
            Assert.Equal(entries.Count, (int)metrics["oof"]!["n"]!);
            Assert.Equal(oof.Select((p, i) => Math.Abs(p - entries[i].Target!.Value)).Average(), (double)metrics["oof"]!["mae"]!, 9);
            using var ens = HeadEnsemble.Load(dir);
            Assert.Equal(4, ens.Members.Count);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TheExperimentsBlendedRowKeepsOneDescriptorModelForItsOneMember()
    {
        // finetune's default of three partitions would give a single member folds × 3 = 15 descriptor models.
        var row = HeadExperimentRows.All().Single(r => r.Name == "band-trees-scratch");
        using var ens = (HeadEnsemble)row.Factory(HeadTestData.Entries(), 1);
        Assert.Single(ens.Members);
        Assert.Single(ens.Descriptors!.Models);
    }

    [Fact]
    public void TreePartitionsBagTheDescriptorModelsOverNewPartitionsWithoutMoreMembers()
    {
        var dir = HeadTestData.TempDir("tree-partitions");
        try
        {
            var o = With(Options(dir, 1), r => r with { Ensemble = 2, Folds = 2, Trees = 10, TreePartitions = 3 });
            var metrics = new HeadFinetuner(o).Run()!;
            var entries = HeadTestData.Entries();
            // Six descriptor models (2 folds × 3 partitions) for two GNN members: model j is set ⌊j / 2⌋ of member j mod 2
            // and trained on all but fold j mod 2 of partition ⌊j / 2⌋ (GroupedFolds.Assign with seed + ⌊j / 2⌋).
            Assert.False(File.Exists(Path.Combine(GnnEnsemble.MemberDirectory(dir, 2), "member.json")));
            Assert.False(Directory.Exists(DescriptorEnsemble.ModelDirectory(dir, 6)));
            var set = ModelManifest.Read(dir).DescriptorModels!;
            var partitions = Enumerable.Range(0, 3).Select(p => GroupedFolds.Assign(entries, 2, o.Recipe.Seed + p, GroupedFolds.Grouping.SystemAndFamily)).ToArray();
            Assert.NotEqual(partitions[0], partitions[1]);
            var oofTrees = new double[entries.Count];
            for (int j = 0; j < 6; j++)
            {
                string tdir = DescriptorEnsemble.ModelDirectory(dir, j);
                var held = Enumerable.Range(0, entries.Count).Where(i => partitions[j / 2][i] == j % 2).ToArray();
                var p = DescriptorBaseline.LoadFiles(tdir, set).Predict(held.Select(i => entries[i]).ToList()).Predictions;
                for (int h = 0; h < held.Length; h++) oofTrees[held[h]] += p[h].Mean / 3;
            }
            // Out of fold, an entry's descriptor prediction is the mean of the three models (one per partition) that held it out.
            Assert.Equal(oofTrees.Select((p, i) => Math.Abs(p - entries[i].Target!.Value)).Average(), (double)metrics["blend"]!["oof_trees"]!["mae"]!, 9);

            // Reloaded, member k blends its GNN with the mean of its three descriptor models, at the weight their mean
            // kernel novelty gives.
            using var ens = HeadEnsemble.Load(dir);
            Assert.Equal(2, ens.Members.Count);
            Assert.Equal(6, ens.Descriptors!.Models.Count);
            var blend = ens.Blend!;
            var samples = HopGraphs.SampleMany(entries, ens.Config.Backbone.Graph, ens.Config.Options, 1);
            var x = samples.Select(sm => sm.Descriptors).ToList();
            var blended = ens.MemberPredictions(samples);
            for (int m = 0; m < 2; m++)
            {
                var gnn = HeadTrainer.Predict(ens.Members[m], samples, TorchSharp.torch.CPU);
                var own = new[] { m, m + 2, m + 4 }.Select(j => DescriptorBaseline.LoadFiles(DescriptorEnsemble.ModelDirectory(dir, j), set)).ToArray();
                var trees = own.Select(t => t.PredictDescriptors(x)).ToArray();
                var std = own.Select(t => t.KernelStd(x)).ToArray();
                for (int i = 0; i < entries.Count; i++)
                {
                    double w = blend.Weight(std.Average(s => s[i]));
                    Assert.Equal(w * gnn[i] + (1 - w) * trees.Average(t => t[i]), blended[m][i], 9);
                }
            }
            Assert.Equal(6, set.Count);
            // A missing descriptor model is reported in one line naming it.
            var broken = HeadTestData.TempDir("tree-partitions-broken");
            try
            {
                ModelManifest.CopyDirectory(dir, broken);
                Directory.Delete(DescriptorEnsemble.ModelDirectory(broken, 5), true);
                Assert.Contains(Path.Combine("descriptors", "5", "kernel.bin") + ": missing", Assert.Throws<ArgumentException>(() => HeadEnsemble.Load(broken)).Message);
            }
            finally { Directory.Delete(broken, true); }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BlendWeightCanFollowNovelty()
    {
        // The GNN is right on the novel half (high posterior std) and the trees on the familiar half: the chosen blend
        // leans on the GNN as novelty grows, and beats every constant weight.
        var rng = new Random(11);
        int n = 200;
        var novelty = Enumerable.Range(0, n).Select(_ => 0.2 + 0.6 * rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => 2 * rng.NextDouble()).ToArray();
        var noise = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? -0.4 : 0.4).ToArray();
        var gnn = y.Select((v, i) => novelty[i] > 0.5 ? v : v + noise[i]).ToArray();
        var trees = y.Select((v, i) => novelty[i] > 0.5 ? v - noise[i] : v).ToArray();
        var idx = Enumerable.Range(0, n).ToArray();
        var blend = TreeBlend.Fit(idx, gnn, trees, novelty, y, 10);
        Assert.True(blend.NoveltySlope > 0);
        double fitted = idx.Average(i => Math.Abs(blend.Blend(gnn[i], trees[i], novelty[i]) - y[i]));
        Assert.True(fitted < blend.OofMaeBySlope!["0.00"] - 0.05);
        Assert.Equal(blend.OofMaeByWeight.Values.Min(), fitted, 4);
        Assert.True(blend.Weight(novelty.Max()) > blend.Weight(novelty.Min()));
        Assert.InRange(blend.Weight(100), 0, 1);
        Assert.InRange(blend.Weight(-100), 0, 1);
        // Without novelty the blend is constant, and a blend.json from before the slope existed reads as constant.
        // Few-shot re-choosing keeps the novelty dependence and moves only w₀: here the GNN has become right everywhere.
        var rechosen = blend.Rechoose(idx, y, trees, novelty.Select(blend.Z).ToArray(), y);
        Assert.Equal((blend.NoveltySlope, blend.NoveltyMedian, blend.NoveltyScale), (rechosen.NoveltySlope, rechosen.NoveltyMedian, rechosen.NoveltyScale));
        Assert.Equal(1.0, rechosen.GnnWeight);
        Assert.Equal(0, rechosen.OofMaeByWeight["1.00"], 12);
        var constant = TreeBlend.Fit(idx, gnn, trees, null, y, 10);
        Assert.Equal(0, constant.NoveltySlope);
        Assert.Null(constant.OofMaeBySlope);
        Assert.Equal(TreeBlend.ChooseWeight(idx, gnn, trees, y), constant.GnnWeight);
        // In model.json the blend round-trips exactly, and a blend without novelty terms reads as constant.
        var back = JsonSerializer.Deserialize<TreeBlend>(JsonSerializer.Serialize(blend, ModelJson.Options), ModelJson.Options)!;
        Assert.Equal(blend.NoveltySlope, back.NoveltySlope);
        Assert.Equal(blend.Weight(0.37), back.Weight(0.37), 12);
        var old = JsonSerializer.Deserialize<TreeBlend>("{\"gnn_weight\": 0.25, \"trees_per_member\": 10, \"oof_mae_by_gnn_weight\": {}}")!;
        Assert.Equal(0.25, old.Weight(5), 12);
        Assert.Equal(0.25 * 1 + 0.75 * 3, old.Blend(1, 3, 0.9), 12);
        var bad = JsonSerializer.Deserialize<TreeBlend>("{\"gnn_weight\": 0.25, \"trees_per_member\": 10, \"oof_mae_by_gnn_weight\": {}, \"novelty_scale\": 0}")!;
        Assert.Contains("novelty_scale", Assert.Throws<ArgumentException>(() => bad.Validate("model.json")).Message);
    }

    [Fact]
    public void BlendWeightFollowsTheBetterPredictor()
    {
        var y = new[] { 0.2, 0.5, 0.9, 1.4 };
        var noisy = new[] { 0.6, 0.1, 1.5, 0.7 };
        var idx = new[] { 0, 1, 2, 3 };
        Assert.Equal(1.0, TreeBlend.ChooseWeight(idx, y, noisy, y));
        Assert.Equal(0.0, TreeBlend.ChooseWeight(idx, noisy, y, y));
        // Errors of opposite sign cancel in the middle.
        var high = y.Select(v => v + 0.3).ToArray();
        var low = y.Select(v => v - 0.3).ToArray();
        Assert.Equal(0.5, TreeBlend.ChooseWeight(idx, high, low, y), 9);
    }

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order()
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
