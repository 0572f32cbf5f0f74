using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Neighbors;
using Xunit;

namespace BarrierNet.Tests.Neighbors;

/// <summary>Pair counts are physics, not bookkeeping: independent of atom order, of wrapping, and extensive in the cell.</summary>
public class PairCountInvarianceTests
{
    [Theory]
    [InlineData("LiFePO4.cif")]
    [InlineData("Ge2Sb2Te5.cif")]
    [InlineData("Li3V2P3O12.cif")]
    public void InvariantUnderPermutationAndShiftsAndExtensiveInSupercells(string file)
    {
        var s = StructureReader.Read(RepoPaths.Example(file));
        long n = NeighborSearch.CountPositionPairs(s, 5.0);

        var rng = new Random(7);
        var shuffled = s.WithSites(s.Sites.OrderBy(_ => rng.Next())
            .Select(x => x with { Frac = x.Frac + new Vec3(rng.Next(-2, 3), rng.Next(-2, 3), rng.Next(-2, 3)) }).ToList());
        Assert.Equal(n, NeighborSearch.CountPositionPairs(shuffled, 5.0));

        // 2×1×3 supercell: six times the pairs.
        var sites = new List<Site>();
        foreach (var x in s.Sites)
            for (int i = 0; i < 2; i++)
                for (int k = 0; k < 3; k++)
                    sites.Add(x with { Frac = new Vec3((x.Frac.X + i) / 2, x.Frac.Y, (x.Frac.Z + k) / 3) });
        var super = new Structure(s.Lattice.Supercell(2, 1, 3), sites);
        Assert.Equal(6 * n, NeighborSearch.CountPositionPairs(super, 5.0));
    }

    /// <summary>
    /// Counting visits each pair of atoms once and counts it for both directions; listing visits every directed pair.
    /// The two must agree on real structures and on a supercell wide enough for several bins along each axis.
    /// </summary>
    [Theory]
    [InlineData("LiFePO4.cif", 1)]
    [InlineData("Li3V2P3O12.cif", 1)]
    [InlineData("LiMn2O4.cif", 3)]
    public void CountingEachPairOnceEqualsListingEveryDirectedPair(string file, int repeat)
    {
        var s = StructureReader.Read(RepoPaths.Example(file));
        var frac = new List<Vec3>();
        foreach (var x in s.Sites)
            for (int i = 0; i < repeat; i++)
                for (int j = 0; j < repeat; j++)
                    for (int k = 0; k < repeat; k++)
                        frac.Add(new Vec3((x.Frac.X + i) / repeat, (x.Frac.Y + j) / repeat, (x.Frac.Z + k) / repeat));
        var lattice = s.Lattice.Supercell(repeat, repeat, repeat);
        foreach (double radius in new[] { 3.0, 8.0 })
            Assert.Equal(NeighborSearch.WithinRadius(lattice, frac, radius).Sum(l => (long)l.Count), NeighborSearch.CountWithinRadius(lattice, frac, radius));
    }
}
