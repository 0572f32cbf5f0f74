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
        Assert.Equal(b.Count, NeighborSearch.CountWithinRadius(lat, frac, radius)); // counting finds the same pairs
        Assert.True(a.SetEquals(b), $"seed {seed}: {a.Except(b).Count()} extra, {b.Except(a).Count()} missing");
        foreach (var nb in fast.SelectMany(l => l))
        {
            var d = lat.ToCartesian(frac[nb.Index] + new Vec3(nb.Image.A, nb.Image.B, nb.Image.C) - frac[nb.Center]);
            Assert.True((d - nb.Vector).Norm < 1e-9);
        }
    }
}

/// <summary>KNearest (which starts below the cutoff and widens) returns exactly the k nearest of a brute-force search.</summary>
public class KNearestBruteForceTests
{
    [Theory]
    [InlineData(1, 12)]
    [InlineData(2, 12)]
    [InlineData(3, 4)]
    [InlineData(4, 12)]
    [InlineData(5, 20)]
    [InlineData(6, 12)]
    public void KNearestEqualsTheKClosestOfABruteForceSearch(int seed, int k)
    {
        var rng = new Random(seed);
        var lat = Lattice.FromParameters(3 + rng.NextDouble() * 8, 3 + rng.NextDouble() * 8, 3 + rng.NextDouble() * 8,
            70 + rng.NextDouble() * 40, 70 + rng.NextDouble() * 40, 70 + rng.NextDouble() * 40);
        int n = 1 + rng.Next(40);
        var frac = Enumerable.Range(0, n).Select(_ => new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble())).ToArray();
        var fast = NeighborSearch.KNearest(lat, frac, k, 8.0);
        // Brute force far beyond the cutoff, then the k closest (and anything tied with the k-th) per atom.
        var brute = NeighborSearch.BruteForce(lat, frac, 16.0);
        for (int i = 0; i < n; i++)
        {
            var sorted = brute[i].Where(x => x.Distance >= 0.15).OrderBy(x => x.Distance).ToList();
            double kth = sorted[k - 1].Distance + 1e-4;
            var expected = sorted.Where(x => x.Distance <= kth).Select(x => (x.Index, x.Image)).ToHashSet();
            var got = fast[i].Select(x => (x.Index, x.Image)).ToHashSet();
            Assert.True(expected.SetEquals(got), $"seed {seed}, atom {i}: {got.Except(expected).Count()} extra, {expected.Except(got).Count()} missing");
            Assert.Equal(fast[i].Select(x => x.Distance).OrderBy(x => x), fast[i].Select(x => x.Distance));
        }
    }

    [Fact]
    public void ASparseCellWidensBeyondTheCutoffUntilEveryAtomHasKNeighbours()
    {
        // One atom in a 12 Å cube: its 12 nearest are its own images at 12 and 16.97 Å, beyond the 8 Å cutoff.
        var lat = Lattice.FromParameters(12, 12, 12, 90, 90, 90);
        var nb = NeighborSearch.KNearest(lat, new[] { new Vec3(0.1, 0.2, 0.3) }, 12, 8.0)[0];
        Assert.Equal(18, nb.Count); // 6 at 12 Å, then all 12 face diagonals tied at 16.97 Å
        Assert.Equal(12.0, nb[0].Distance, 9);
    }
}
