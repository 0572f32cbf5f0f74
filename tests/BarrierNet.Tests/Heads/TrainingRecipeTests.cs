using System.Globalization;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;
using Xunit;

namespace BarrierNet.Tests.Heads;

public class TrainingRecipeTests
{
    /// <summary>The value of a flag in a shipped command line, or null when the command leaves it to the default.</summary>
    private static string? Flag(string command, string name)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int i = Array.IndexOf(words, name);
        return i >= 0 && i + 1 < words.Length ? words[i + 1] : null;
    }

    [Theory]
    [InlineData("band")]
    [InlineData("attention")]
    [InlineData("endpoints")]
    [InlineData("difference")]
    public void Finetune_defaults_are_the_recipe_each_shipped_head_was_trained_with(string head)
    {
        var command = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "models", "heads", head, "command.txt")).Trim();
        var recipe = TrainingRecipe.For(new HeadOptions { Head = head });
        // A shipped command without --batch-size or --lr was trained with batch 32 and peak LR 1e-3.
        Assert.Equal(int.Parse(Flag(command, "--epochs")!, CultureInfo.InvariantCulture), recipe.Epochs);
        Assert.Equal(int.Parse(Flag(command, "--batch-size") ?? "32", CultureInfo.InvariantCulture), recipe.BatchSize);
        Assert.Equal(double.Parse(Flag(command, "--lr") ?? "0.001", CultureInfo.InvariantCulture), recipe.LearningRate);
    }

    [Theory]
    [InlineData("band")]
    [InlineData("attention")]
    [InlineData("endpoints")]
    [InlineData("difference")]
    public void Each_shipped_heads_descriptor_models_are_what_finetune_fits_by_default(string head)
    {
        // The shipped commands leave --trees, --tree-target, --tree-vote, --kernel-alpha, --kernel-gamma and
        // --tree-partitions to the defaults, so
        // re-running them must give the descriptor models that are shipped: one set per partition for every member
        // (each member holds out one of as many folds as there are members).
        var dir = Path.Combine(RepoPaths.RepoRoot, "models", "heads", head);
        var expected = FinetuneOptions.DefaultDescriptorModel(FinetuneOptions.DefaultTrees);
        var members = Directory.GetDirectories(Path.Combine(dir, "members")).Length;
        Assert.True(members >= 3, $"{head}: {members} members");
        Assert.Equal(members * FinetuneOptions.DefaultTreePartitions, TreeBlend.Load(dir)!.DescriptorModelCount);
        for (int k = 0; k < members; k++)
            for (int set = 0; set < FinetuneOptions.DefaultTreePartitions; set++)
                Assert.Equal(expected, BarrierNet.Model.Baseline.DescriptorBaseline.Load(TreeBlend.MemberTreesDirectory(dir, k, set)).Options);
    }

    [Fact]
    public void Epochs_not_given_come_from_the_recipe()
    {
        var band = new FinetuneOptions { DataFile = "x", OutputDirectory = "y", Head = new HeadOptions { Head = "band" } };
        Assert.Equal(15, HeadFinetuner.EpochsPerMember(band));
        Assert.Equal(9, HeadFinetuner.EpochsPerMember(band with { Head = new HeadOptions { Head = "endpoints" } }));
        Assert.Equal(4, HeadFinetuner.EpochsPerMember(band with { Epochs = 4 }));
    }
}
