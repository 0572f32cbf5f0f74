using System.Text.Json;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Reads pymatgen's <c>Structure.as_dict()</c> form, used by Materials Project dumps: <c>lattice.matrix</c>,
/// <c>sites[].species[{element, occu, oxidation_state}]</c>, fractional <c>abc</c>, optional <c>label</c>. A site with
/// several species becomes several <see cref="Site"/>s at one position; "Fe3+" style elements keep their charge.
/// </summary>
public static class PymatgenDictReader
{
    /// <summary>True when the JSON object has the keys of a pymatgen structure dict.</summary>
    public static bool IsPymatgenStructure(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("lattice", out var l) && l.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("sites", out var s) && s.ValueKind == JsonValueKind.Array;

    /// <summary>Reads one pymatgen structure dict.</summary>
    /// <param name="root">The JSON object (<c>lattice.matrix</c> in Å, fractional <c>abc</c>).</param>
    /// <param name="name">Name given to the structure, or null.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="StructureFormatException">A key is missing or malformed.</exception>
    public static Structure Read(JsonElement root, string? name = null)
    {
        if (!IsPymatgenStructure(root)) throw new StructureFormatException("not a pymatgen structure: needs 'lattice' and 'sites'");
        var latEl = root.GetProperty("lattice");
        if (!latEl.TryGetProperty("matrix", out var matrix)) throw new StructureFormatException("missing 'lattice.matrix'");
        var rows = matrix.ValueKind == JsonValueKind.Array ? matrix.EnumerateArray().Select(r => Vector(r, "lattice.matrix")).ToArray()
            : throw new StructureFormatException("'lattice.matrix' is not a list");
        if (rows.Length != 3) throw new StructureFormatException("'lattice.matrix' must have three rows");
        Lattice lattice;
        try { lattice = new Lattice(rows[0], rows[1], rows[2]); }
        catch (ArgumentException e) { throw new StructureFormatException("lattice.matrix: " + e.Message); }

        var sites = new List<Site>();
        int index = 0;
        foreach (var site in root.GetProperty("sites").EnumerateArray())
        {
            string where = $"sites[{index}]";
            Vec3 frac;
            if (site.TryGetProperty("abc", out var abc)) frac = Vector(abc, where + ".abc");
            else if (site.TryGetProperty("xyz", out var xyz)) frac = lattice.ToFractional(Vector(xyz, where + ".xyz"));
            else throw new StructureFormatException($"{where} has neither 'abc' nor 'xyz'");
            string? label = site.TryGetProperty("label", out var lab) && lab.ValueKind == JsonValueKind.String ? lab.GetString() : null;
            if (!site.TryGetProperty("species", out var species) || species.ValueKind != JsonValueKind.Array || species.GetArrayLength() == 0)
                throw new StructureFormatException($"{where} has no 'species'");
            double total = 0;
            foreach (var sp in species.EnumerateArray())
            {
                var elText = sp.TryGetProperty("element", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()!
                    : throw new StructureFormatException($"{where}: species without 'element'");
                var parsed = SpeciesSymbol.Parse(elText) ?? throw new StructureFormatException($"{where}: unknown element '{elText}'");
                double occ = sp.TryGetProperty("occu", out var o) ? Number(o, where + ".occu") : 1.0;
                if (!(occ > 0) || occ > 1 + 1e-3) throw new StructureFormatException($"{where}: occupancy {occ} outside (0, 1]");
                double? ox = parsed.Oxidation;
                if (ox is null && sp.TryGetProperty("oxidation_state", out var oxEl) && oxEl.ValueKind == JsonValueKind.Number && oxEl.GetDouble() != 0)
                    ox = oxEl.GetDouble();
                total += occ;
                sites.Add(new Site(parsed.Element, frac, Math.Min(occ, 1.0), label, ox));
            }
            if (total > 1 + 1e-3) throw new StructureFormatException($"{where}: species occupancies sum to {total:0.###} > 1");
            index++;
            if (sites.Count > CifReader.MaxAtoms) throw new StructureFormatException($"more than {CifReader.MaxAtoms} atoms; refusing such a large cell");
        }
        if (sites.Count == 0) throw new StructureFormatException("structure has no sites");
        return new Structure(lattice, sites, name: name);
    }

    private static double Number(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Number && double.IsFinite(e.GetDouble()) ? e.GetDouble()
            : throw new StructureFormatException($"{where} holds a value that is not a number");

    private static Vec3 Vector(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 3) throw new StructureFormatException($"{where} must be three numbers");
        var v = e.EnumerateArray().Select(x => Number(x, where)).ToArray();
        return new Vec3(v[0], v[1], v[2]);
    }
}
