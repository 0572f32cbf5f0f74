using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

public class MinimumEnergyPathTests
{
    private static readonly Lattice Cubic = Lattice.FromParameters(4, 4, 4, 90, 90, 90);

    [Fact]
    public void StraightHopOverAKnownSaddle()
    {
        var grid = AnalyticGrids.Sample(Cubic, 20, 20, 20, AnalyticGrids.SimpleCubic);
        var path = MinimumEnergyPath.Find(grid, Vec3.Zero, new Vec3(1, 0, 0));
        Assert.Equal(-1, path.GridSaddle, 9);
        Assert.Equal(2, path.Barrier, 2);
        Assert.Equal(-3, path.Energies[0], 9);
        Assert.Equal(-3, path.Energies[^1], 9);
        Assert.Equal(4, path.Length, 1);
        Assert.Equal(new Vec3(1, 0, 0), path.Points[^1]);
        // The top of the profile is the saddle at (½, 0, 0).
        int top = Enumerable.Range(0, path.Energies.Count).MaxBy(p => path.Energies[p]);
        Assert.True(Cubic.MinimumImageDistance(path.Points[top], new Vec3(0.5, 0, 0)) < 0.25);
    }

    [Fact]
    public void BackwardHopAcrossTheCellFaceHasTheSameBarrier()
    {
        var grid = AnalyticGrids.Sample(Cubic, 20, 20, 20, AnalyticGrids.SimpleCubic);
        var path = MinimumEnergyPath.Find(grid, new Vec3(0, 0, 0), new Vec3(0, -1, 0));
        Assert.Equal(2, path.Barrier, 2);
        Assert.True(path.Points.Min(p => p.Y) < -0.99);
    }

    [Fact]
    public void CurvedPathAvoidsTheMaximumOnTheStraightLine()
    {
        var lattice = Lattice.FromParameters(5, 5, 4, 90, 90, 90);
        var grid = AnalyticGrids.Sample(lattice, 20, 20, 16, AnalyticGrids.Checkerboard);
        var path = MinimumEnergyPath.Find(grid, Vec3.Zero, new Vec3(1, 0, 0), margin: 3.0, points: 41);
        // Exact minimax level: 0 − ½ on the planes x = ¼ and ¾, so 1 eV above the −1.5 minima (straight line: 2 eV).
        Assert.Equal(-0.5, path.GridSaddle, 9);
        // The evenly spaced points of the smoothed path sample the saddle region to within 0.05 eV.
        Assert.InRange(path.Barrier, 0.95, 1.1);
        Assert.True(path.Points.Max(p => Math.Abs(p.Y)) > 0.4, "the path passes through the minimum at (½, ±½, 0)");
    }

    [Fact]
    public void OriginShiftDoesNotChangeTheBarrier()
    {
        var shift = new Vec3(0.31, 0.77, 0.05);
        var lattice = Lattice.FromParameters(5, 5, 4, 90, 90, 90);
        var grid = AnalyticGrids.Sample(lattice, 20, 20, 16, f => AnalyticGrids.Checkerboard(f - shift));
        var path = MinimumEnergyPath.Find(grid, shift, shift + new Vec3(1, 0, 0), margin: 3.0);
        Assert.InRange(path.Barrier, 0.95, 1.1);
    }

    [Fact]
    public void EvenlySpacedPointsFromSiteToSite()
    {
        var grid = AnalyticGrids.Sample(Cubic, 20, 20, 20, AnalyticGrids.SimpleCubic);
        var path = MinimumEnergyPath.Find(grid, Vec3.Zero, new Vec3(0, 0, 1), points: 11);
        Assert.Equal(11, path.Points.Count);
        for (int p = 1; p < 11; p++) Assert.Equal(path.Length / 10, path.Distance[p] - path.Distance[p - 1], 9);
    }
}
