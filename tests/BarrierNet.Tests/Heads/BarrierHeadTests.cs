using BarrierNet.Core.Migration;
using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Runtime;
using BarrierNet.Model.Training;
using Xunit;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Tests.Heads;

[Collection("torch")]
public class BarrierHeadTests
{
    public BarrierHeadTests() => TorchRuntime.EnsureLoadable();

    [Theory]
    [InlineData("band", "sub", true)]
    [InlineData("band", "sub", false)]
    [InlineData("attention", "sub", true)]
    [InlineData("endpoints", "add", false)]
    [InlineData("endpoints", "sub", true)]
    [InlineData("endpoints", "concat", true)]
    [InlineData("difference", "sub", true)]
    public void EveryHeadLowersItsTrainingLoss(string head, string combine, bool descriptors)
    {
        var (config, samples, targets) = HeadTestData.Prepare(new HeadOptions { Head = ChoiceNames.Parse<HeadKind>(head, "--head"), Combine = ChoiceNames.Parse<EndpointCombine>(combine, "--combine"), Descriptors = descriptors, Dropout = 0 });
        torch.manual_seed(3);
        using var model = BarrierHead.Create(config);
        var opt = optim.Adam(model.parameters(), 0.01);
        var y = tensor(targets.Select(t => (float)t).ToArray());
        double first = 0, last = 0;
        model.train();
        for (int step = 0; step < 25; step++)
        {
            using var scope = NewDisposeScope();
            using var batch = HopBatch.Collate(samples, config.Options.Descriptors ? config.Scaler : null, CPU);
            opt.zero_grad();
            var loss = nn.functional.l1_loss(model.Forward(batch), y);
            loss.backward();
            opt.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < 0.7 * first, $"{head}/{combine}/{descriptors}: loss {first:F4} → {last:F4}");
    }

    [Fact]
    public void TheDescriptorBranchAndDropoutAddModulesOnlyWhenSet()
    {
        var (plainConfig, samples, _) = HeadTestData.Prepare(new HeadOptions { Head = HeadKind.Band });
        using var plain = BarrierHead.Create(plainConfig);
        Assert.DoesNotContain(plain.state_dict().Keys, k => k.StartsWith("descriptor", StringComparison.Ordinal));
        var options = new HeadOptions { Head = HeadKind.Band, DescriptorBranch = 7, DescriptorDropout = 0.2 };
        var config = plainConfig with { Options = options };
        using var branched = BarrierHead.Create(config);
        int descriptors = config.Scaler!.Mean.Length;
        Assert.Equal(new long[] { 7, descriptors }, branched.state_dict()["descriptor_layer.weight"].shape);
        // The regressor reads the branch's 7 outputs instead of the raw descriptors.
        Assert.Equal(descriptors - 7, plain.state_dict()["regressor.l1.weight"].shape[1] - branched.state_dict()["regressor.l1.weight"].shape[1]);
        branched.eval();
        using var batch = HopBatch.Collate(samples, config.Scaler, CPU);
        using (no_grad())
        {
            using var a = branched.Forward(batch);
            using var b = branched.Forward(batch);
            Assert.Equal(samples.Length, a.shape[0]);
            Assert.True(a.allclose(b), "dropout must be off in eval mode");
        }
        Assert.Throws<ArgumentException>(() => (options with { DescriptorDropout = 1 }).Validate());
        Assert.Throws<ArgumentException>(() => (options with { DescriptorBranch = -1 }).Validate());
    }

    [Fact]
    public void BandHeadPredictionDoesNotDependOnHostAtomOrder()
    {
        var entries = HeadTestData.Entries();
        var e = entries[4]; // TRI-NaFePO4_1: a triclinic cell, 13 host atoms
        var band = e.Band!;
        var rng = new Random(5);
        var host = band.Host.Sites.ToArray();
        rng.Shuffle(host);
        var shuffled = Band.Create(band.Lattice, band.Images, host, band.Name);
        var e2 = BarrierEntry.OfBand(e.SysName + "-shuffled", e.Class, e.Formula, e.Target, shuffled);
        var options = new HeadOptions { Head = HeadKind.Band };
        var (config, _, _) = HeadTestData.Prepare(options);
        torch.manual_seed(9);
        using var model = BarrierHead.Create(config);
        var p = HeadTrainer.Predict(model, new[] { HopGraphs.Sample(e, config.Backbone.Graph, options), HopGraphs.Sample(e2, config.Backbone.Graph, options) }, CPU);
        Assert.Equal(p[0], p[1], 5);
    }

    [Fact]
    public void CroppingKeepsTheImagesAndDropsOnlyFarAtoms()
    {
        var e = HeadTestData.Entries()[0];
        var full = HopGraphs.Sample(e, HeadTestData.Tiny.Graph, new HeadOptions { CropRadius = 0 });
        var crop = HopGraphs.Sample(e, HeadTestData.Tiny.Graph, new HeadOptions { CropRadius = 2.5 });
        Assert.Equal(e.Band!.AtomCount, full.Primary.AtomCount);
        Assert.True(crop.Primary.AtomCount < full.Primary.AtomCount);
        Assert.Equal(5, crop.Primary.IsImage!.Count(x => x));
        Assert.All(Enumerable.Range(0, 5), i => Assert.True(crop.Primary.IsImage![i]));
        // Every kept bond is a bond of the full graph (same length multiset restricted), and none is invented.
        Assert.True(crop.Primary.EdgeCount < full.Primary.EdgeCount);
        Assert.All(crop.Primary.EdgeSource.Concat(crop.Primary.EdgeTarget), i => Assert.InRange(i, 0, crop.Primary.AtomCount - 1));
    }

    [Fact]
    public void EnsembleCombinesMembersIntoMeanSpreadAndCalibratedInterval()
    {
        var perMember = new[] { new[] { 1.0, 0.5 }, new[] { 2.0, 0.5 }, new[] { 3.0, 0.5 } };
        var cal = new BarrierNet.Model.Evaluation.IntervalCalibration(0.9, 2.0, 0.02, 100);
        var r = HeadEnsemble.Combine(perMember, cal).Predictions;
        Assert.Equal(2.0, r[0].Mean, 12);
        Assert.Equal(1.0, r[0].Uncertainty!.Value, 12);
        Assert.Equal(0.0, r[0].Lower90!.Value, 12);
        Assert.Equal(4.0, r[0].Upper90!.Value, 12);
        // Members that agree: zero spread, the interval falls back to the floor 0.02 × scale.
        Assert.Equal(0.0, r[1].Uncertainty!.Value, 12);
        Assert.Equal(0.46, r[1].Lower90!.Value, 12);
    }
}
