using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

public class GridPercolationTests
{
    private static readonly Lattice Cubic = Lattice.FromParameters(5, 5, 5, 90, 90, 90);

    private static EnergyGrid Cosines(int n, double a, double b, double c)
    {
        var e = new double[n * n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    e[(i * n + j) * n + k] = a * Math.Cos(2 * Math.PI * i / n) + b * Math.Cos(2 * Math.PI * j / n) + c * Math.Cos(2 * Math.PI * k / n);
        return new EnergyGrid(Cubic, n, n, n, e);
    }

    [Fact]
    public void SeparableCosinesPercolateAtTwiceEachAmplitude()
    {
        // Minimum at (½,½,½); crossing along a costs 2A, then along b 2B, then along c 2C.
        var r = GridPercolation.Analyze(Cosines(12, 0.1, 0.35, 0.8));
        Assert.Equal(0.2, r.OneD!.Value, 9);
        Assert.Equal(0.7, r.TwoD!.Value, 9);
        Assert.Equal(1.6, r.ThreeD!.Value, 9);
    }

    [Fact]
    public void AxisOrderDoesNotChangeTheBarriers()
    {
        var r = GridPercolation.Analyze(Cosines(10, 0.8, 0.1, 0.35));
        Assert.Equal(0.2, r.OneD!.Value, 9);
        Assert.Equal(0.7, r.TwoD!.Value, 9);
        Assert.Equal(1.6, r.ThreeD!.Value, 9);
    }

    [Fact]
    public void IsolatedWellsNeedTheWholeRangeToConnect()
    {
        // A single deep well at the origin in a flat plateau: the plateau itself percolates at the plateau level.
        int n = 6;
        var e = Enumerable.Repeat(1.0, n * n * n).ToArray();
        e[0] = -2;
        var r = GridPercolation.Analyze(new EnergyGrid(Cubic, n, n, n, e));
        Assert.Equal(3.0, r.OneD!.Value, 9);
        Assert.Equal(3.0, r.ThreeD!.Value, 9);
    }

    [Fact]
    public void DiagonalChannelIsOneDimensional()
    {
        // Low energy only along the body diagonal i = j = k (modulo n): a 1D channel along [111], no 2D network below the plateau.
        int n = 8;
        var e = Enumerable.Repeat(5.0, n * n * n).ToArray();
        for (int i = 0; i < n; i++) e[(i * n + i) * n + i] = i == 3 ? 0.4 : 0.0;
        var r = GridPercolation.Analyze(new EnergyGrid(Cubic, n, n, n, e));
        Assert.Equal(0.4, r.OneD!.Value, 9);
        Assert.Equal(5.0, r.TwoD!.Value, 9);
    }
}
