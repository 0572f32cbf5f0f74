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
    public void DistinctHopsMatchOracleWithFixtureOperations(string name)
    {
        var f = HopFixtures.Load(name);
        var framework = DisorderPolicy.Majority.Apply(f.Structure, f.Ion);
        var result = HopFinder.Find(framework, f.Operations, f.MaxHop);
        Assert.Equal(f.IonSiteCount, result.IonSites.Count);
        HopAssert.SameHops(f.Hops, result.Hops);
    }

    /// <summary>Bottlenecks against the oracle's brute-force numpy computation (ordered structures), to 0.01 Å.</summary>
    /// <summary>Fixtures the oracle gave bottlenecks for (the ordered ones: for disordered cells it defines no host).</summary>
    public static IEnumerable<object[]> OrderedNames() => HopFixtures.Names().Where(n => HopFixtures.Load((string)n[0]).Bottlenecks.All(b => b is not null));

    [Theory]
    [MemberData(nameof(OrderedNames))]
    public void BottlenecksMatchBruteForce(string name)
    {
        var f = HopFixtures.Load(name);
        var framework = DisorderPolicy.Majority.Apply(f.Structure, f.Ion);
        var result = HopFinder.Find(framework, f.Operations, f.MaxHop);
        foreach (var h in result.Hops)
        {
            bool match = Enumerable.Range(0, f.Hops.Count).Any(i =>
                Math.Abs(f.Hops[i].Length - h.Length) < 0.01 && f.Hops[i].Multiplicity == h.Multiplicity
                && Math.Abs(f.Bottlenecks[i]!.Value - h.Bottleneck) < 0.01);
            Assert.True(match, FormattableString.Invariant($"{name}: hop {h.Length:F4} Å ×{h.Multiplicity} bottleneck {h.Bottleneck:F4} Å not in the oracle"));
        }
    }
}
