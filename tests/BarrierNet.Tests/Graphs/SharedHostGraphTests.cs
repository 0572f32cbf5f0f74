using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Graphs;
using BarrierNet.Model.Heads;
using BarrierNet.Tests.Migration;
using Xunit;

namespace BarrierNet.Tests.Graphs;

public class SharedHostGraphTests
{
    /// <summary>
    /// A material's band graphs built from one neighbour search of the host its bands share are the graphs each band
    /// gives on its own, edge for edge and bit for bit: ordered examples (one band per distinct hop) and disordered
    /// fixtures (three random orderings per hop, whose ion sites and host species
    /// differ from band to band), at the shipped settings (12 neighbours, 8 Å, 6.5 Å crop, no line graph).
    /// </summary>
    [Theory]
    [InlineData("LiFePO4.cif", false)]
    [InlineData("Li3V2P3O12.cif", false)]
    [InlineData("LiMn2O4.cif", false)]
    [InlineData("Li3GaPCO7.cif", false)]
    [InlineData("Li7La3Zr2O12-cubic.cif", true)]
    [InlineData("Li0.33La0.56TiO3-cubic.cif", true)]
    [InlineData("LiTi2P3O12-M1.cif", true)]
    public void SharedSearchGivesEachBandsOwnGraph(string file, bool disordered)
    {
        var entries = Entries(file, disordered);
        var options = new HeadOptions();
        var settings = new GraphSettings(12, 8.0, 0);
        var alone = entries.Select(e => HopGraphs.Sample(e, settings, options)).ToArray();
        var shared = HopGraphs.SampleMaterial(entries, settings, options);
        for (int i = 0; i < entries.Count; i++)
        {
            AssertSame(alone[i].Primary, shared[i].Primary);
            Assert.Equal(alone[i].Descriptors, shared[i].Descriptors);
        }
        // The comparison means something only if the shared search answered the bands rather than handing them back.
        Assert.Equal(entries.Count, SharedAnswers(entries, settings, options));
    }

    /// <summary>
    /// Other graph settings exercise the other branches: few neighbours (lists cut early), many (lists widened beyond the
    /// first radius), and a cutoff so short that some atoms have fewer than k neighbours, where the search would widen for
    /// every atom and the band is built on its own instead. The graphs are the same whichever way.
    /// </summary>
    [Theory]
    [InlineData(4, 8.0, 6.5)]
    [InlineData(24, 8.0, 6.5)]
    [InlineData(12, 3.0, 6.5)]
    [InlineData(12, 8.0, 0)]
    public void SameGraphsUnderOtherSettings(int neighbors, double cutoff, double crop)
    {
        var options = new HeadOptions { CropRadius = crop };
        var settings = new GraphSettings(neighbors, cutoff, 0);
        foreach (var (file, disordered) in new[] { ("LiFePO4.cif", false), ("Li0.33La0.56TiO3-cubic.cif", true) })
        {
            var entries = Entries(file, disordered);
            var alone = entries.Select(e => HopGraphs.Sample(e, settings, options)).ToArray();
            var shared = HopGraphs.SampleMaterial(entries, settings, options);
            for (int i = 0; i < entries.Count; i++) AssertSame(alone[i].Primary, shared[i].Primary);
        }
    }

    /// <summary>The short cutoff must reach the fallback, the shipped settings must not: else the test above proves less than it says.</summary>
    [Fact]
    public void ShortCutoffFallsBackToTheBandsOwnSearch()
    {
        var entries = Entries("LiFePO4.cif", false);
        Assert.Equal(0, SharedAnswers(entries, new GraphSettings(12, 3.0, 0), new HeadOptions()));
    }

    /// <summary>With a line graph every atom's bonds are needed, so nothing is shared.</summary>
    [Fact]
    public void NothingIsSharedWithALineGraph()
    {
        var bands = Entries("LiFePO4.cif", false).Select(e => e.AsBand()).ToList();
        Assert.Null(SharedHostNeighbors.For(bands, new GraphSettings(12, 8.0, 3)));
        Assert.NotNull(SharedHostNeighbors.For(bands, new GraphSettings(12, 8.0, 0)));
    }

