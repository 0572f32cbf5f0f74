using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Heads;
using BarrierNet.Tests.Fixtures;
using BarrierNet.Tests.Heads;
using Xunit;

namespace BarrierNet.Tests.Graphs;

public class CroppedGraphTests
{
    /// <summary>
    /// Searching neighbours only around the atoms a crop keeps must give exactly the whole structure's graph cropped:
    /// same atoms, bonds, bond vectors and order (the fixture's small band cells at small radii, the bands of example
    /// structures at the shipped model's 6.5 Å).
    /// </summary>
    [Theory]
    [InlineData(null, 1.5)]
    [InlineData(null, 2.5)]
    [InlineData("LiFePO4.cif", 6.5)]
    [InlineData("Li3V2P3O12.cif", 4.0)]
    public void GraphOfTheKeptAtomsIsTheWholeGraphCropped(string? example, double radius)
    {
        var bands = example is null ? HeadTestData.Entries().Select(e => e.AsBand()).ToList() : ExampleBands(example);
        var settings = new GraphSettings(12, 8.0, 0);
        int cropped = 0;
        foreach (var band in bands)
        {
            var s = band.ToStructure();
            var d = HopGraphs.PathDistances(s, band.ImageFracs);
            var keep = d.Select(x => x <= radius).ToArray();
            if (keep.Contains(false)) cropped++;
            var whole = GraphCrop.Keep(CrystalGraph.Build(s, settings), keep, null, null);
            var among = GraphCrop.Keep(CrystalGraph.Build(s, settings, keep), keep, null, null);
            AssertSame(whole, among);
        }
        Assert.True(cropped > 0, "no band was cropped at this radius: the test would compare whole graphs only");
    }

    private static List<Band> ExampleBands(string file)
    {
        var analysis = HopAnalysis.Analyze(StructureReader.Read(RepoPaths.Example(file)), new HopOptions());
        return analysis.Hops.Select(h => analysis.Band(h, new BandBuilder.Options())).ToList();
    }

    /// <summary>With a line graph, an atom's shortest bonds may lead out of the crop, so the whole graph is built and cropped.</summary>
    [Fact]
    public void WithAnglesTheWholeGraphIsBuilt()
    {
        var s = GnnFixtures.Triclinic();
        var keep = Enumerable.Range(0, s.Count).Select(i => i % 2 == 0).ToArray();
        var settings = new GraphSettings(12, 8.0, 3);
        AssertSame(CrystalGraph.Build(s, settings), CrystalGraph.Build(s, settings, keep));
    }

    private static void AssertSame(CrystalGraph a, CrystalGraph b)
    {
        Assert.Equal(a.AtomicNumbers, b.AtomicNumbers);
        Assert.Equal(a.EdgeSource, b.EdgeSource);
        Assert.Equal(a.EdgeTarget, b.EdgeTarget);
        Assert.Equal(a.BondLengths, b.BondLengths);
        Assert.Equal(a.BondVectors, b.BondVectors);
        Assert.Equal(a.AngleIncoming, b.AngleIncoming);
        Assert.Equal(a.AngleOutgoing, b.AngleOutgoing);
        Assert.Equal(a.AngleCosines, b.AngleCosines);
    }
}
