using System.Text.Json;
using BarrierNet.Cli.Commands;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Migration;
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
        // M1 (6b) as listed, plus the landscape's interstitials: M2 (18e), counted in the file's hexagonal cell (the hops
        // are found in the rhombohedral primitive cell, a third of it). The shallow 36f minima between M1 and M2 appear
        // or not with the grid's sampling of the cell.
        int cells = a.CellsPerInput;
        Assert.Equal(6, a.IonSites.Count(s => s.Occupancy > 0) * cells);
        var classes = a.IonSites.Where(s => s.Occupancy == 0).GroupBy(s => s.EquivalenceClass).Select(g => g.Count() * cells).Order().ToList();
        Assert.Contains(18, classes);
        Assert.All(classes, n => Assert.Contains(n, new[] { 18, 36 }));
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
}
