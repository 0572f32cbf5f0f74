using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Groups the sites of a structure into positions with their species and occupancies: sites closer than <see cref="MergeDistance"/> Å are one mixed
/// site (a CIF lists "Li 0.9 / Al 0.05" as two rows at the same coordinates).
/// </summary>
internal static class MixedSites
{
    /// <summary>Sites closer than this (Å) share one position.</summary>
    public const double MergeDistance = 0.05;

    /// <summary>One position and the sites (species, occupancy) on it; <see cref="Indices"/> index the structure's sites.</summary>
    public sealed record Position(Vec3 Frac, IReadOnlyList<int> Indices, IReadOnlyList<Site> Sites)
    {
        public double TotalOccupancy => Sites.Sum(s => s.Occupancy);

        /// <summary>Occupancy of each species on this position, summed over rows.</summary>
        public IReadOnlyList<(string Element, double Occupancy)> Species =>
            Sites.GroupBy(s => s.Element).Select(g => (g.Key, g.Sum(s => s.Occupancy))).ToList();

        /// <summary>The species with the largest occupancy; ties go to the lower atomic number so the choice does not depend on file order.</summary>
        public (string Element, double Occupancy) Majority =>
            Species.OrderByDescending(s => Math.Round(s.Occupancy, 6)).ThenBy(s => Elements.BySymbol(s.Element).Z).First();
    }

    public static IReadOnlyList<Position> Group(Structure structure)
    {
        int n = structure.Count;
        var owner = new int[n];
        Array.Fill(owner, -1);
        var groups = new List<List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (owner[i] >= 0) continue;
            owner[i] = groups.Count;
            var g = new List<int> { i };
            for (int j = i + 1; j < n; j++)
                if (owner[j] < 0 && structure.Lattice.MinimumImageDistance(structure[i].Frac, structure[j].Frac) < MergeDistance)
                {
                    owner[j] = groups.Count; g.Add(j);
                }
            groups.Add(g);
        }
        return groups.Select(g => new Position(structure[g[0]].Frac.Wrap(), g, g.Select(i => structure[i]).ToList())).ToList();
    }
}
