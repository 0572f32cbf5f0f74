using System.Text.Json;
using BarrierNet.Core.Data;
using BarrierNet.Core.Landscape;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Heads;

public class BandImagesTests
{
    private static HeadOptions RoundTrip(HeadOptions o) =>
        JsonSerializer.Deserialize<HeadOptions>(JsonSerializer.Serialize(o, ModelJson.Options), ModelJson.Options)!;

    [Fact]
    public void TheChoiceIsWrittenToHeadJsonAndReadBack()
    {
        foreach (var images in Enum.GetValues<BandImages>())
        {
            var o = new HeadOptions { Images = images };
            Assert.Equal(images, RoundTrip(o).Images);
            Assert.Equal(images == BandImages.Relaxed, RoundTrip(o).RelaxedImages);
        }
    }

    [Fact]
    public void StraightHeadsWriteWhatTheyWroteBeforeTheChoiceAndRelaxedOnesReadBack()
    {
        // A straight band's head.json has no band_images field, so the shipped heads' files are unchanged.
        var json = JsonSerializer.Serialize(new HeadOptions(), ModelJson.Options);
        Assert.DoesNotContain("band_images", json);
        Assert.Contains("\"relaxed_images\": false", json);
        var older = json.Replace("\"relaxed_images\": false", "\"relaxed_images\": true");
        Assert.Equal(BandImages.Relaxed, JsonSerializer.Deserialize<HeadOptions>(older, ModelJson.Options)!.Images);
        // relaxed_images: false after band_images does not undo the choice.
        var path = JsonSerializer.Serialize(new HeadOptions { Images = BandImages.Path }, ModelJson.Options);
        Assert.Contains("\"band_images\": \"path\"", path);
        Assert.Contains("\"relaxed_images\": false", path);
    }

    [Fact]
    public void TheRecordedCommandNamesThePathImages()
    {
        var recipe = new HeadRecipe { Head = new HeadOptions { Images = BandImages.Path } };
        Assert.Contains("--band-images path", recipe.Command("data.json", "out"));
        Assert.DoesNotContain("--band-images", new HeadRecipe().Command("data.json", "out"));
        Assert.Contains("--relaxed-images", (recipe with { Head = new HeadOptions { Images = BandImages.Relaxed } }).Command("data.json", "out"));
    }

    [Fact]
    public void PathBandsAreWhatTheHeadsGraphIsBuiltFrom()
    {
        var entry = BarrierDataset.Load(FixturePaths.HopBands).Single(b => b.SysName == "RS-CoO_Li_1");
        var path = HopGraphs.PlaceImages(entry, BandImages.Path);
        Assert.True(MinimumEnergyBand.For(entry).OnPath);
        Assert.Same(MinimumEnergyBand.For(entry).Band, path);
        Assert.NotEqual(entry.AsBand().Images[2], path.Images[2]);
        Assert.Equal(entry.AsBand().Images, HopGraphs.PlaceImages(entry, BandImages.Straight).Images);
    }
}
