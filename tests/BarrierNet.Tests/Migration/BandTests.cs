using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Migration;

public class BandTests
{
    /// <summary>The published training split: $BARRIERNET_DATA, else ../shared/datasets beside the repository.</summary>
    private static string Train => Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable) is string env
        ? DataPaths.BarrierTrain(env)
        : DataPaths.BarrierTrain(Path.Combine(RepoPaths.RepoRoot, "..", "shared", "datasets"));

    private static Band Fixture(string name) => BarrierDataset.Load(FixturePaths.HopBands).Single(e => e.SysName == name).Band!;

    [Fact]
    public void EveryTrainingBandWritesBackItsPublishedAtoms()
    {
        // Read each published entry as a band and write it in the dataset's form: the lattice, the coordinates (every
        // bit) and the elements come back in the published order, images first.
        var published = JsonNode.Parse(File.ReadAllText(Train))!.AsArray();
        var entries = BarrierDataset.Load(Train);
        Assert.Equal(559, entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var band = entries[i].Band!;
            Assert.Equal(Band.PublishedImageCount, band.ImageCount);
            var written = BandEntryWriter.Entry(band, entries[i].SysName)["atoms"]!;
            var original = published[i]!["atoms"]!;
            foreach (var key in new[] { "lattice_mat", "coords" })
                Assert.Equal(Numbers(original[key]!), Numbers(written[key]!));
            Assert.Equal(original["elements"]!.AsArray().Select(e => e!.GetValue<string>()), written["elements"]!.AsArray().Select(e => e!.GetValue<string>()));
        }
    }

    [Fact]
    public void AWrittenBandReadsBackAsTheSameBand()
    {
        var band = Fixture("TRI-NaFePO4_1");
        var json = BandEntryWriter.File(band, "again").ToJsonString();
        using var doc = JsonDocument.Parse(json);
        var entry = BarrierDataset.Parse(doc.RootElement[0], 0);
        var again = entry.Band!;
        Assert.Equal(band.Images, again.Images);
        Assert.Equal(band.Host.Sites, again.Host.Sites);
        Assert.Equal(band.Lattice.Matrix, again.Lattice.Matrix);
        Assert.Equal(band.InitialStructure().Sites, entry.Initial.Sites);
        Assert.Equal(band.FinalStructure().Sites, entry.Final.Sites);
    }

    [Fact]
    public void ThePublishedLayoutRoundTrips()
    {
        var band = Fixture("RS-CoO_Li_1");
        var layout = band.ToStructure();
        Assert.Equal(band.Images.Concat(band.Host.Sites), layout.Sites);
        Assert.All(Enumerable.Range(0, layout.Count), i => Assert.Equal(i < 5, band.IsImageAtom(i)));
        var back = Band.FromStructure(layout);
        Assert.Equal(band.Images, back.Images);
        Assert.Equal(band.Host.Sites, back.Host.Sites);
        Assert.Equal(band.Name, back.Name);
    }

    [Fact]
    public void EndpointsAreTheFirstAndLastImageWithTheHost()
    {
        var band = Fixture("HEX-MgTiS2_1");
        var (ini, fin) = (band.InitialStructure(), band.FinalStructure());
        Assert.Equal(band.Start, ini.Sites[0]);
        Assert.Equal(band.End, fin.Sites[0]);
        Assert.Equal(band.Host.Sites, ini.Sites.Skip(1));
        Assert.Equal(band.Host.Sites, fin.Sites.Skip(1));
        Assert.Equal("Mg", band.Ion);
    }

    [Fact]
    public void TheStraightBandBetweenEndpointsDoesNotDependOnWhichPeriodicCopyOfTheFinalIonIsGiven()
    {
        // The published endpoint form gives the final ion wherever its writer wrapped it; the band takes the nearest copy.
        // (A triclinic cell: no two copies of the to-site are equally near, as they are in hexagonal MgTiS2.)
        var band = Fixture("TRI-NaFePO4_1");
        var (ini, fin) = (band.InitialStructure(), band.FinalStructure());
        var moved = fin.WithSites(new[] { fin[0] with { Frac = fin[0].Frac + new Vec3(-1, 2, 1) } }.Concat(fin.Sites.Skip(1)).ToList());
        var a = Band.StraightBetween(ini, fin);
        var b = Band.StraightBetween(ini, moved);
        Assert.Equal(band.Host.Sites, a.Host.Sites);
        for (int k = 0; k < band.ImageCount; k++)
        {
            Assert.True((a.ImageCartesian(k) - band.ImageCartesian(k)).Norm < 1e-9, $"image {k} is off the published band");
            Assert.True((a.ImageCartesian(k) - b.ImageCartesian(k)).Norm < 1e-9, $"image {k} moved with the final ion's periodic copy");
        }
        Assert.Equal(ini[0], a.Start);
    }

    [Fact]
    public void ImageCountIsGeneral()
    {
        var band = Fixture("RS-CoO_Li_1");
        var seven = Band.StraightBetween(band.InitialStructure(), band.FinalStructure(), imageCount: 7);
        Assert.Equal(7, seven.ImageCount);
        Assert.Equal(band.Host.Count + 7, seven.AtomCount);
        Assert.True((seven.ImageCartesian(3) - band.ImageCartesian(2)).Norm < 1e-9, "the middle image is the middle of the hop");
        var back = Band.FromStructure(seven.ToStructure(), imageCount: 7);
        Assert.Equal(seven.Images, back.Images);
    }

    [Fact]
    public void MalformedBandsAreRefusedWithTheReason()
    {
        var band = Fixture("RS-CoO_Li_1");
        var sites = band.ToStructure().Sites.ToList();
        var mixed = sites.ToList(); mixed[3] = mixed[3] with { Element = "Na" };
        Assert.Contains("image 3 is Na", Assert.Throws<ArgumentException>(() => Band.FromStructure(new Structure(band.Lattice, mixed))).Message);
        Assert.Contains("host atom", Assert.Throws<ArgumentException>(() => Band.FromStructure(new Structure(band.Lattice, sites.Take(5).ToList()))).Message);
        Assert.Contains("two endpoint", Assert.Throws<ArgumentException>(() => Band.Create(band.Lattice, band.Images.Take(1).ToList(), band.Host.Sites)).Message);
    }

    [Fact]
    public void RenamingOrMovingTheImagesKeepsTheHost()
    {
        var band = Fixture("RS-CoO_Li_1");
        var renamed = band.WithName("other");
        Assert.Equal("other", renamed.Name);
        Assert.Equal("other", renamed.ToStructure().Name);
        Assert.Equal(band.Images, renamed.Images);
        var shifted = band.WithImages(band.Images.Select(s => s with { Frac = s.Frac + new Vec3(1, 0, 0) }).ToList());
        Assert.Equal(band.Host.Sites, shifted.Host.Sites);
        Assert.Equal(band.Name, shifted.Name);
    }

    private static double[] Numbers(JsonNode node) => node is JsonArray a
        ? a.SelectMany(x => Numbers(x!)).ToArray()
        : new[] { node.GetValue<double>() };
}
