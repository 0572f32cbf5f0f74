using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// Space-group type (number, Hermann–Mauguin symbol) of a set of operations written in any cell, setting or origin:
/// the operations' <see cref="SpaceGroupFingerprint"/> is looked up among the fingerprints of the 230 standard
/// settings in <see cref="SpaceGroupTable"/>. When several types share the fingerprint the number is left null and
/// the symbol lists the candidates ("I222 or I2_12_12_1"), rather than picking one.
/// The operations must form the whole group in a cell whose lattice they preserve (e.g. found in a primitive or
/// conventional cell); a supercell that breaks the lattice symmetry only carries a subgroup — use
/// <see cref="SymmetryFinder.Analyze"/>, which identifies from the primitive cell.
/// </summary>
internal static class SpaceGroupIdentifier
{
    private static readonly Lazy<Dictionary<string, List<ReferenceSpaceGroup>>> _byFingerprint = new(Build);

    public static (int? Number, string? Symbol) Identify(IReadOnlyList<SymmetryOperation> ops, bool rightHandedCell = true)
    {
        var candidates = Candidates(ops, rightHandedCell);
        return candidates.Count switch
        {
            0 => (null, null),
            1 => (candidates[0].Number, candidates[0].Symbol),
            _ => (null, string.Join(" or ", candidates.Select(c => c.Symbol))),
        };
    }

    /// <summary>All space-group types whose standard setting has the same fingerprint as <paramref name="ops"/>.</summary>
    public static IReadOnlyList<ReferenceSpaceGroup> Candidates(IReadOnlyList<SymmetryOperation> ops, bool rightHandedCell = true) =>
        _byFingerprint.Value.TryGetValue(SpaceGroupFingerprint.Of(ops, rightHandedCell), out var list) ? list : Array.Empty<ReferenceSpaceGroup>();

    /// <summary>Space-group types grouped by shared fingerprint: each inner list of more than one is an ambiguity.</summary>
    public static IReadOnlyList<IReadOnlyList<ReferenceSpaceGroup>> FingerprintClasses =>
        _byFingerprint.Value.Values.OrderBy(l => l[0].Number).ToList();

    private static Dictionary<string, List<ReferenceSpaceGroup>> Build()
    {
        var map = new Dictionary<string, List<ReferenceSpaceGroup>>(StringComparer.Ordinal);
        foreach (var g in SpaceGroupTable.All)
        {
            // Standard settings have translations in [0,1) and matrices with entries ±1, so neighbouring cells
            // (reach 1) suffice to find their mirrors and pure rotations; user cells get the wider default search.
            var fp = SpaceGroupFingerprint.Of(g.Operations, rightHanded: true, reach: 1);
            if (!map.TryGetValue(fp, out var list)) map[fp] = list = new List<ReferenceSpaceGroup>();
            list.Add(g);
        }
        return map;
    }
}
