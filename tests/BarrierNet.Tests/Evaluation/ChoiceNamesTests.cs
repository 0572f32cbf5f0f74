using System.Text.Json;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class ChoiceNamesTests
{
    [Fact]
    public void EveryChoiceIsSpelledAsOnTheCommandLineAndInModelJson()
    {
        Assert.Equal(new[] { "band", "attention", "endpoints", "difference" }, ChoiceNames.All<HeadKind>());
        Assert.Equal(new[] { "add", "sub", "concat" }, ChoiceNames.All<EndpointCombine>());
        Assert.Equal(new[] { "ev", "log1p", "sqrt" }, ChoiceNames.All<HeadTarget>());
        Assert.Equal(new[] { "none", "log1p", "sqrt" }, ChoiceNames.All<BarrierScale>());
        Assert.Equal(new[] { "mean", "median" }, ChoiceNames.All<TreeVote>());
        Assert.Equal(new[] { "fasttree", "fastforest", "extratrees", "extratrees+kernel" }, ChoiceNames.All<DescriptorTrainer>());
        foreach (var name in ChoiceNames.All<DescriptorTrainer>())
            Assert.Equal(name, ChoiceNames.Name(ChoiceNames.Parse<DescriptorTrainer>(name, "--trainer")));
    }

    [Fact]
    public void AnUnknownNameIsOneLineNamingTheOptionAndTheChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => ChoiceNames.Parse<HeadKind>("Band", "--head"));
        Assert.Equal("--head must be band, attention, endpoints or difference, not 'Band'", e.Message);
        e = Assert.Throws<ArgumentException>(() => ChoiceNames.Parse<TreeVote>("mode", "--tree-vote"));
        Assert.Equal("--tree-vote must be mean or median, not 'mode'", e.Message);
    }

    [Fact]
    public void ARecipeWritesItsChoicesAsNamesAndReadsThemBack()
    {
        var recipe = new HeadRecipe
        {
            Head = new HeadOptions { Head = HeadKind.Endpoints, Combine = EndpointCombine.Concat, Target = HeadTarget.Log1p },
            TreeTarget = BarrierScale.Log1p, TreeVote = TreeVote.Mean,
        };
        var json = JsonSerializer.Serialize(recipe, ModelJson.Options);
        foreach (var field in new[] { "\"head\": \"endpoints\"", "\"combine\": \"concat\"", "\"target\": \"log1p\"", "\"tree_target\": \"log1p\"", "\"tree_vote\": \"mean\"" })
            Assert.Contains(field, json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<HeadRecipe>(json, ModelJson.Options), ModelJson.Options));
        var options = JsonSerializer.SerializeToNode(DescriptorBaselineOptions.ExtraTreesKernel, ModelJson.Options)!;
        Assert.Equal("extratrees+kernel", options["trainer"]!.GetValue<string>());
        Assert.Equal("log1p", options["target_transform"]!.GetValue<string>());
        // The recorded command spells each choice as typed.
        Assert.Contains("--head endpoints --from", recipe.Command("d.json", "out"));
        Assert.Contains("--combine concat --descriptors on --target log1p", recipe.Command("d.json", "out"));
        Assert.Contains("--tree-target log1p --tree-vote mean", recipe.Command("d.json", "out"));
    }
}
