namespace BarrierNet.Core.Landscape;

/// <summary>Where a structure's oxidation states came from.</summary>
internal enum ValenceSource
{
    /// <summary>Every site carried a charge in the file (Li+, O2−).</summary>
    File,

    /// <summary>Bond-valence sums, with charge balance over the occupancy-weighted composition.</summary>
    BondValenceSums,
}

/// <summary>
/// An oxidation state for every site entry of a structure (same order as its sites). A state is a whole number
/// except for an element the assignment had to give a mixed valence (Mn 3.5 in LiMn2O4), which
/// <see cref="Notes"/> names.
/// </summary>
internal sealed record ValenceAssignment(IReadOnlyList<double> Charges, ValenceSource Source, IReadOnlyList<string> Notes)
{
    /// <summary>Oxidation state of each element (occupancy-weighted mean over its sites), for reports.</summary>
    public IReadOnlyDictionary<string, double> ByElement { get; init; } = new Dictionary<string, double>();
}
