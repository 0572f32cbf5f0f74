using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Which element migrates. Explicit (<c>--ion</c>) or, by default, the one mobile-ion element of
/// <see cref="Elements.MobileIons"/> present in the structure. An element that only appears as a minority
/// co-occupant of a mixed site (Al at 3 % on a garnet Li site, Zn on a spinel Mn site) is a dopant, not a working
/// ion, so it does not make the choice ambiguous.
/// </summary>
internal static class IonChoice
{
    public static string Resolve(Structure structure, string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var symbol = requested.Trim();
            if (!Elements.TryGet(symbol, out _))
            {
                // Be forgiving about case ("li", "LI") but not about unknown symbols.
                var fixedCase = char.ToUpperInvariant(symbol[0]) + symbol[1..].ToLowerInvariant();
                if (!Elements.TryGet(fixedCase, out _)) throw new HopException($"unknown element '{symbol}' given as the ion");
                symbol = fixedCase;
            }
            if (!structure.Sites.Any(s => s.Element == symbol)) throw new HopException($"structure contains no {symbol}");
            return symbol;
        }

        var present = Elements.MobileIons.Where(ion => structure.Sites.Any(s => s.Element == ion)).ToList();
        if (present.Count == 0)
            throw new HopException($"structure contains no mobile ion (looked for {string.Join(", ", Elements.MobileIons)}); choose one with --ion");
        if (present.Count == 1) return present[0];

        var majority = present.Where(ion => IsMajorityAnywhere(structure, ion)).ToList();
        if (majority.Count == 1) return majority[0];
        if (majority.Count == 0 && MostAbundant(structure, present) is string abundant) return abundant;
        throw new HopException($"several mobile ions present ({string.Join(", ", majority.Count > 0 ? majority : present)}); choose one with --ion");
    }

    /// <summary>
    /// When every candidate only shares positions (Li with La in an Al-doped LLTO perovskite), the working ion is the
    /// one with at least twice the atoms per cell of any other; null when none stands out so.
    /// </summary>
    private static string? MostAbundant(Structure structure, IReadOnlyList<string> candidates)
    {
        var amounts = candidates.Select(ion => (Ion: ion, Amount: structure.Sites.Where(s => s.Element == ion).Sum(s => s.Occupancy)))
            .OrderByDescending(x => x.Amount).ToList();
        return amounts[0].Amount >= 2 * amounts[1].Amount ? amounts[0].Ion : null;
    }

    /// <summary>True when the element is the majority species of at least one position.</summary>
    private static bool IsMajorityAnywhere(Structure structure, string element) =>
        MixedSites.Group(structure).Any(p => p.Majority.Element == element);
}
