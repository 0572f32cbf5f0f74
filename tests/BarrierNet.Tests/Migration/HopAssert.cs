using BarrierNet.Core.Migration;
using Xunit;

namespace BarrierNet.Tests.Migration;

/// <summary>Compares lists of distinct hops as (length, multiplicity) multisets.</summary>
public static class HopAssert
{
    /// <summary>Multiset comparison: lengths to 0.01 Å and multiplicities exactly.</summary>
    public static void SameHops(IReadOnlyList<(double Length, int Multiplicity)> expected, IReadOnlyList<Hop> actual)
    {
        var exp = expected.OrderBy(h => h.Length).ThenBy(h => h.Multiplicity).ToList();
        var act = actual.Select(h => (h.Length, h.Multiplicity)).OrderBy(h => h.Length).ThenBy(h => h.Multiplicity).ToList();
        Assert.True(exp.Count == act.Count, $"expected {exp.Count} hops, found {act.Count}: [{Show(exp)}] vs [{Show(act)}]");
        // Sort both by length; equal lengths (within 0.01 Å) are compared as multisets of multiplicities.
        for (int i = 0; i < exp.Count; i++)
            Assert.True(Math.Abs(exp[i].Length - act[i].Length) < 0.01, $"hop {i}: expected {exp[i].Length:F4} Å, found {act[i].Length:F4} Å");
        var groupsE = Group(exp); var groupsA = Group(act);
        Assert.Equal(groupsE.Count, groupsA.Count);
        for (int g = 0; g < groupsE.Count; g++)
            Assert.Equal(groupsE[g], groupsA[g]);
    }

    private static List<List<int>> Group(List<(double Length, int Multiplicity)> hops)
    {
        var groups = new List<List<int>>();
        double last = double.NegativeInfinity;
        foreach (var h in hops)
        {
            if (h.Length - last > 0.01) groups.Add(new List<int>());
            groups[^1].Add(h.Multiplicity);
            last = h.Length;
        }
        foreach (var g in groups) g.Sort();
        return groups;
    }

    private static string Show(IEnumerable<(double Length, int Multiplicity)> h) =>
        string.Join(", ", h.Select(x => FormattableString.Invariant($"{x.Length:F3}×{x.Multiplicity}")));
}
