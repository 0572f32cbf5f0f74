using System.Text.Json;
using BarrierNet.Cli.Commands;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Symmetry;
using BarrierNet.Tests.Migration;
using BarrierNet.Tests.Symmetry;
using Xunit;

namespace BarrierNet.Tests.Landscape;

/// <summary>Sites from the landscape's minima and per-hop minimum-energy paths, on a NASICON whose file lists only M1.</summary>
public class LandscapeSitesTests
{
    private static readonly string Nasicon = DisorderSamplingTests.Disordered("LiTi2P3O12-M1.cif");

    private static HopAnalysis Analyze(SiteSource sites, bool paths = false) =>
        HopAnalysis.Analyze(StructureReader.Read(Nasicon), new HopOptions(Sites: sites, Paths: paths));

    [Fact]
    public void ListedSitesAloneGiveNoHop()
    {
        var a = Analyze(SiteSource.Listed);
        Assert.Equal(6, a.ReportedIonSiteCount);
        Assert.Empty(a.Hops);
    }

    [Fact]
    public void AutoAddsTheM2SitesAndTheM1ToM2Hop()
    {
        var a = Analyze(SiteSource.Auto);
        // M1 (6b) as listed, plus the landscape's interstitial: M2 (18e), counted in the file's hexagonal cell (the hops
        // are found in the rhombohedral primitive cell, a third of it). The landscape's minima there are a 36f pair
        // 0.99 Å apart astride the two-fold axis, 0.007 eV below its midpoint: one site, M2.
        int cells = a.CellsPerInput;
        Assert.Equal(6, a.IonSites.Count(s => s.Occupancy > 0) * cells);
        var classes = a.IonSites.Where(s => s.Occupancy == 0).GroupBy(s => s.EquivalenceClass).Select(g => g.Count() * cells).ToList();
        Assert.Equal(new[] { 18 }, classes);
        var m2 = a.IonSites.Where(s => s.Occupancy == 0).GroupBy(s => s.EquivalenceClass).Single(g => g.Count() * cells == 18).Key;
        // M1–M2: 3.2 Å in NASICONs, 36 per hexagonal cell (each M1 has six M2 neighbours).
        var hop = Assert.Single(a.Hops, h => h.FromLabel == "Li1" && h.ToClass == m2);
        Assert.Equal(3.2, hop.Length, 1);
        Assert.Equal(36, a.ReportedHops[hop.Index].Multiplicity);
        Assert.Contains(a.Framework.Notes, n => n.Contains("interstitial"));
        Assert.False(a.Framework.IsDisordered, "empty interstitials alone need no sampling of orderings");
    }

    [Fact]
    public void AutoLeavesFilesWithHopsAlone()
    {
        var s = StructureReader.Read(Path.Combine(HopFixtures.RepoRoot, "datasets", "examples", "LiFePO4.cif"));
        var auto = HopAnalysis.Analyze(s, new HopOptions());
        var listed = HopAnalysis.Analyze(s, new HopOptions(Sites: SiteSource.Listed));
        Assert.Equal(listed.Hops.Select(h => (h.Length, h.Multiplicity)), auto.Hops.Select(h => (h.Length, h.Multiplicity)));
    }

    [Fact]
    public void BandsKeepHostIonsOnListedSites()
    {
        var a = Analyze(SiteSource.Auto);
        var hop = a.Hops.First(h => h.FromLabel == "Li1");
        var band = a.Band(hop);
        // Every M1 of the band's cells but the two ends holds Li: the migrating ion (five images) and the others, all on M1.
        int cells = (int)Math.Round(band.Lattice.Volume / a.Framework.Lattice.Volume);
        var host = band.Host.Sites.Where(x => x.Element == "Li").ToList();
        Assert.Equal(a.IonSites.Count(s => s.Occupancy > 0) * cells - 2, host.Count);
        var m1 = a.IonSites.Where(x => x.Occupancy > 0).Select(x => x.Frac).ToList();
        var cell = a.Framework.Lattice;
        Assert.All(host, h => Assert.Contains(m1, f => cell.MinimumImageDistance(f, cell.ToFractional(band.Lattice.ToCartesian(h.Frac))) < 1e-6));
    }

    [Fact]
    public void EveryHopHasAPathFromSiteToSite()
    {
        var a = Analyze(SiteSource.Auto, paths: true);
        Assert.Equal(a.Hops.Count, a.Paths!.Count);
        foreach (var (hop, path) in a.Hops.Zip(a.Paths))
        {
            Assert.Equal(hop.FromFrac, path.Points[0]);
            Assert.Equal(hop.ToFrac, path.Points[^1]);
            Assert.True(path.Length >= hop.Length - 1e-9, "a path is never shorter than the straight line");
            Assert.InRange(path.Barrier, 0, 5);
        }
    }

    [Fact]
    public void HopsJsonCarriesTheBvseBarrierAndProfile_AndNebStartsFromThePath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "barriernet-landscape-neb-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new HopsCommand.Settings(new HopOptions(Paths: true, MaxHop: 3.3), "json", null, dir, BandSupercell.DefaultMinimumWidth, NebPath: NebPath.Landscape);
            var o = new StringWriter(); var e = new StringWriter();
            Assert.Equal(0, HopsCommand.Run(new[] { Nasicon }, settings, o, e));
            var hop = JsonDocument.Parse(o.ToString()).RootElement[0].GetProperty("hops")[0];
            var energy = hop.GetProperty("bvse_path").GetProperty("energy").EnumerateArray().Select(x => x.GetDouble()).ToList();
            Assert.Equal(21, energy.Count);
            Assert.Equal(0, Math.Min(energy[0], energy[^1]), 4);
            Assert.Equal(hop.GetProperty("bvse_barrier").GetDouble(), energy.Max(), 3);

