using System.Text.Json;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Data;

/// <summary>Reads the published migration-barrier JSON (band form with `atoms`, or endpoint form with `atoms_ini`/`atoms_fin`).</summary>
internal static class BarrierDataset
{
    public static IReadOnlyList<BarrierEntry> Load(string path)
    {
        if (!File.Exists(path)) throw new StructureFormatException("file not found", path);
        using var stream = File.OpenRead(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream); }
        catch (JsonException e) { throw new StructureFormatException("not valid JSON: " + e.Message, path, (int?)(e.LineNumber + 1)); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new StructureFormatException("expected a JSON list of entries", path);
            var list = new List<BarrierEntry>();
            int i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                try { list.Add(Parse(e, i)); }
                catch (StructureFormatException ex) { throw new StructureFormatException($"entry {i}: {ex.Reason}", path); }
                i++;
            }
            return list;
        }
    }

    public static BarrierEntry Parse(JsonElement e, int index)
    {
        string name = e.TryGetProperty("sys_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : $"entry{index}";
        string? cls = e.TryGetProperty("class", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        string? formula = e.TryGetProperty("formula", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        double? target = null;
        if (e.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.Number)
        {
            target = t.GetDouble();
            if (!double.IsFinite(target.Value)) throw new StructureFormatException("target is not finite");
        }
        if (e.TryGetProperty("atoms", out var atoms))
        {
            var structure = AtomsJson.Read(atoms, name);
            if (structure.Count <= Band.PublishedImageCount) throw new StructureFormatException("band has no host atoms after the five images");
            Band band;
            try { band = Band.FromStructure(structure); }
            catch (ArgumentException ex) { throw new StructureFormatException(ex.Message); }
            return BarrierEntry.OfBand(name, cls, formula, target, band);
        }
        if (e.TryGetProperty("atoms_ini", out var ai) && e.TryGetProperty("atoms_fin", out var af))
            return new BarrierEntry(name, cls, formula, target, null, AtomsJson.Read(ai, name), AtomsJson.Read(af, name));
        throw new StructureFormatException("entry has neither 'atoms' nor 'atoms_ini'/'atoms_fin'");
    }
}
