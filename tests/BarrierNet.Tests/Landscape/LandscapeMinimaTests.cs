using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;
using BarrierNet.Core;
using BarrierNet.Core.IO;
using Xunit;

namespace BarrierNet.Tests.Landscape;

/// <summary>The one minima finder on analytic grids (bare grids: parabola refinement) and on a real landscape (followed off the grid).</summary>
public class LandscapeMinimaTests
{
    [Fact]
    public void SimpleCubicPotentialHasOneMinimumAtTheOrigin()
    {
        var grid = AnalyticGrids.Sample(Lattice.FromParameters(4, 4, 4, 90, 90, 90), 20, 20, 20, AnalyticGrids.SimpleCubic);
        var m = Assert.Single(LandscapeMinima.Find(grid));
        Assert.Equal(0, m.Energy, 9);
        Assert.Equal(-3, grid[m.GridIndex], 9);
        Assert.True(grid.Lattice.MinimumImageDistance(m.Frac, Vec3.Zero) < 1e-9);
    }

    [Fact]
    public void CheckerboardHasTwoMinimaPerCell()
    {
        var grid = AnalyticGrids.Sample(Lattice.FromParameters(5, 5, 4, 90, 90, 90), 20, 20, 16, AnalyticGrids.Checkerboard);
        var minima = LandscapeMinima.Find(grid).OrderBy(m => m.Frac.X).ToList();
        Assert.Equal(2, minima.Count);
        Assert.All(minima, m => Assert.Equal(0, m.Energy, 9));
        Assert.True(grid.Lattice.MinimumImageDistance(minima[0].Frac, new Vec3(0, 0, 0)) < 1e-9);
        Assert.True(grid.Lattice.MinimumImageDistance(minima[1].Frac, new Vec3(0.5, 0.5, 0)) < 1e-9);
    }

    [Theory]
    [InlineData(0.13, 0.71, 0.37)]
    [InlineData(0.98, 0.02, 0.51)]
    public void OffGridMinimumInAnObliqueCellIsFoundAcrossTheBoundary(double x, double y, double z)
    {
        // Hexagonal cell, minimum between grid points (and, for the second case, next to a cell face).
        var shift = new Vec3(x, y, z);
        var lattice = Lattice.FromParameters(6, 6, 7, 90, 90, 120);
        var grid = AnalyticGrids.Sample(lattice, 30, 30, 35, f => AnalyticGrids.SimpleCubic(f - shift));
        var m = Assert.Single(LandscapeMinima.Find(grid));
        Assert.True(lattice.MinimumImageDistance(m.Frac, shift) < 0.02, $"found {m.Frac}, expected {shift}");
        Assert.InRange(m.Frac.X, 0, 1);
    }

    [Fact]
    public void TheWindowDropsHighMinima()
    {
        // Checkerboard with the minimum at the origin 0.02 eV deeper: both within 0.05 eV, only the origin within 0.01 eV.
        var grid = AnalyticGrids.Sample(Lattice.FromParameters(5, 5, 4, 90, 90, 90), 20, 20, 16,
            f => AnalyticGrids.Checkerboard(f) - 0.01 * AnalyticGrids.Cos(f.X));
        Assert.Equal(2, LandscapeMinima.Find(grid, window: 0.05).Count);
        var one = Assert.Single(LandscapeMinima.Find(grid, window: 0.01));
        Assert.True(grid.Lattice.MinimumImageDistance(one.Frac, Vec3.Zero) < 1e-9, "the deeper minimum (origin) is kept");
    }

    [Theory]
    [InlineData(0.15)]
    [InlineData(0.2)]
    [InlineData(0.25)]
    public void MinimaFollowedOffTheGridDoNotDependOnItsSampling(double resolution)
    {
        // LiFePO4: the Li site (4a, at the origin) is the landscape's lowest point; the relaxed minimum lands on it
        // within 0.01 Å whatever the grid, and its energy is the same to 1 meV.
        var s = StructureReader.Read(Path.Combine(Migration.HopFixtures.RepoRoot, "datasets", "examples", "LiFePO4.cif"));
        var landscape = BvseLandscape.For(s, Elements.BySymbol("Li"), new BvseOptions(resolution));
        var grid = landscape.Grid();
        var lowest = LandscapeMinima.Find(grid, landscape)[0];
        var li = s.Sites.Where(x => x.Element == "Li").Select(x => x.Frac).ToList();
        Assert.Contains(li, f => s.Lattice.MinimumImageDistance(f, lowest.Frac) < 0.01);
        var reference = BvseLandscape.For(s, Elements.BySymbol("Li"), new BvseOptions(0.2));
        double exact = reference.EnergyAt(li[0]);
        Assert.Equal(exact, landscape.EnergyAt(lowest.Frac), 3);
    }
}
