using BarrierNet.Core.Descriptors;
using BarrierNet.Core.IO;
using Xunit;

namespace BarrierNet.Tests.Descriptors;

public class BondValenceTests
{
    [Theory]
    // pymatgen 2022.11 calculate_bv_sum (b = 0.31 Å there) over the O neighbours within 3.5 Å of each site of
    // datasets/examples/LiFePO4.cif, frozen here: Li 6 O, Fe 7 O, P 7 O.
    [InlineData(0, "Li", 0.6950705220615154)]
    [InlineData(4, "Fe", 1.5552910180080841)]
    [InlineData(8, "P", 6.187671461603588)]
    public void BondValenceSumsAgreeWithPymatgen(int site, string element, double expected)
    {
        var s = CifReader.ReadFile(RepoPaths.Example("LiFePO4.cif"));
        Assert.Equal(element, s[site].Element);
        var neighbours = BarrierNet.Core.Neighbors.NeighborSearch.WithinRadius(s, 3.5)[site];
        double r0 = BondValence.R0(element, "O")!.Value;
        double sum = neighbours.Where(n => s[n.Index].Element == "O").Sum(n => BondValence.Valence(r0, n.Distance, 0.31));
        Assert.Equal(expected, sum, 9);
    }

    [Fact]
    public void PairsWithoutParametersHaveNoR0()
    {
        Assert.True(BondValence.Has("Li"));
        Assert.Null(BondValence.R0("Li", "Xe"));
        // Li–O from the general formula, 1.497 Å (the fitted table value is 1.466 Å).
        Assert.Equal(1.4969, BondValence.R0("Li", "O")!.Value, 4);
    }
}