    /// <summary>A displacement computed as the search computes it is the search's own vector, bit for bit.</summary>
    [Fact]
    public void DisplacementIsTheSearchsVector()
    {
        var s = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var fracs = s.Sites.Select(x => x.Frac + new Vec3(-1.25, 0.5, 2.0)).ToArray();
        var rows = Core.Neighbors.NeighborSearch.LatticeRows.Of(s.Lattice);
        int compared = 0;
        foreach (var list in Core.Neighbors.NeighborSearch.WithinRadius(s.Lattice, fracs, 5.0))
            foreach (var nb in list)
            {
                var (from, fromShift) = Core.Neighbors.NeighborSearch.Wrap(fracs[nb.Center]);
                var (to, toShift) = Core.Neighbors.NeighborSearch.Wrap(fracs[nb.Index]);
                var v = Core.Neighbors.NeighborSearch.Displacement(rows, from, to,
                    nb.Image.A - fromShift.A + toShift.A, nb.Image.B - fromShift.B + toShift.B, nb.Image.C - fromShift.C + toShift.C);
                Assert.Equal(nb.Vector, v);
                Assert.Equal(nb.Distance, Math.Sqrt(v.NormSquared));
                compared++;
            }
        Assert.True(compared > 1000);
    }

    /// <summary>How many of the entries' bands the shared search answers (the rest it hands back to their own search).</summary>
    private static int SharedAnswers(IReadOnlyList<BarrierEntry> entries, GraphSettings settings, HeadOptions options)
    {
        var bands = entries.Select(e => e.AsBand()).ToList();
        var shared = SharedHostNeighbors.For(bands, settings)!;
        int answered = 0;
        foreach (var band in bands)
        {
            var s = band.ToStructure();
            var isImage = Enumerable.Range(0, s.Count).Select(band.IsImageAtom).ToArray();
            var d = HopGraphs.PathDistances(s, band.ImageFracs);
            var keep = d.Select((x, i) => isImage[i] || options.CropRadius <= 0 || x <= options.CropRadius).ToArray();
            if (shared.Lists(s.Lattice, s.Sites.Select(x => x.Frac).ToArray(), isImage, keep) is not null) answered++;
        }
        return answered;
    }

    /// <summary>One material's bands as screening makes them: one per hop, or for a disordered structure three random orderings per hop.</summary>
    private static IReadOnlyList<BarrierEntry> Entries(string file, bool disordered)
    {
        var path = disordered ? DisorderSamplingTests.Disordered(file) : RepoPaths.Example(file);
        var analysis = HopAnalysis.Analyze(StructureReader.Read(path), new HopOptions());
        var entries = new List<BarrierEntry>();
        foreach (var hop in analysis.Hops)
        {
            if (!disordered)
            {
                entries.Add(MaterialPredictor.BandEntry(analysis.Band(hop, new BandBuilder.Options()).WithName($"hop{hop.Index + 1}")));
                continue;
            }
            for (int k = 0; k < 3; k++)
                entries.Add(MaterialPredictor.BandEntry(BandBuilder.Build(analysis.Framework, hop, new BandBuilder.Options(OrderingSeed: k))
                    .WithName($"hop{hop.Index + 1}_ordering{k + 1}")));
        }
        Assert.True(entries.Count >= 2, $"{file}: fewer than two bands, nothing to share");
        return entries;
    }

    private static void AssertSame(CrystalGraph a, CrystalGraph b)
    {
        Assert.Equal(a.AtomicNumbers, b.AtomicNumbers);
        Assert.Equal(a.EdgeSource, b.EdgeSource);
        Assert.Equal(a.EdgeTarget, b.EdgeTarget);
        Assert.Equal(a.BondLengths, b.BondLengths);
        Assert.Equal(a.BondVectors, b.BondVectors);
        Assert.Equal(a.AngleIncoming, b.AngleIncoming);
        Assert.Equal(a.AtomWeights, b.AtomWeights);
        Assert.Equal(a.IsImage, b.IsImage);
    }
}
