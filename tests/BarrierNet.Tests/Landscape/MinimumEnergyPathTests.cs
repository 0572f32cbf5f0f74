using BarrierNet.Core;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
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
    public void AHopTooLongForTheSearchBoxSaysSoByItsOwnException()
    {
        // Ten cells along each axis at 0.2 Å: about 200³ points, over the search's limit. Callers with a fallback
        // catch this exception alone, so it must not be a plain ArgumentException from elsewhere.
        var grid = AnalyticGrids.Sample(Cubic, 20, 20, 20, AnalyticGrids.SimpleCubic);
        var e = Assert.Throws<SearchBoxTooLargeException>(() => MinimumEnergyPath.Find(grid, Vec3.Zero, new Vec3(10, 10, 10)));
        Assert.Contains("search box", e.Message);
        Assert.Throws<ArgumentException>(() => MinimumEnergyPath.Find(grid, Vec3.Zero, new Vec3(1, 0, 0), points: 1));
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

    /// <summary>
    /// The search reads energies as it goes and reuses its arrays from hop to hop; it must give exactly the paths of
    /// the reference that copies the box and clears its arrays for every hop. Energies on a few levels make many paths
    /// of equal cost, so that the order in which nodes are met is tested too; boxes of changing size follow each
    /// other; some points are not finite (on top of an atom).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PathsAreExactlyThoseOfTheReferenceSearch(int seed)
    {
        var random = new Random(seed);
        var lattice = Lattice.FromParameters(5 + random.NextDouble() * 3, 4 + random.NextDouble() * 4, 6, 70 + random.NextDouble() * 20, 95, 80 + random.NextDouble() * 30);
        int na = 14 + random.Next(8), nb = 12 + random.Next(8), nc = 18;
        var energies = new double[na * nb * nc];
        for (int p = 0; p < energies.Length; p++)
            energies[p] = random.NextDouble() < 0.02 ? double.PositiveInfinity : Math.Round(random.NextDouble() * 4) * 0.25;
        var grid = new EnergyGrid(lattice, na, nb, nc, energies);
        int walledIn = 0;
        for (int hop = 0; hop < 25; hop++)
        {
            var from = new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble());
            var to = from + new Vec3(random.NextDouble() * 1.6 - 0.8, random.NextDouble() * 1.6 - 0.8, random.Next(-1, 2) * 0.5);
            double margin = 0.5 + random.NextDouble() * 2.5;
            EnergyPath expected;
            try { expected = ReferenceMinimumEnergyPath.Find(grid, from, to, margin); }
            catch (InvalidOperationException)
            {
                // Walled in by points that are not finite: the search must say so too.
                Assert.Throws<InvalidOperationException>(() => MinimumEnergyPath.Find(grid, from, to, margin));
                walledIn++;
                continue;
            }
            AssertSamePath(expected, MinimumEnergyPath.Find(grid, from, to, margin));
        }
        Assert.True(walledIn < 5, $"{walledIn} of 25 hops found no path");
    }

    [Fact]
    public void HopsOfARealLandscapeFollowTheReferencePathsOnAnyThread()
    {
        var s = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var analysis = HopAnalysis.Analyze(s, new HopOptions(Paths: true));
        var grid = BvseLandscape.Compute(analysis.Framework.Source, Elements.BySymbol("Li"));
        var reference = analysis.Hops.Select(h => ReferenceMinimumEnergyPath.Find(grid, h.FromFrac, h.ToFrac)).ToList();
        var parallel = new EnergyPath[analysis.Hops.Count];
        Parallel.For(0, analysis.Hops.Count, i => parallel[i] = MinimumEnergyPath.Find(grid, analysis.Hops[i].FromFrac, analysis.Hops[i].ToFrac));
        for (int i = 0; i < reference.Count; i++)
        {
            AssertSamePath(reference[i], analysis.Paths![i]);
            AssertSamePath(reference[i], parallel[i]);
        }
    }

    private static void AssertSamePath(EnergyPath expected, EnergyPath actual)
    {
        Assert.Equal(expected.GridSaddle, actual.GridSaddle);
        Assert.Equal(expected.Points, actual.Points);
        Assert.Equal(expected.Distance, actual.Distance);
        Assert.Equal(expected.Energies, actual.Energies);
    }
}
