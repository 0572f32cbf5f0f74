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
}
