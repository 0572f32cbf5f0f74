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
    /// <summary>Name of the embedded fingerprint list (number, symbol, fingerprint per line).</summary>
    internal const string FingerprintResource = "BarrierNet.Core.Symmetry.SpaceGroupFingerprints.tsv";

    /// <summary>
    /// The 230 reference fingerprints, read from the embedded list rather than computed from
    /// <see cref="SpaceGroupTable"/> at each start: computing them took more CPU than the rest of a small
    /// structure's hop analysis. <see cref="FingerprintList"/> recomputes the list; a test keeps the two equal.
    /// The list is kept as the bytes of the file (UTF-8) and searched for the one fingerprint asked for: a structure
    /// needs one line of it, and decoding and splitting all 230 cost a per-file call more than the search.
    /// </summary>
    private static readonly Lazy<byte[]> _list = new(Load);

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

    /// <summary>All space-group types (number, symbol) whose standard setting has the same fingerprint as <paramref name="ops"/>.</summary>
    public static IReadOnlyList<(int Number, string Symbol)> Candidates(IReadOnlyList<SymmetryOperation> ops, bool rightHandedCell = true) =>
        WithFingerprint(SpaceGroupFingerprint.Of(ops, rightHandedCell));

    /// <summary>
    /// The lines of the embedded list whose fingerprint is <paramref name="fingerprint"/>, in the list's order. A line
    /// is "number TAB symbol TAB fingerprint NEWLINE" and a fingerprint holds no tab, so "TAB fingerprint NEWLINE" can
    /// only be a whole third field.
    /// </summary>
    private static List<(int Number, string Symbol)> WithFingerprint(string fingerprint)
    {
        ReadOnlySpan<byte> list = _list.Value;
        var field = System.Text.Encoding.UTF8.GetBytes("\t" + fingerprint + "\n");
        var found = new List<(int, string)>();
        for (int offset = 0, at; (at = list[offset..].IndexOf(field)) >= 0; offset += at + field.Length - 1)
        {
            int end = offset + at, lineStart = list[..end].LastIndexOf((byte)'\n') + 1;
            var line = list[lineStart..end];
            int tab = line.IndexOf((byte)'\t');
            found.Add((int.Parse(line[..tab], provider: System.Globalization.CultureInfo.InvariantCulture),
                System.Text.Encoding.UTF8.GetString(line[(tab + 1)..])));
        }
        return found;
    }

    /// <summary>Space-group types grouped by shared fingerprint, computed from the table: each inner list of more than one is an ambiguity.</summary>
    public static IReadOnlyList<IReadOnlyList<ReferenceSpaceGroup>> FingerprintClasses =>
        SpaceGroupTable.All.GroupBy(Fingerprint).Select(g => (IReadOnlyList<ReferenceSpaceGroup>)g.ToList()).OrderBy(l => l[0].Number).ToList();

    /// <summary>The embedded list as computed from <see cref="SpaceGroupTable"/>: one "number TAB symbol TAB fingerprint" line per type.</summary>
    public static string FingerprintList() =>
        string.Concat(SpaceGroupTable.All.Select(g => $"{g.Number}\t{g.Symbol}\t{Fingerprint(g)}\n"));

    // Standard settings have translations in [0,1) and matrices with entries ±1, so neighbouring cells
    // (reach 1) suffice to find their mirrors and pure rotations; user cells get the wider default search.
    private static string Fingerprint(ReferenceSpaceGroup g) => SpaceGroupFingerprint.Of(g.Operations, rightHanded: true, reach: 1);

    private static byte[] Load()
    {
        using var stream = typeof(SpaceGroupIdentifier).Assembly.GetManifestResourceStream(FingerprintResource)
            ?? throw new InvalidOperationException("embedded resource SpaceGroupFingerprints.tsv is missing from BarrierNet.Core");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        // A checkout that turned the line ends into CR LF (Windows) must still match "\t<fingerprint>\n".
        return bytes.AsSpan().IndexOf((byte)'\r') < 0 ? bytes : bytes.Where(b => b != (byte)'\r').ToArray();
    }
}
