using BarrierNet.Core.Crystal;
using BarrierNet.Core.Neighbors;
using Xunit;

namespace BarrierNet.Tests.Neighbors;

/// <summary>The cell-list search returns exactly the brute-force set of (i, j, image) on skewed and thin cells.</summary>
public class NeighborSearchBruteForceTests
{
    private static HashSet<(int, int, (int, int, int))> Set(List<Neighbor>[] lists) =>
        lists.SelectMany(l => l.Select(n => (n.Center, n.Index, n.Image))).ToHashSet();

    public static IEnumerable<object[]> Cases()
    {
        // seed, radius; cells are random and some are much thinner than the radius.
        for (int seed = 1; seed <= 24; seed++) yield return new object[] { seed, seed % 3 == 0 ? 8.0 : 4.5 };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WithinRadiusEqualsBruteForceOnRandomTriclinicCells(int seed, double radius)
    {
        var rng = new Random(seed);
        double L() => seed % 4 == 0 ? 1.2 + rng.NextDouble() * 2 : 3 + rng.NextDouble() * 6; // every 4th: thinner than r
        // Skewed cells: random lengths and angles between 50° and 130° (rejecting invalid combinations).
        Lattice lat;
        while (true)
        {
            try
            {
                lat = Lattice.FromParameters(L(), L(), L(), 50 + rng.NextDouble() * 80, 50 + rng.NextDouble() * 80, 50 + rng.NextDouble() * 80);
                if (lat.Volume > 2) break;
            }
            catch (ArgumentException) { }
        }
        int n = 2 + rng.Next(12);
        // Odd seeds: coordinates outside [0, 1) too; images must be reported relative to the given coordinates.
        double lo = seed % 2 == 0 ? 0 : -1, width = seed % 2 == 0 ? 1 : 3;
        var frac = Enumerable.Range(0, n).Select(_ => new Vec3(lo + width * rng.NextDouble(), lo + width * rng.NextDouble(), lo + width * rng.NextDouble())).ToArray();
        var fast = NeighborSearch.WithinRadius(lat, frac, radius);
        var brute = NeighborSearch.BruteForce(lat, frac, radius);
        var a = Set(fast);
        var b = Set(brute);
        // Distances exactly at the radius are measure-zero events for random input.
        Assert.Equal(b.Count, fast.Sum(l => l.Count)); // no duplicates
        Assert.True(a.SetEquals(b), $"seed {seed}: {a.Except(b).Count()} extra, {b.Except(a).Count()} missing");
        foreach (var nb in fast.SelectMany(l => l))
        {
            var d = lat.ToCartesian(frac[nb.Index] + new Vec3(nb.Image.A, nb.Image.B, nb.Image.C) - frac[nb.Center]);
            Assert.True((d - nb.Vector).Norm < 1e-9);
        }
    }
}
