using BarrierNet.Core.Migration;
using Xunit;

namespace BarrierNet.Tests.Migration;

public class PercolationTests
{
    [Fact]
    public void SimpleCubicSublatticeWithDirectionalBarriers()
    {
        // One site per cell; hops along a (0.2 eV), b (0.5 eV), c (0.9 eV).
        var edges = new[]
        {
            new PercolationEdge(0, 0, (1, 0, 0), 0.2),
            new PercolationEdge(0, 0, (0, 1, 0), 0.5),
            new PercolationEdge(0, 0, (0, 0, 1), 0.9),
        };
        var r = Percolation.Analyze(1, edges);
        Assert.Equal(0.2, r.OneD);
        Assert.Equal(0.5, r.TwoD);
        Assert.Equal(0.9, r.ThreeD);
    }

    [Fact]
    public void ClosedDimerIsNotANetwork()
    {
        // Two sites linked to each other inside the cell only: a finite cluster, no percolation at any barrier.
        var edges = new[] { new PercolationEdge(0, 1, (0, 0, 0), 0.1) };
        var r = Percolation.Analyze(2, edges);
        Assert.Null(r.OneD);
        Assert.Null(r.TwoD);
        Assert.Null(r.ThreeD);
    }

    [Fact]
    public void ZigZagChainThroughTwoSitesIsOneDimensional()
    {
        // 0 → 1 in the home cell and 1 → 0 in the next cell along c: an infinite chain only when both hops are open.
        var edges = new[]
        {
            new PercolationEdge(0, 1, (0, 0, 0), 0.3),
            new PercolationEdge(1, 0, (0, 0, 1), 0.4),
        };
        var r = Percolation.Analyze(2, edges);
        Assert.Equal(0.4, r.OneD);
        Assert.Null(r.TwoD);
        Assert.Equal(1, Percolation.MaxDimension(2, edges));
    }

    [Fact]
    public void CollinearLoopsCountOnce()
    {
        var edges = new[]
        {
            new PercolationEdge(0, 0, (1, 0, 0), 0.1),
            new PercolationEdge(0, 0, (2, 0, 0), 0.1),
            new PercolationEdge(0, 0, (1, 1, 0), 0.7),
        };
        Assert.Equal(1, Percolation.MaxDimension(1, edges.Take(2)));
        Assert.Equal(2, Percolation.MaxDimension(1, edges));
    }
}