            var hopDir = Path.Combine(Directory.GetDirectories(dir)[0], HopFiles.HopFolder(hop.GetProperty("index").GetInt32()));
            var images = Directory.GetDirectories(hopDir).Order().Select(d => PoscarReader.ReadFile(Path.Combine(d, "POSCAR"))).ToList();
            Assert.Equal(NebImages.DefaultCount, images.Count);
            // The endpoints are the band's; the middle image lies on the curved path, off the straight line between them.
            var lattice = images[0].Lattice;
            var start = images[0][0].Frac;
            var step = images[^1][0].Frac - start;
            var middle = start + 0.5 * (step - step.Round());
            Assert.True(lattice.MinimumImageDistance(images[3][0].Frac, middle) > 0.05, "the middle image leaves the straight line");
            Assert.All(images, img => Assert.Equal(images[0].Count, img.Count));
        }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    /// <summary>What must not change with the cell the structure is given in: per ångström³ of crystal, the added sites and every distinct hop's length, count and BVSE barrier.</summary>
    private static (int AddedSitesPer1000A3, List<(double Length, double PerVolume, double Barrier)> Hops) Invariants(Structure s)
    {
        var a = HopAnalysis.Analyze(s, new HopOptions(Sites: SiteSource.Auto, Paths: true));
        double volume = s.Lattice.Volume;
        int added = a.IonSites.Count(x => x.Occupancy == 0) * a.CellsPerInput;
        var hops = a.ReportedHops.Zip(a.Paths!)
            .Select(t => (t.First.Length, Math.Round(1000 * t.First.Multiplicity / volume, 3), t.Second.Barrier))
            .OrderBy(h => h.Item1).ToList();
        return ((int)Math.Round(1000 * added / volume), hops);
    }

    public static TheoryData<string> EquivalentCells => new() { "shuffled", "origin", "primitive", "supercell" };

    [Theory]
    [MemberData(nameof(EquivalentCells))]
    public void SitesHopsAndBarriersFromTheLandscapeDoNotDependOnTheCell(string how)
    {
        // The grid samples each of these cells differently (shifted, rhombohedral instead of hexagonal, twice as long):
        // the minima followed off the grid must still give the same interstitial sites, hops and BVSE barriers.
        var s = StructureReader.Read(Nasicon);
        var other = how switch
        {
            "shuffled" => KnownStructures.Shuffled(s, 7),
            "origin" => KnownStructures.OriginShifted(s, 3),
            "primitive" => CellReduction.Of(s).Cell,
            _ => KnownStructures.Supercell(s, 1, 1, 2),
        };
        var (sites, hops) = Invariants(s);
        var (otherSites, otherHops) = Invariants(other);
        Assert.Equal(sites, otherSites);
        Assert.Equal(hops.Count, otherHops.Count);
        foreach (var (h, o) in hops.Zip(otherHops))
        {
            // Sites are relaxed minima (forces below 1e-4 eV/Å in a flat valley): the same to a few thousandths of an Å.
            Assert.Equal(h.Length, o.Length, 0.01);
            Assert.Equal(h.PerVolume, o.PerVolume, 3);
            // Barriers come from paths on the grid: the same to within its resolution.
            Assert.Equal(h.Barrier, o.Barrier, 0.03);
        }
    }

    [Fact]
    public void HopsToLandscapeSitesAreToldInTheInputCell()
    {
        // The hexagonal cell is three rhombohedral cells: every reported hop names sites of the input cell, with
        // endpoints at the reported positions of that cell, and the added sites carry their labels there.
        var a = Analyze(SiteSource.Auto);
        Assert.Equal(3, a.CellsPerInput);
        var input = a.Reduction!.Input;
        foreach (var (hop, reported) in a.Hops.Zip(a.ReportedHops))
        {
            Assert.Equal(hop.Length, reported.Length, 9);
            Assert.Equal(hop.Multiplicity * 3, reported.Multiplicity);
            Assert.Equal(reported.Length, input.Lattice.ToCartesian(reported.ToFrac - reported.FromFrac).Norm, 6);
            Assert.Equal(hop.FromLabel, reported.FromLabel);
            Assert.Equal(hop.ToLabel, reported.ToLabel);
        }
        Assert.Contains(a.ReportedHops, h => h.ToLabel == "i1");
    }

    [Fact]
    public void NebImagesFollowTheLandscapePathInACentredCell()
    {
        // F-43m argyrodite: bands are built in the conventional face-centred cell, the path found in the primitive
        // cell; carried into the band's cell, it gives images that step evenly from one endpoint to the other
        // (a path left in the primitive cell's coordinates would scatter them across the band).
        var file = Path.Combine(HopFixtures.Directory, "cif", "argyrodite-disordered.cif");
        var dir = Path.Combine(Path.GetTempPath(), "barriernet-centred-neb-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new HopsCommand.Settings(new HopOptions(Paths: true, MaxHop: 1.9), "json", null, dir, BandSupercell.DefaultMinimumWidth, NebPath: NebPath.Landscape);
            var o = new StringWriter(); var e = new StringWriter();
            Assert.Equal(0, HopsCommand.Run(new[] { file }, settings, o, e));
            var hopDir = Path.Combine(Directory.GetDirectories(dir)[0], HopFiles.HopFolder(1));
            var images = Directory.GetDirectories(hopDir).Order().Select(d => PoscarReader.ReadFile(Path.Combine(d, "POSCAR"))).ToList();
            Assert.Equal(NebImages.DefaultCount, images.Count);
            var lattice = images[0].Lattice;
            for (int k = 1; k < images.Count; k++)
                Assert.InRange(lattice.MinimumImageDistance(images[k][0].Frac, images[k - 1][0].Frac), 0.05, 1.0);
        }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }
}
