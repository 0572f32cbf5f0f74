using System.Text.Json;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;
using Xunit;

namespace BarrierNet.Tests.Training;

public class HeadRecipeTests
{
    private static ModelManifest Shipped(string head) => ModelManifest.Read(Path.Combine(RepoPaths.RepoRoot, "models", "heads", head));

    /// <summary>
    /// The band head ships with the two options against the high-barrier tail (weighted descriptor models reading the
    /// blockage descriptors, docs/experiments/tail.md); they stay off by default, and its recorded command names them.
    /// </summary>
    private static HeadRecipe ShippedTailOptions(string head, HeadRecipe recipe) =>
        head == "band" ? recipe with { TreeWeightPower = 0.5, TreeBlockage = true } : recipe;

    [Theory]
    [InlineData("band")]
    [InlineData("attention")]
    [InlineData("endpoints")]
    [InlineData("difference")]
    public void FinetuneDefaultsAreTheRecipeEachShippedHeadWasTrainedWith(string head)
    {
        var dir = Path.Combine(RepoPaths.RepoRoot, "models", "heads", head);
        var shipped = Shipped(head).RecipeAs<HeadRecipe>(dir);
        // finetune's defaults for this head are the shipped recipe, every value of it.
        var defaults = ShippedTailOptions(head, new HeadRecipe { Head = new HeadOptions { Head = ChoiceNames.Parse<HeadKind>(head, "--head") }, Ensemble = shipped.Ensemble }).Resolved();
        Assert.Equal(JsonSerializer.Serialize(shipped, ModelJson.Options), JsonSerializer.Serialize(defaults, ModelJson.Options));
        // The recorded command spells out the whole recipe.
        Assert.Equal(shipped.Command("../shared/datasets/em/em-band-train.json", $"models/heads/{head}"), Shipped(head).Provenance!.Command);
    }

    [Theory]
    [InlineData("band")]
    [InlineData("attention")]
    [InlineData("endpoints")]
    [InlineData("difference")]
    public void EachShippedHeadsDescriptorModelsAreWhatFinetuneFitsByDefault(string head)
    {
        // The shipped heads were trained with finetune's default descriptor models: one per fold of each partition
        // (each member holds out one of as many folds as there are members).
        var dir = Path.Combine(RepoPaths.RepoRoot, "models", "heads", head);
        var expected = ShippedTailOptions(head, new HeadRecipe()).DescriptorModel();
        var members = Directory.GetDirectories(Path.Combine(dir, "members")).Length;
        Assert.True(members >= 3, $"{head}: {members} members");
        var set = Shipped(head).DescriptorModels!;
        Assert.Equal(members * new HeadRecipe().TreePartitions, set.Count);
        Assert.Equal(expected, set.Options);
        Assert.Equal(set.Count * 2, Directory.GetFiles(Path.Combine(dir, DescriptorEnsemble.DirectoryName), "*.bin", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void TheTreeWeightPowerReachesTheDescriptorModelsAndTheCommandOnlyWhenSet()
    {
        var plain = new HeadRecipe();
        var weighted = plain with { TreeWeightPower = 0.5 };
        Assert.Equal(0, plain.DescriptorModel().TargetWeightPower);
        Assert.Equal(0.5, weighted.DescriptorModel().TargetWeightPower);
        Assert.DoesNotContain("--tree-weight-power", plain.Command("d.json", "out"));
        Assert.EndsWith("--tree-weight-power 0.5", weighted.Command("d.json", "out"));
        Assert.DoesNotContain("tree_weight_power", JsonSerializer.Serialize(plain, ModelJson.Options));
        var back = JsonSerializer.Deserialize<HeadRecipe>(JsonSerializer.Serialize(weighted, ModelJson.Options), ModelJson.Options)!;
        Assert.Equal(0.5, back.TreeWeightPower);
        Assert.Throws<ArgumentException>(() => (plain with { TreeWeightPower = -1 }).Validate());
        Assert.Throws<ArgumentException>(() => (plain with { TreeWeightPower = 3 }).Validate());
    }

    [Fact]
    public void TheGnnLossOptionsReachTheRecordAndTheCommandOnlyWhenSet()
    {
        var plain = new HeadRecipe();
        var changed = plain with { Loss = HeadLoss.Huber, LossWeightPower = 0.5 };
        var json = JsonSerializer.Serialize(plain, ModelJson.Options);
        Assert.DoesNotContain("\"loss", json);
        Assert.DoesNotContain("--loss", plain.Command("d.json", "out"));
        Assert.EndsWith("--loss huber --loss-weight-power 0.5", changed.Command("d.json", "out"));
        var back = JsonSerializer.Deserialize<HeadRecipe>(JsonSerializer.Serialize(changed, ModelJson.Options), ModelJson.Options)!;
        Assert.Equal(HeadLoss.Huber, back.Loss);
        Assert.Equal(0.5, back.LossWeightPower);
        Assert.Throws<ArgumentException>(() => (plain with { LossWeightPower = -0.1 }).Validate());
        Assert.Throws<ArgumentException>(() => (plain with { LossWeightPower = 2.5 }).Validate());
    }

    [Fact]
    public void TheTreeBlockageReachesTheDescriptorModelsAndTheCommandOnlyWhenSet()
    {
        var plain = new HeadRecipe();
        var blockage = plain with { TreeWeightPower = 0.5, TreeBlockage = true };
        Assert.False(plain.DescriptorModel().BlockageDescriptors);
        Assert.True(blockage.DescriptorModel().BlockageDescriptors);
        Assert.Equal(Core.Descriptors.HopDescriptors.Names.Count + Core.Descriptors.BlockageDescriptors.Names.Count, blockage.DescriptorModel().DescriptorNames.Count);
        Assert.DoesNotContain("--tree-blockage", plain.Command("d.json", "out"));
        Assert.EndsWith("--tree-weight-power 0.5 --tree-blockage", blockage.Command("d.json", "out"));
        Assert.DoesNotContain("tree_blockage", JsonSerializer.Serialize(plain, ModelJson.Options));
        var back = JsonSerializer.Deserialize<HeadRecipe>(JsonSerializer.Serialize(blockage, ModelJson.Options), ModelJson.Options)!;
        Assert.True(back.TreeBlockage);
    }

    [Fact]
    public void EpochsNotGivenComeFromTheRecipe()
    {
        var band = new FinetuneOptions { DataFile = "x", OutputDirectory = "y", Recipe = new HeadRecipe { Head = new HeadOptions { Head = HeadKind.Band } } };
        Assert.Equal(15, HeadFinetuner.EpochsPerMember(band));
        Assert.Equal(9, HeadFinetuner.EpochsPerMember(band with { Recipe = band.Recipe with { Head = new HeadOptions { Head = HeadKind.Endpoints } } }));
        Assert.Equal(4, HeadFinetuner.EpochsPerMember(band with { Recipe = band.Recipe with { Epochs = 4 } }));
    }
}
