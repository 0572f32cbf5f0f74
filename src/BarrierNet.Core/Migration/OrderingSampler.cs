using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Random orderings of a band's partially occupied sublattices, so a disordered conductor can be scored on several
/// plausible snapshots instead of one. Seeded: the same seed gives the same ordering.
/// <list type="bullet">
/// <item><b>Ions</b>: random sequential filling of the candidate sites with an exclusion radius. The radius starts
/// at the smallest ion–ion separation of the deterministic farthest-point snapshot
/// (<see cref="IonSublatticeThinning"/>), so no sampled ordering crowds ions more than that snapshot does (no two ions
/// on a sub-ångström split site); when no free site is that far from every ion, it shrinks by 10 % and filling goes on.</item>
/// <item><b>Sites an ion shares</b> (LLTO A sites) that hold no ion get the host species, on randomly chosen sites.</item>
/// <item><b>Mixed host positions</b>: all supercell copies of positions with the same species and occupancies form
/// one sublattice; each species gets its share of them (largest remainder), on randomly chosen sites.</item>
/// </list>
/// </summary>
internal static class OrderingSampler
{
    /// <summary>Indices (ascending) of <paramref name="count"/> candidates that hold an ion.</summary>
    public static int[] Ions(Lattice supercell, IReadOnlyList<Vec3> candidates, IReadOnlyList<double> occupancies,
        IReadOnlyList<Vec3> endpoints, int count, Random random)
    {
        int m = candidates.Count;
        if (count >= m) return Enumerable.Range(0, m).ToArray();
        if (count <= 0) return Array.Empty<int>();
        double radius = SmallestSeparation(supercell, IonSublatticeThinning.Select(supercell, candidates, occupancies, endpoints, count)
            .Select(i => candidates[i]).Concat(endpoints).ToList());

        var order = Shuffle(Enumerable.Range(0, m).ToArray(), random);
        var taken = new List<Vec3>(endpoints);
        var chosen = new List<int>();
        var used = new bool[m];
        while (chosen.Count < count)
        {
            int before = chosen.Count;
            foreach (int i in order)
            {
                if (used[i] || chosen.Count == count) continue;
                if (taken.Any(t => supercell.MinimumImageDistance(t, candidates[i]) < radius - 1e-6)) continue;
                used[i] = true; chosen.Add(i); taken.Add(candidates[i]);
            }
            if (chosen.Count == before) radius *= 0.9;
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>A random choice of <paramref name="count"/> of <paramref name="n"/> items, ascending.</summary>
    public static int[] Subset(int n, int count, Random random)
    {
        var picked = Shuffle(Enumerable.Range(0, n).ToArray(), random).Take(Math.Clamp(count, 0, n)).ToArray();
        Array.Sort(picked);
        return picked;
    }

    /// <summary>
    /// Species for each site of one mixed sublattice: each species gets round(share × sites) of them (largest
    /// remainder, ties to the order given), placed in random order.
    /// </summary>
    public static string[] Species(int sites, IReadOnlyList<(string Element, double Occupancy)> species, Random random)
    {
        double total = species.Sum(s => s.Occupancy);
        var exact = species.Select(s => s.Occupancy / total * sites).ToArray();
        var counts = exact.Select(x => (int)Math.Floor(x)).ToArray();
        foreach (int k in Enumerable.Range(0, species.Count).OrderByDescending(k => exact[k] - counts[k]).Take(sites - counts.Sum()))
            counts[k]++;
        var labels = new string[sites];
        int next = 0;
        for (int k = 0; k < species.Count; k++)
            for (int c = 0; c < counts[k]; c++) labels[next++] = species[k].Element;
        return Shuffle(labels, random);
    }

    private static T[] Shuffle<T>(T[] items, Random random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }

    private static double SmallestSeparation(Lattice lattice, IReadOnlyList<Vec3> points)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < points.Count; i++)
            for (int j = i + 1; j < points.Count; j++)
                best = Math.Min(best, lattice.MinimumImageDistance(points[i], points[j]));
        return double.IsFinite(best) ? best : 0;
    }
}
