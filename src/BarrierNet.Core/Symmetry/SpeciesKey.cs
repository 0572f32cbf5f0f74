using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// Gives each site a species id so that a symmetry operation may only map a site onto a site of the same element
/// AND the same occupancy: in a disordered crystal a Li 0.5 site and a Li 1.0 site are not equivalent.
/// Occupancies that differ by less than <see cref="OccupancyTolerance"/> (rounding in CIFs: 0.333 vs 0.3333) count as equal.
/// </summary>
internal static class SpeciesKey
{
    public const double OccupancyTolerance = 0.005;

    public static int[] Assign(Structure s)
    {
        var ids = new int[s.Count];
        var seen = new List<(string Element, double Occupancy)>();
        for (int i = 0; i < s.Count; i++)
        {
            var site = s[i];
            int id = seen.FindIndex(k => k.Element == site.Element && Math.Abs(k.Occupancy - site.Occupancy) < OccupancyTolerance);
            if (id < 0) { id = seen.Count; seen.Add((site.Element, site.Occupancy)); }
            ids[i] = id;
        }
        return ids;
    }
}
