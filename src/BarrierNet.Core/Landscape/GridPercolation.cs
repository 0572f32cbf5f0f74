using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// Percolation barriers of an energy landscape: the lowest level E at which the region of the grid with energy ≤ E
/// has a connected component that joins its own periodic image along 1, 2 and 3 independent lattice directions,
/// given in eV above the landscape's minimum. Found exactly in one pass: grid points are added in order of energy
/// and merged with their 26 neighbours already added (union–find); every merge that closes a loop through a periodic
/// image adds that lattice translation to the component, and the rank of those translations is its dimension.
/// </summary>
internal static class GridPercolation
{
    public static PercolationResult Analyze(EnergyGrid grid)
    {
        int n = grid.Count, na = grid.Na, nb = grid.Nb, nc = grid.Nc;
        var order = new int[n];
        var keys = grid.ToArray();
        for (int p = 0; p < n; p++) order[p] = p;
        Array.Sort(keys, order);
        double minimum = keys[0];

        var forest = new TranslationForest(n);
        double? oneD = null, twoD = null, threeD = null;
        foreach (int p in order)
        {
            forest.Add(p);
            var (i, j, k) = grid.Point(p);
            for (int di = -1; di <= 1; di++)
                for (int dj = -1; dj <= 1; dj++)
                    for (int dk = -1; dk <= 1; dk++)
                    {
                        if (di == 0 && dj == 0 && dk == 0) continue;
                        int ii = i + di, jj = j + dj, kk = k + dk;
                        int ta = ii < 0 ? -1 : ii >= na ? 1 : 0, tb = jj < 0 ? -1 : jj >= nb ? 1 : 0, tc = kk < 0 ? -1 : kk >= nc ? 1 : 0;
                        int q = ((ii - ta * na) * nb + (jj - tb * nb)) * nc + (kk - tc * nc);
                        if (forest.Contains(q)) forest.Join(p, q, new Translation(ta, tb, tc));
                    }
            int rank = forest.RankOf(p);
            double level = grid[p] - minimum;
            if (rank >= 1) oneD ??= level;
            if (rank >= 2) twoD ??= level;
            if (rank >= 3) { threeD = level; break; }
        }
        return new PercolationResult(oneD, twoD, threeD);
    }
}
