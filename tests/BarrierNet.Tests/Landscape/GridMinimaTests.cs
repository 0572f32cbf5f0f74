using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

public class GridMinimaTests
{
    [Fact]
    public void SimpleCubicPotentialHasOneMinimumAtTheOrigin()
    {
        var grid = AnalyticGrids.Sample(Lattice.FromParameters(4, 4, 4, 90, 90, 90), 20, 20, 20, AnalyticGrids.SimpleCubic);
        var m = Assert.Single(GridMinima.Find(grid));
        Assert.Equal(-3, m.Energy, 9);
        Assert.True(grid.Lattice.MinimumImageDistance(m.Frac, Vec3.Zero) < 1e-9);
    }

    [Fact]
    public void CheckerboardHasTwoMinimaPerCell()
    {
        var grid = AnalyticGrids.Sample(Lattice.FromParameters(5, 5, 4, 90, 90, 90), 20, 20, 16, AnalyticGrids.Checkerboard);
        var minima = GridMinima.Find(grid).OrderBy(m => m.Frac.X).ToList();
        Assert.Equal(2, minima.Count);
        Assert.All(minima, m => Assert.Equal(-1.5, m.Energy, 9));
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
        var m = Assert.Single(GridMinima.Find(grid));
        Assert.True(lattice.MinimumImageDistance(m.Frac, shift) < 0.02, $"found {m.Frac}, expected {shift}");
        Assert.InRange(m.Frac.X, 0, 1);
    }

    [Fact]
    public void CloseMinimaMergeIntoTheLowerOne()
    {
        // Minima of the checkerboard are 3.5 Å apart, the one at the origin 0.02 eV deeper: one site with a 4 Å merge distance.
        var grid = AnalyticGrids.Sample(Lattice.FromParameters(5, 5, 4, 90, 90, 90), 20, 20, 16,
            f => AnalyticGrids.Checkerboard(f) - 0.01 * AnalyticGrids.Cos(f.X));
        Assert.Equal(2, GridMinima.Find(grid, 1.0).Count);
        var one = Assert.Single(GridMinima.Find(grid, 4.0));
        Assert.True(grid.Lattice.MinimumImageDistance(one.Frac, Vec3.Zero) < 1e-9, "the deeper minimum (origin) is kept");
    }
}
