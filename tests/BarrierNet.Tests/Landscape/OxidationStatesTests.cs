using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Landscape;

public class OxidationStatesTests
{
    private static IReadOnlyDictionary<string, double> Assign(string path) => OxidationStates.Assign(StructureReader.Read(path)).ByElement;

    [Fact]
    public void OlivineGetsItsTextbookValences()
    {
        var q = Assign(RepoPaths.Example("LiFePO4.cif"));
        Assert.Equal(1, q["Li"]); Assert.Equal(2, q["Fe"]); Assert.Equal(5, q["P"]); Assert.Equal(-2, q["O"]);
    }

    [Fact]
    public void DisorderedNasiconKeepsPhosphorusPentavalent()
    {
        // Si and P share one tetrahedral site and Na is partially occupied: balance over the weighted composition.
        var q = Assign(RepoPaths.Fixture("hops", "cif", "nasicon-disordered.cif"));
        Assert.Equal(5, q["P"]); Assert.Equal(4, q["Si"]); Assert.Equal(4, q["Zr"]); Assert.Equal(1, q["Na"]);
    }

    [Fact]
    public void SpinelManganeseTakesAMixedValence()
    {
        var a = OxidationStates.Assign(StructureReader.Read(RepoPaths.Example("LiMn2O4.cif")));
        Assert.Equal(3.5, a.ByElement["Mn"], 9);
        Assert.Contains(a.Notes, n => n.Contains("mixed valence"));
    }

    [Fact]
    public void FileChargesAreUsedAsGiven()
    {
        var lattice = Lattice.FromParameters(4.2, 4.2, 4.2, 90, 90, 90);
        var s = new Structure(lattice, new[]
        {
            new Site("Li", new Vec3(0, 0, 0), OxidationState: 1),
            new Site("F", new Vec3(0.5, 0.5, 0.5), OxidationState: -1),
        });
        var a = OxidationStates.Assign(s);
        Assert.Equal(ValenceSource.File, a.Source);
        Assert.Equal(new[] { 1.0, -1.0 }, a.Charges);
    }

    [Fact]
    public void NoBalanceIsOneClearReason()
    {
        // Li and O alone in LiO2 proportions cannot balance with Li+ and O2-.
        var lattice = Lattice.FromParameters(4, 4, 4, 90, 90, 90);
        var s = new Structure(lattice, new[]
        {
            new Site("Li", new Vec3(0, 0, 0)),
            new Site("O", new Vec3(0.5, 0.5, 0.5)),
            new Site("O", new Vec3(0.5, 0, 0)),
        });
        var e = Assert.Throws<LandscapeException>(() => OxidationStates.Assign(s));
        Assert.Contains("no oxidation states balance", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("Mg", "intermetallic")]          // CsCl-type LiMg: Mg bonded to the less electronegative Li, but a metal
    [InlineData("H", "no anion softBV covers")]   // LiH: H- is an anion softBV's table lacks
    [InlineData("P", "no anion softBV covers")]   // a phosphide
    public void StructuresWithoutASoftBvAnionAreRefusedWithTheReason(string partner, string reason)
    {
        var s = new Structure(Lattice.FromParameters(3.1, 3.1, 3.1, 90, 90, 90), new[]
        {
            new Site("Li", new Vec3(0, 0, 0)),
            new Site(partner, new Vec3(0.5, 0.5, 0.5)),
        });
        var e = Assert.Throws<LandscapeException>(() => OxidationStates.Assign(s));
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain("bonded as an anion", e.Message);
    }

    [Fact]
    public void AnElementSoftBvKnowsOnlyAsACationIsNeverTheAnion()
    {
        // Li3N-type cell with Na on the chain site and Li nearest to Na: Li is bonded to a less electronegative atom,
        // yet N3- is the anion and Li a cation.
        var lattice = Lattice.FromParameters(3.65, 3.65, 3.2, 90, 90, 120);
        var s = new Structure(lattice, new[]
        {
            new Site("N", new Vec3(0, 0, 0)),
            new Site("Na", new Vec3(0, 0, 0.5)),
            new Site("Li", new Vec3(1.0 / 3, 2.0 / 3, 0.5)),
            new Site("Li", new Vec3(2.0 / 3, 1.0 / 3, 0.5)),
        });
        var q = OxidationStates.Assign(s).ByElement;
        Assert.Equal(1, q["Li"]); Assert.Equal(1, q["Na"]); Assert.Equal(-3, q["N"]);
    }
}

public class DisorderedLandscapeTests
{
    [Fact]
    public void PerovskiteWithLithiumSharingTheLanthanumSiteConductsIn3D()
    {
        // LLTO-type cubic perovskite: A site La 0.55 + Li 0.35 (+ vacancies), B site Ti, O on the faces. No ordering is
        // needed: La weighs in by its occupancy, Li's own sublattice is left out, and the A-site cages connect in 3D.
        var lattice = BarrierNet.Core.Crystal.Lattice.FromParameters(3.87, 3.87, 3.87, 90, 90, 90);
        var s = new Structure(lattice, new[]
        {
            new Site("La", new Vec3(0, 0, 0), 0.55),
            new Site("Li", new Vec3(0, 0, 0), 0.35),
            new Site("Ti", new Vec3(0.5, 0.5, 0.5)),
            new Site("O", new Vec3(0.5, 0.5, 0)),
            new Site("O", new Vec3(0.5, 0, 0.5)),
            new Site("O", new Vec3(0, 0.5, 0.5)),
        });
        var a = LandscapeAnalysis.Of(s, BarrierNet.Core.Elements.BySymbol("Li"), new BvseOptions(0.25));
        Assert.Equal(4, a.Landscape.Valences.ByElement["Ti"]);
        Assert.Equal(3, a.Landscape.Valences.ByElement["La"]);
        Assert.NotNull(a.Percolation.ThreeD);
        Assert.Equal(a.Percolation.OneD!.Value, a.Percolation.ThreeD!.Value, 9); // cubic: all three directions open together
    }

    [Fact]
    public void DisorderedNasiconHasAThreeDimensionalSodiumNetwork()
    {
        var s = StructureReader.Read(RepoPaths.Fixture("hops", "cif", "nasicon-disordered.cif"));
        var a = LandscapeAnalysis.Of(s, BarrierNet.Core.Elements.BySymbol("Na"), new BvseOptions(0.3));
        Assert.NotNull(a.Percolation.ThreeD);
        Assert.True(a.Percolation.ThreeD < 1.5, $"3D {a.Percolation.ThreeD}");
    }
}
