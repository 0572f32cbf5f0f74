using BarrierNet.Core.Crystal;
using BarrierNet.Core.Neighbors;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Decides which host atoms act as anions from their local bonding rather than from the element alone, so that P is a
/// cation in a phosphate (bonded to more electronegative O) but an anion in a phosphide, S a cation in a sulfate but an
/// anion in a sulfide, and O and F are both anions in a fluoro-sulfate. Rule: an atom is an anion when its nearest
/// neighbours (all within 0.05 Å of the nearest distance, the least electronegative of them taken) are less
/// electronegative than it is; on a tie (O–O in a peroxide, Li–Li in a metal) it is an anion only if its own Pauling
/// electronegativity is at least 2.5. Atoms with no neighbour within 4 Å fall back to the same electronegativity rule.
/// Elements without a Pauling value (noble gases) are never anions.
/// </summary>
internal static class AnionClassifier
{
    public const double SearchRadius = 4.0;
    private const double TieWindow = 0.05;
    private const double AnionElectronegativity = 2.5;

    public static bool[] Classify(Lattice lattice, IReadOnlyList<Vec3> fractional, IReadOnlyList<string> elements)
    {
        int n = fractional.Count;
        var result = new bool[n];
        if (n == 0) return result;
        var neighbours = NeighborSearch.WithinRadius(lattice, fractional, SearchRadius);
        for (int i = 0; i < n; i++)
        {
            double? own = Elements.BySymbol(elements[i]).Electronegativity;
            if (own is null) continue;
            var list = neighbours[i];
            if (list.Count == 0) { result[i] = own.Value >= AnionElectronegativity; continue; }
            double nearest = double.PositiveInfinity;
            foreach (var nb in list) nearest = Math.Min(nearest, nb.Distance);
            double partner = double.PositiveInfinity;
            foreach (var nb in list)
                if (nb.Distance <= nearest + TieWindow)
                    partner = Math.Min(partner, Elements.BySymbol(elements[nb.Index]).Electronegativity ?? double.PositiveInfinity);
            result[i] = own.Value > partner + 1e-9 || (Math.Abs(own.Value - partner) <= 1e-9 && own.Value >= AnionElectronegativity);
        }
        return result;
    }
}
