using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Chooses which sites of a partially occupied ion sublattice hold an ion in a band's supercell. The band keeps
/// round(Σ occupancy) ions in all (one of them the migrating ion, whose two endpoint sites are otherwise empty: the
/// training data's vacancy hop), so the host holds round(Σ occupancy) − 2 of the remaining sites. Those are picked by
/// greedy farthest-point selection, seeded with the two endpoints: each step takes the candidate farthest from every
/// site already taken. This spreads the ions as evenly as the sublattice allows and never puts two ions on the
/// sub-ångström split sites of garnets or argyrodites while a farther site is free. Ties (within 1e-4 Å) go to the
/// higher occupancy, then the smaller fractional coordinates, so the result does not depend on atom order.
/// For a fully occupied sublattice every candidate is taken and the result is the ordinary vacancy hop.
/// </summary>
internal static class IonSublatticeThinning
{
    /// <param name="candidates">Ion sites of the supercell other than the two endpoints (fractional in the supercell).</param>
    /// <param name="occupancies">Occupancy of each candidate.</param>
    /// <param name="endpoints">The hop's two endpoint sites (fractional in the supercell).</param>
    /// <param name="count">How many candidates to keep.</param>
    /// <returns>Indices of the kept candidates, ascending.</returns>
    public static int[] Select(Lattice supercell, IReadOnlyList<Vec3> candidates, IReadOnlyList<double> occupancies, IReadOnlyList<Vec3> endpoints, int count)
    {
        int m = candidates.Count;
        if (count >= m) return Enumerable.Range(0, m).ToArray();
        if (count <= 0) return Array.Empty<int>();
        var nearest = new double[m];
        for (int i = 0; i < m; i++)
        {
            nearest[i] = double.PositiveInfinity;
            foreach (var e in endpoints) nearest[i] = Math.Min(nearest[i], supercell.MinimumImageDistance(candidates[i], e));
        }
        var taken = new bool[m];
        var chosen = new List<int>();
        var wrapped = candidates.Select(c => c.Wrap()).ToArray();
        for (int step = 0; step < count; step++)
        {
            int best = -1;
            for (int i = 0; i < m; i++)
            {
                if (taken[i]) continue;
                if (best < 0 || Better(i, best)) best = i;
            }
            taken[best] = true;
            chosen.Add(best);
            for (int i = 0; i < m; i++)
                if (!taken[i]) nearest[i] = Math.Min(nearest[i], supercell.MinimumImageDistance(candidates[i], candidates[best]));
        }
        chosen.Sort();
        return chosen.ToArray();

        bool Better(int i, int j)
        {
            if (Math.Abs(nearest[i] - nearest[j]) > 1e-4) return nearest[i] > nearest[j];
            if (Math.Abs(occupancies[i] - occupancies[j]) > 1e-6) return occupancies[i] > occupancies[j];
            for (int ax = 0; ax < 3; ax++)
                if (Math.Abs(wrapped[i][ax] - wrapped[j][ax]) > 1e-6) return wrapped[i][ax] < wrapped[j][ax];
            return i < j;
        }
    }
}
