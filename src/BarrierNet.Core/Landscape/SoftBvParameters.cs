using System.Reflection;
using System.Text.Json;

namespace BarrierNet.Core.Landscape;

/// <summary>Morse parameters of one cation–anion pair in the softBV set: bond-valence R0 and b (Å), well depth D0 (eV), and the distance Rmin (Å) of the well's minimum.</summary>
internal readonly record struct SoftBvPair(double R0, double B, double D0, double RMin);

/// <summary>
/// The softBV parameter set of Chen &amp; Adams (IUCrJ 4, 614 (2017)): for every cation in a given oxidation state and
/// every anion in a given charge, the bond-valence parameters and the Morse well the bond-valence site energy uses;
/// plus the principal quantum numbers that scale the screened Coulomb repulsion between cations. The table is the
/// embedded file softbv-parameters.json, regenerated from its public source by scripts/softbv-parameters.py.
/// </summary>
internal static class SoftBvParameters
{
    private static readonly Lazy<Table> Data = new(Load);

    /// <summary>Where the numbers come from (printed with results).</summary>
    public static string Source => Data.Value.Source;

    /// <summary>The pair's parameters, or null when softBV lists no such cation–anion pair.</summary>
    public static SoftBvPair? Pair(string cation, int cationCharge, string anion, int anionCharge) =>
        Data.Value.Pairs.TryGetValue((cation, cationCharge, anion, anionCharge), out var p) ? p : null;

    /// <summary>Does softBV list this element in this oxidation state (as a cation or as an anion)?</summary>
    public static bool HasSpecies(string element, int charge) => Data.Value.Species.Contains((element, charge));

    /// <summary>Oxidation states softBV lists for an element, ascending (empty when the element is absent).</summary>
    public static IReadOnlyList<int> Charges(string element) =>
        Data.Value.ChargesByElement.TryGetValue(element, out var c) ? c : Array.Empty<int>();

    /// <summary>Principal quantum number of the element's valence shell, or null when softBV gives none.</summary>
    public static int? PrincipalQuantumNumber(string element) =>
        Data.Value.QuantumNumbers.TryGetValue(element, out var n) ? n : null;

    private sealed record Table(
        string Source,
        Dictionary<(string, int, string, int), SoftBvPair> Pairs,
        HashSet<(string, int)> Species,
        Dictionary<string, int[]> ChargesByElement,
        Dictionary<string, int> QuantumNumbers);

    private static Table Load()
    {
        const string name = "BarrierNet.Core.Landscape.softbv-parameters.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var pairs = new Dictionary<(string, int, string, int), SoftBvPair>();
        var species = new HashSet<(string, int)>();
        foreach (var row in root.GetProperty("pairs").EnumerateArray())
        {
            string cat = row[0].GetString()!, an = row[2].GetString()!;
            int qc = row[1].GetInt32(), qa = row[3].GetInt32();
            pairs[(cat, qc, an, qa)] = new SoftBvPair(row[4].GetDouble(), row[5].GetDouble(), row[6].GetDouble(), row[7].GetDouble());
            species.Add((cat, qc));
            species.Add((an, qa));
        }
        var charges = species.GroupBy(s => s.Item1).ToDictionary(g => g.Key, g => g.Select(s => s.Item2).OrderBy(q => q).ToArray());
        var quantum = root.GetProperty("principal_quantum_number").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        return new Table(root.GetProperty("source").GetString()!, pairs, species, charges, quantum);
    }
}
