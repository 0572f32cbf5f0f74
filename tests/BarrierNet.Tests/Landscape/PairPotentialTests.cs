using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

public class PairPotentialTests
{
    [Fact]
    public void MorseWellHasItsDepthAtRMin()
    {
        // softBV Li+–O2−: the well's bottom is −D0/2 at Rmin.
        var p = SoftBvParameters.Pair("Li", 1, "O", -2)!.Value;
        var morse = PairPotential.Morse(p, 1e-4);
        Assert.Equal(-p.D0 / 2, morse.Energy(p.RMin), 12);
        Assert.True(morse.Energy(p.RMin - 0.1) > morse.Energy(p.RMin) && morse.Energy(p.RMin + 0.1) > morse.Energy(p.RMin));
    }

    [Fact]
    public void TableFollowsTheFunctionToAFewPartsPerMillion()
    {
        var morse = PairPotential.Morse(SoftBvParameters.Pair("Li", 1, "O", -2)!.Value, 1e-4);
        var coulomb = PairPotential.Coulomb(PairPotential.CoulombConstant * 1 * 5 / Math.Sqrt(2 * 3), 0.74 * (1.28 + 1.07), 1e-4);
        foreach (var pot in new[] { morse, coulomb })
            for (double r = 0.3; r < pot.Cutoff; r += 0.0137)
                Assert.True(Math.Abs(pot.EnergyFromSquare(r * r) - pot.Energy(r)) < 1e-5 * (1 + Math.Abs(pot.Energy(r))), $"r = {r}: {pot.EnergyFromSquare(r * r)} vs {pot.Energy(r)}");
    }

    [Fact]
    public void CutoffIsWhereTheTermFallsBelowTheTolerance()
    {
        var coulomb = PairPotential.Coulomb(20, 1.8, 1e-4);
        Assert.True(Math.Abs(coulomb.Energy(coulomb.Cutoff)) < 1e-4);
        Assert.True(Math.Abs(coulomb.Energy(coulomb.Cutoff - 0.02)) >= 1e-4);
    }

    [Fact]
    public void ErfcMatchesReferenceValues()
    {
        // erfc(0) = 1, erfc(0.5) = 0.4795001222, erfc(1) = 0.1572992071, erfc(2) = 0.004677734981.
        Assert.Equal(1, PairPotential.Erfc(0), 6);
        Assert.Equal(0.4795001222, PairPotential.Erfc(0.5), 6);
        Assert.Equal(0.1572992071, PairPotential.Erfc(1), 6);
        Assert.Equal(0.004677734981, PairPotential.Erfc(2), 6);
    }
}

public class UnusableParameterTests
{
    [Fact]
    public void NegativeBIsRefusedWithOneLine()
    {
        // softBV's published Mg2+–Se2− pair has b < 0; a landscape built on it would grow without bound.
        Assert.True(SoftBvParameters.Pair("Mg", 2, "Se", -2)!.Value.B < 0);
        var lattice = BarrierNet.Core.Crystal.Lattice.FromParameters(5.5, 5.5, 5.5, 90, 90, 90);
        var s = new BarrierNet.Core.Crystal.Structure(lattice, new[]
        {
            new BarrierNet.Core.Crystal.Site("Mg", new BarrierNet.Core.Crystal.Vec3(0, 0, 0)),
            new BarrierNet.Core.Crystal.Site("Se", new BarrierNet.Core.Crystal.Vec3(0.5, 0.5, 0.5)),
        });
        var e = Assert.Throws<LandscapeException>(() => BvseLandscape.For(s, BarrierNet.Core.Elements.BySymbol("Mg")));
        Assert.Contains("unusable (negative b)", e.Message);
    }
}
