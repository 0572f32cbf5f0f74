using BarrierNet.Core;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

public class BvseLandscapeTests
{
    private static readonly Element Li = Elements.BySymbol("Li");
    private static Structure LiFePO4 => StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));

    [Fact]
    public void GridMatchesThePointByPointSumOverImages()
    {
        var landscape = BvseLandscape.For(LiFePO4, Li);
        var grid = landscape.Grid(10, 6, 5);
        foreach (int p in new[] { 0, 7, 31, 100, 177, 250, 299 })
            Assert.Equal(landscape.EnergyAt(grid.Fractional(p)), grid[p], 9);
    }

    [Fact]
    public void GridOfATinyCellCountsEveryImageWithinTheCutoff()
    {
        // A rock-salt LiF cell much smaller than the cutoffs: each atom is seen through many images.
        var lattice = Lattice.FromParameters(4.03, 4.03, 4.03, 90, 90, 90);
        var sites = new List<Site>();
        foreach (var f in new[] { new Vec3(0, 0, 0), new Vec3(0.5, 0.5, 0), new Vec3(0.5, 0, 0.5), new Vec3(0, 0.5, 0.5) })
        {
            sites.Add(new Site("Li", f));
            sites.Add(new Site("F", new Vec3(f.X + 0.5, f.Y, f.Z)));
        }
        var landscape = BvseLandscape.For(new Structure(lattice, sites), Li);
        var grid = landscape.Grid(8, 8, 8);
        foreach (int p in new[] { 0, 9, 73, 200, 511 })
            Assert.Equal(landscape.EnergyAt(grid.Fractional(p)), grid[p], 9);
    }

    [Fact]
    public void AtomOrderDoesNotMatter()
    {
        var s = LiFePO4;
        var shuffled = s.WithSites(s.Sites.OrderBy(x => (x.Frac.X * 7919 + x.Frac.Y * 104729) % 1).ToList());
        var a = BvseLandscape.For(s, Li).Grid(9, 6, 5);
        var b = BvseLandscape.For(shuffled, Li).Grid(9, 6, 5);
        for (int p = 0; p < a.Count; p++) Assert.Equal(a[p], b[p], 9);
    }

    [Fact]
    public void ShiftingTheOriginShiftsTheGrid()
    {
        var s = LiFePO4;
        const int na = 10, nb = 6, nc = 5;
        var shift = new Vec3(3.0 / na, 1.0 / nb, 2.0 / nc);
        var moved = s.WithSites(s.Sites.Select(x => x with { Frac = x.Frac + shift }).ToList());
        var a = BvseLandscape.For(s, Li).Grid(na, nb, nc);
        var b = BvseLandscape.For(moved, Li).Grid(na, nb, nc);
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    Assert.Equal(a[i, j, k], b[i + 3, j + 1, k + 2], 9);
    }

    [Fact]
    public void SupercellRepeatsTheLandscape()
    {
        var s = LiFePO4;
        var super = Supercell(s, 1, 2, 1);
        var a = BvseLandscape.For(s, Li).Grid(8, 5, 4);
        var b = BvseLandscape.For(super, Li).Grid(8, 10, 4);
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 10; j++)
                for (int k = 0; k < 4; k++)
                    Assert.Equal(a[i, j, k], b[i, j, k], 9);
    }

    [Fact]
    public void AnotherCellOfTheSameCrystalGivesTheSameEnergies()
    {
        // a' = a + b, b' = b, c' = c describes the same crystal; energies at the same Cartesian points agree.
        var s = LiFePO4;
        var l = s.Lattice;
        var other = new Lattice(l.A + l.B, l.B, l.C);
        var sheared = new Structure(other, s.Sites.Select(x => x with { Frac = other.ToFractional(l.ToCartesian(x.Frac)) }).ToList());
        var a = BvseLandscape.For(s, Li);
        var b = BvseLandscape.For(sheared, Li);
        foreach (var f in new[] { new Vec3(0.1, 0.2, 0.3), new Vec3(0.5, 0.25, 0.75), new Vec3(0.93, 0.61, 0.07) })
            Assert.Equal(a.EnergyAt(f), b.EnergyAt(other.ToFractional(l.ToCartesian(f))), 9);
    }

    [Fact]
    public void DefaultGridSpacingIsAtMostTheResolution()
    {
        var s = LiFePO4;
        var grid = BvseLandscape.Compute(s, Li, new BvseOptions(Resolution: 0.5));
        var (a, b, c) = s.Lattice.Lengths;
        Assert.True(a / grid.Na <= 0.5 && b / grid.Nb <= 0.5 && c / grid.Nc <= 0.5);
        Assert.True(a / (grid.Na - 1) > 0.5);
    }

    [Fact]
    public void IonSitesOfTheFileLieLowInTheLandscape()
    {
        // Li sits in the octahedral channel of olivine: the landscape at the listed Li sites must be far below its median.
        var s = LiFePO4;
        var landscape = BvseLandscape.For(s, Li);
        var grid = landscape.Grid();
        double median = grid.ToArray().OrderBy(x => x).ElementAt(grid.Count / 2);
        foreach (var site in s.Sites.Where(x => x.Element == "Li"))
            Assert.True(landscape.EnergyAt(site.Frac) < median - 1, $"E(Li site) = {landscape.EnergyAt(site.Frac)} vs median {median}");
    }

    [Fact]
    public void AnIonSharingItsSiteIsNotPushedOffItsWindowByTheCoOccupant()
    {
        // LLTO (A site La 0.56 + Li 0.33): a Li hop joins two neighbouring A sites through the O4 window midway between
        // them, and neither end holds La while the ion hops. With La's repulsion off out to half the A–A distance and
        // only fully on at the A–A distance, the highest point of the path is the window, a few tenths of an eV
        // above the A site (with La piled onto the window, it was 2.4 eV).
        var s = StructureReader.Read(Migration.DisorderSamplingTests.Disordered("Li0.33La0.56TiO3-cubic.cif"));
        var landscape = BvseLandscape.For(s, Elements.BySymbol("Li"));
        var percolation = GridPercolation.Analyze(landscape.Grid());
        double window = landscape.EnergyAt(new Vec3(0.5, 0.5, 0)) - landscape.EnergyAt(new Vec3(0.5, 0.5, 0.5));
        Assert.Equal(window, percolation.ThreeD!.Value, 2);
        Assert.InRange(window, 0.2, 0.6);
        // Along the straight A–window–A line the energy rises monotonically to the window.
        var profile = Enumerable.Range(0, 11).Select(i => landscape.EnergyAt(new Vec3(0.5, 0.5, 0.5 - 0.05 * i))).ToList();
        Assert.All(profile.Zip(profile.Skip(1)), p => Assert.True(p.Second >= p.First - 1e-9));
    }

    internal static Structure Supercell(Structure s, int na, int nb, int nc)
    {
        var sites = new List<Site>();
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    foreach (var x in s.Sites)
                        sites.Add(x with { Frac = new Vec3((x.Frac.X + i) / na, (x.Frac.Y + j) / nb, (x.Frac.Z + k) / nc) });
        return new Structure(s.Lattice.Supercell(na, nb, nc), sites);
    }
}
