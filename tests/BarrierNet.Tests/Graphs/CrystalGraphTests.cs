using BarrierNet.Core.Crystal;
using BarrierNet.Core.Neighbors;
using BarrierNet.Model.Graphs;
using Xunit;
using BarrierNet.Tests.Fixtures;

namespace BarrierNet.Tests.Graphs;

public class CrystalGraphTests
{
    /// <summary>The graph's bonds must be exactly the symmetrised 12-nearest (ties kept) bonds found by brute force.</summary>
    [Theory]
    [InlineData("rocksalt")]
    [InlineData("triclinic")]
    public void BondsAgreeWithBruteForce(string which)
    {
        var s = which == "rocksalt" ? GnnFixtures.RockSalt() : GnnFixtures.Triclinic();
        var g = CrystalGraph.Build(s, new GraphSettings(12, 8.0, 3));
        var fr = s.Sites.Select(x => x.Frac).ToArray();
        var brute = NeighborSearch.BruteForce(s.Lattice, fr, 8.0);
        var expected = new HashSet<(int, int, long, long, long)>();
        for (int i = 0; i < s.Count; i++)
        {
            var list = brute[i].Where(n => n.Distance >= 0.15).OrderBy(n => n.Distance).ToList();
            Assert.True(list.Count >= 12);
            double kth = list[11].Distance + 1e-4;
            foreach (var n in list.Where(n => n.Distance <= kth))
            {
                expected.Add(Key(n.Center, n.Index, n.Vector));
                expected.Add(Key(n.Index, n.Center, -n.Vector));
            }
        }
        var actual = new HashSet<(int, int, long, long, long)>();
        for (int k = 0; k < g.EdgeCount; k++)
        {
            var v = new Vec3(g.BondVectors[3 * k], g.BondVectors[3 * k + 1], g.BondVectors[3 * k + 2]);
            Assert.True(actual.Add(Key(g.EdgeSource[k], g.EdgeTarget[k], v)), "duplicate bond");
            Assert.Equal(v.Norm, g.BondLengths[k], 4);
        }
        Assert.Equal(expected.Count, g.EdgeCount);
        Assert.True(expected.SetEquals(actual));
    }

    private static (int, int, long, long, long) Key(int i, int j, Vec3 v) =>
        (i, j, (long)Math.Round(v.X * 1000), (long)Math.Round(v.Y * 1000), (long)Math.Round(v.Z * 1000));

    /// <summary>Each angle joins a→b to b→c, carries cos of the angle at b, and b→c is among b's shortest bonds.</summary>
    [Fact]
    public void AnglesAreTheBondAnglesAtTheSharedAtom()
    {
        var s = GnnFixtures.Triclinic();
        var g = CrystalGraph.Build(s, new GraphSettings(12, 8.0, 3));
        Assert.True(g.AngleCount > 0);
        for (int t = 0; t < g.AngleCount; t++)
        {
            int k1 = g.AngleIncoming[t], k2 = g.AngleOutgoing[t];
            Assert.Equal(g.EdgeTarget[k1], g.EdgeSource[k2]);
            var rba = -new Vec3(g.BondVectors[3 * k1], g.BondVectors[3 * k1 + 1], g.BondVectors[3 * k1 + 2]);
            var rbc = new Vec3(g.BondVectors[3 * k2], g.BondVectors[3 * k2 + 1], g.BondVectors[3 * k2 + 2]);
            Assert.Equal(rba.Dot(rbc) / (rba.Norm * rbc.Norm), g.AngleCosines[t], 4);
            int b = g.EdgeSource[k2];
            var third = Enumerable.Range(0, g.EdgeCount).Where(k => g.EdgeSource[k] == b).Select(k => g.BondLengths[k]).OrderBy(x => x).ElementAt(2);
            Assert.True(g.BondLengths[k2] <= third + 1e-4);
        }
        // No angles at all when the setting asks for none.
        Assert.Equal(0, CrystalGraph.Build(s, new GraphSettings(12, 8.0, 0)).AngleCount);
    }

    [Fact]
    public void AtomFeaturesAreOneHotPerPropertyBlock()
    {
        Assert.Equal(92, AtomFeatures.Length);
        var o = AtomFeatures.Of(BarrierNet.Core.Elements.BySymbol("O"));
        Assert.Equal(9, o.Sum()); // every property known for oxygen: one bit per block
        var he = AtomFeatures.Of(BarrierNet.Core.Elements.BySymbol("He"));
        Assert.Equal(8, he.Sum()); // no electronegativity for helium
        Assert.NotEqual(AtomFeatures.Of(BarrierNet.Core.Elements.BySymbol("Li")), AtomFeatures.Of(BarrierNet.Core.Elements.BySymbol("Na")));
    }
}
