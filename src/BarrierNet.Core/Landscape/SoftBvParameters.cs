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

    /// <summary>
    /// Reads the embedded table in one pass of a JSON reader (no document tree: the table is read once per process,
    /// and a per-file `hops` call pays for it in full).
    /// </summary>
    private static Table Load()
    {
        const string name = "BarrierNet.Core.Landscape.softbv-parameters.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var json = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var pairs = new Dictionary<(string, int, string, int), SoftBvPair>();
        var species = new HashSet<(string, int)>();
        var quantum = new Dictionary<string, int>();
        string? source = null;
        Expect(ref json, JsonTokenType.StartObject);
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            string property = json.GetString()!;
            Next(ref json);
            switch (property)
            {
                case "source": source = json.GetString(); break;
                case "pairs":
                    Require(ref json, JsonTokenType.StartArray);
                    while (Next(ref json) == JsonTokenType.StartArray)
                    {
                        string cat = ReadString(ref json), an;
                        int qc = ReadInt(ref json);
                        an = ReadString(ref json);
                        int qa = ReadInt(ref json);
                        pairs[(cat, qc, an, qa)] = new SoftBvPair(ReadDouble(ref json), ReadDouble(ref json), ReadDouble(ref json), ReadDouble(ref json));
                        species.Add((cat, qc));
                        species.Add((an, qa));
                        Expect(ref json, JsonTokenType.EndArray);
                    }
                    break;
                case "principal_quantum_number":
                    Require(ref json, JsonTokenType.StartObject);
                    while (Next(ref json) == JsonTokenType.PropertyName)
                    {
                        string element = json.GetString()!;
                        quantum[element] = ReadInt(ref json);
                    }
                    break;
                default: json.Skip(); break;
            }
        }
        var chargeLists = new Dictionary<string, List<int>>();
        foreach (var (element, charge) in species)
            (chargeLists.TryGetValue(element, out var list) ? list : chargeLists[element] = new List<int>()).Add(charge);
        var charges = new Dictionary<string, int[]>();
        foreach (var (element, list) in chargeLists)
        {
            list.Sort();
            charges[element] = list.ToArray();
        }
        return new Table(source ?? throw new InvalidOperationException($"embedded resource {name} has no source"), pairs, species, charges, quantum);
    }

    private static JsonTokenType Next(ref Utf8JsonReader json) =>
        json.Read() ? json.TokenType : throw new InvalidOperationException("embedded softBV table ends early");

    private static void Require(ref Utf8JsonReader json, JsonTokenType type)
    {
        if (json.TokenType != type) throw new InvalidOperationException($"embedded softBV table: {type} expected, {json.TokenType} found");
    }

    private static void Expect(ref Utf8JsonReader json, JsonTokenType type)
    {
        Next(ref json);
        Require(ref json, type);
    }

    private static string ReadString(ref Utf8JsonReader json)
    {
        Expect(ref json, JsonTokenType.String);
        return json.GetString()!;
    }

    private static int ReadInt(ref Utf8JsonReader json)
    {
        Expect(ref json, JsonTokenType.Number);
        return json.GetInt32();
    }

    private static double ReadDouble(ref Utf8JsonReader json)
    {
        Expect(ref json, JsonTokenType.Number);
        return json.GetDouble();
    }
}
