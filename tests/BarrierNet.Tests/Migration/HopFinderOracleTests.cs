using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;
using Xunit;

namespace BarrierNet.Tests.Migration;

/// <summary>
/// Hop lengths and multiplicities against the frozen pymatgen oracle (scripts/oracle/hops_oracle.py) on olivine,
/// layered, spinel, garnet, NASICON, thiophosphate, nitride, anti-perovskite, argyrodite (ordered and disordered)
/// and the example CIFs, to 0.01 Å.
/// </summary>
public class HopFinderOracleTests
{
    public static IEnumerable<object[]> Names() => HopFixtures.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void DistinctHopsMatchOracle_WithFixtureOperations(string name)
    {
        var f = HopFixtures.Load(name);
        var framework = DisorderPolicy.Majority.Apply(f.Structure, f.Ion);
        var result = HopFinder.Find(framework, f.Operations, f.MaxHop);
        Assert.Equal(f.IonSiteCount, result.IonSites.Count);
        HopAssert.SameHops(f.Hops, result.Hops);
    }
}
