using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using Xunit;

namespace BarrierNet.Tests.Migration;

/// <summary>Shared ion sites (LLTO) and the seeded sampler of orderings, on real disordered structures.</summary>
public class DisorderSamplingTests
{
    public static string Disordered(string file) => Path.Combine(HopFixtures.RepoRoot, "tests", "BarrierNet.Tests", "Fixtures", "disordered", file);
    private static string Hops(string file) => Path.Combine(HopFixtures.Directory, "cif", file);

    private static int Count(Structure band, string element) => band.Sites.Count(s => s.Element == element);

    private static double SmallestDistance(Structure s, IEnumerable<int> indices)
    {
        var list = indices.ToList();
        double best = double.PositiveInfinity;
        for (int a = 0; a < list.Count; a++)
            for (int b = a + 1; b < list.Count; b++)
                best = Math.Min(best, s.Lattice.MinimumImageDistance(s[list[a]].Frac, s[list[b]].Frac));
        return best;
    }

    [Fact]
    public void PerovskiteWhereLiOnlySharesTheASiteGetsHops()
    {
        var analysis = HopAnalysis.Analyze(StructureReader.Read(Disordered("Li0.33La0.56TiO3-cubic.cif")));
        Assert.Equal("Li", analysis.Ion);
        var site = Assert.Single(analysis.IonSites);
        Assert.Equal("La", site.SharedWith);
        Assert.Equal(0.56, site.SharedOccupancy, 6);
        var hop = Assert.Single(analysis.Hops);
        Assert.Equal(3.87, hop.Length, 3);
        Assert.Equal(3, hop.Multiplicity);
        Assert.DoesNotContain(analysis.Framework.Host, h => h.Element == "La");
        Assert.Contains(analysis.Framework.Notes, n => n.Contains("shares with La"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void PerovskiteBandPutsLaOnTheSharedSitesWithoutLi(int? seed)
    {
        var analysis = HopAnalysis.Analyze(StructureReader.Read(Disordered("Li0.33La0.56TiO3-cubic.cif")));
        var band = analysis.Band(analysis.Hops[0], new BandBuilder.Options(OrderingSeed: seed)).ToStructure();
        // 2×2×2 cell: 8 A sites, round(8·0.33) = 3 Li less the vacancy: the migrating one (five images) and one more;
        // round(8·0.56) = 4 La; 8 Ti.
        Assert.Equal(Band.PublishedImageCount + 1, Count(band, "Li"));
        Assert.Equal(4, Count(band, "La"));
        Assert.Equal(8, Count(band, "Ti"));
        var (initial, final) = (Band.FromStructure(band).InitialStructure(), Band.FromStructure(band).FinalStructure());
        foreach (var endpoint in new[] { initial, final })
            Assert.True(SmallestDistance(endpoint, Enumerable.Range(0, endpoint.Count)) > 1.5, "no atom sits on another");
    }

    [Fact]
    public void AluminiumDopedPerovskiteChoosesLi()
    {
        var lattice = Lattice.FromParameters(3.87, 3.87, 3.87, 90, 90, 90);
        var s = new Structure(lattice, new[]
        {
            new Site("La", new Vec3(0.5, 0.5, 0.5), 0.55), new Site("Li", new Vec3(0.5, 0.5, 0.5), 0.45),
            new Site("Ti", Vec3.Zero, 0.9), new Site("Al", Vec3.Zero, 0.1),
            new Site("O", new Vec3(0.5, 0, 0)), new Site("O", new Vec3(0, 0.5, 0)), new Site("O", new Vec3(0, 0, 0.5)),
        });
        Assert.Equal("Li", IonChoice.Resolve(s, null));
    }

    [Fact]
    public void MinorityLiBesideMajorityLiSitesIsStillNotAnIonSite()
    {
        // Li is the majority on its own site, so Li at 5 % on the Ni site stays out of the sublattice (unchanged rule).
        var lattice = Lattice.FromParameters(4, 4, 4, 90, 90, 90);
        var s = new Structure(lattice, new[]
        {
            new Site("Li", Vec3.Zero), new Site("Ni", new Vec3(0.5, 0.5, 0.5), 0.95), new Site("Li", new Vec3(0.5, 0.5, 0.5), 0.05),
            new Site("O", new Vec3(0.5, 0, 0)),
        });
        var f = DisorderPolicy.Majority.Apply(s, "Li");
        var site = Assert.Single(f.IonSites);
        Assert.Null(site.SharedWith);
    }

    [Fact]
    public void SampledOrderingsAreSeededAndDiffer()
    {
        var analysis = HopAnalysis.Analyze(StructureReader.Read(Disordered("Li7La3Zr2O12-cubic.cif")));
        var hop = analysis.Hops[1];
        string Key(Band band) => string.Join(";", band.ToStructure().Sites.Select(x => x.Element + x.Frac));
        var a = Key(analysis.Band(hop, new BandBuilder.Options(OrderingSeed: 7)));
        var b = Key(analysis.Band(hop, new BandBuilder.Options(OrderingSeed: 7)));
        var c = Key(analysis.Band(hop, new BandBuilder.Options(OrderingSeed: 8)));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void GarnetOrderingsKeepTheIonCountAndNeverFillASplitSite()
    {
        var analysis = HopAnalysis.Analyze(StructureReader.Read(Disordered("Li7La3Zr2O12-cubic.cif")));
        var hop = analysis.Hops[1]; // 24d–96h, 1.58 Å
        var deterministic = analysis.Band(hop).ToStructure();
        for (int seed = 0; seed < 5; seed++)
        {
            var band = analysis.Band(hop, new BandBuilder.Options(OrderingSeed: seed));
            Assert.Equal(Count(deterministic, "Li"), Count(band.ToStructure(), "Li"));
            // Host Li: round(55.97) − 2 = 54 of them, none on the 0.85 Å split pair of 96h sites.
            var hostLi = Enumerable.Range(0, band.Host.Count).Where(i => band.Host[i].Element == "Li").ToList();
            Assert.Equal(54, hostLi.Count);
            Assert.True(SmallestDistance(band.Host, hostLi) > 1.0);
        }
    }

    [Fact]
    public void ArgyroditeOrderingsShareTheMixedAnionSites()
    {
        var analysis = HopAnalysis.Analyze(StructureReader.Read(Hops("argyrodite-disordered.cif")));
        Assert.NotEmpty(analysis.Framework.MixedHostSites);
        var hop = analysis.Hops[0];
        var deterministic = analysis.Band(hop).ToStructure();
        var bands = Enumerable.Range(0, 6).Select(seed => analysis.Band(hop, new BandBuilder.Options(OrderingSeed: seed)).ToStructure()).ToList();
        var counts = bands.Select(b => (S: Count(b, "S"), Cl: Count(b, "Cl"))).ToList();
        int cells = (int)Math.Round(deterministic.Lattice.Volume / analysis.BandFramework.Lattice.Volume);
        // The file has 19.6 S and 4.4 Cl per cell: every ordering keeps the S + Cl total and about that share of Cl,
        // and the Cl ions sit on different positions in different orderings.
        Assert.All(counts, c => Assert.Equal(24 * cells, c.S + c.Cl));
        Assert.All(counts, c => Assert.InRange(c.Cl, 4.4 * cells - 1, 4.4 * cells + 1));
        var placements = bands.Select(b => string.Join(";", b.Sites.Where(x => x.Element == "Cl").Select(x => x.Frac.ToString()))).Distinct().Count();
        Assert.True(placements > 1);
        Assert.Equal(24 * cells, Count(deterministic, "S") + Count(deterministic, "Cl"));
    }

    [Fact]
    public void SpeciesSharesFollowTheOccupanciesByLargestRemainder()
    {
        var labels = OrderingSampler.Species(10, new[] { ("S", 0.44), ("Cl", 0.56) }, new Random(1));
        Assert.Equal(4, labels.Count(x => x == "S"));
        Assert.Equal(6, labels.Count(x => x == "Cl"));
    }
}
