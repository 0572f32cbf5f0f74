using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// The JARVIS/ALIGNN "atoms" object used by the published datasets: `lattice_mat` (rows = lattice vectors),
/// `coords` (fractional unless `cartesian`), `elements`, `abc`, `angles`, `props`. The published files store
/// these values either as JSON arrays or as Python-literal strings ("[[1.0, 0.0, ...]]", "False"); both are read.
/// </summary>
public static class AtomsJson
{
    /// <summary>Reads one "atoms" object.</summary>
    /// <param name="atoms">The JSON object with <c>lattice_mat</c> (Å), <c>coords</c>, <c>elements</c>.</param>
    /// <param name="name">Name given to the structure, or null.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="StructureFormatException">A key is missing or malformed.</exception>
    public static Structure Read(JsonElement atoms, string? name = null)
    {
        if (atoms.ValueKind != JsonValueKind.Object) throw new StructureFormatException("'atoms' is not an object");
        var lat = ReadMatrix(Get(atoms, "lattice_mat"), "lattice_mat");
        var coords = ReadMatrix(Get(atoms, "coords"), "coords");
        var elements = ReadStrings(Get(atoms, "elements"), "elements");
        bool cartesian = atoms.TryGetProperty("cartesian", out var c) && ReadBool(c);
        if (lat.Length != 3 || lat.Any(r => r.Length != 3)) throw new StructureFormatException("lattice_mat must be 3×3");
        if (coords.Length != elements.Length) throw new StructureFormatException($"{coords.Length} coordinates but {elements.Length} elements");
        if (coords.Length == 0) throw new StructureFormatException("structure has no atoms");
        Lattice lattice;
        try { lattice = new Lattice(V(lat[0]), V(lat[1]), V(lat[2])); }
        catch (ArgumentException e) { throw new StructureFormatException("lattice_mat: " + e.Message); }
        var sites = new Site[coords.Length];
        for (int i = 0; i < coords.Length; i++)
        {
            if (coords[i].Length != 3) throw new StructureFormatException($"coords[{i}] does not have three numbers");
            var el = elements[i];
            if (!Elements.TryGet(el, out _)) throw new StructureFormatException($"unknown element '{el}' at atom {i}");
            var p = V(coords[i]);
            if (!p.IsFinite) throw new StructureFormatException($"coords[{i}] is not finite");
            sites[i] = new Site(el, cartesian ? lattice.ToFractional(p) : p);
        }
        return new Structure(lattice, sites, name: name);
    }

    /// <summary>Writes a structure (ordered sites only) as a JSON "atoms" object with plain JSON arrays.</summary>
    public static JsonObject Write(Structure s)
    {
        var m = s.Lattice.Matrix;
        var lat = new JsonArray();
        for (int i = 0; i < 3; i++) lat.Add((JsonNode)new JsonArray(m[i, 0], m[i, 1], m[i, 2]));
        var coords = new JsonArray();
        var elements = new JsonArray();
        var props = new JsonArray();
        foreach (var site in s.Sites)
        {
            coords.Add((JsonNode)new JsonArray(site.Frac.X, site.Frac.Y, site.Frac.Z));
            elements.Add((JsonNode)site.Element);
            props.Add((JsonNode)"");
        }
        var (a, b, cc) = s.Lattice.Lengths;
        var (al, be, ga) = s.Lattice.Angles;
        return new JsonObject
        {
            ["lattice_mat"] = lat,
            ["coords"] = coords,
            ["elements"] = elements,
            ["abc"] = new JsonArray(a, b, cc),
            ["angles"] = new JsonArray(al, be, ga),
            ["cartesian"] = false,
            ["props"] = props,
        };
    }

    private static JsonElement Get(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) ? v : throw new StructureFormatException($"missing '{key}'");

    private static Vec3 V(double[] r) => new(r[0], r[1], r[2]);

    private static bool ReadBool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => string.Equals(e.GetString(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Parses a JSON array or a Python-literal string into a JsonElement array.</summary>
    private static JsonElement AsArray(JsonElement e, string key)
    {
        if (e.ValueKind == JsonValueKind.Array) return e;
        if (e.ValueKind == JsonValueKind.String)
        {
            var text = e.GetString()!.Replace('\'', '"');
            try { return JsonDocument.Parse(text).RootElement; }
            catch (JsonException) { throw new StructureFormatException($"'{key}' is not a list"); }
        }
        throw new StructureFormatException($"'{key}' is not a list");
    }

    private static double[][] ReadMatrix(JsonElement e, string key)
    {
        var arr = AsArray(e, key);
        var rows = new List<double[]>();
        foreach (var row in arr.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array) throw new StructureFormatException($"'{key}' is not a list of rows");
            var r = new List<double>();
            foreach (var x in row.EnumerateArray())
            {
                if (x.ValueKind == JsonValueKind.Number) r.Add(x.GetDouble());
                else if (x.ValueKind == JsonValueKind.String && double.TryParse(x.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) r.Add(d);
                else throw new StructureFormatException($"'{key}' holds a value that is not a number");
            }
            rows.Add(r.ToArray());
        }
        return rows.ToArray();
    }

    private static string[] ReadStrings(JsonElement e, string key)
    {
        var arr = AsArray(e, key);
        return arr.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()!.Trim()
            : throw new StructureFormatException($"'{key}' holds a value that is not a string")).ToArray();
    }
}
