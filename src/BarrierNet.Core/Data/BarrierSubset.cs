using System.Text.Json;
using BarrierNet.Core.IO;

namespace BarrierNet.Core.Data;

/// <summary>
/// Picks entries of a barrier file by structural class and/or mobile ion and writes them verbatim (the
/// published JSON of each entry, unchanged), so a held-out family or a lab's own barriers can be cut from a larger
/// file without a round trip through our types.
/// </summary>
internal sealed record BarrierSubset
{
    /// <summary>Structural classes to keep (the `class` field, case-insensitive); empty = any.</summary>
    public IReadOnlyCollection<string> Classes { get; init; } = Array.Empty<string>();
    /// <summary>Mobile ions to keep (element of atom 0); empty = any.</summary>
    public IReadOnlyCollection<string> Ions { get; init; } = Array.Empty<string>();
    /// <summary>Keep what does NOT match instead (the complement, e.g. the training set without a held-out family).</summary>
    public bool Invert { get; init; }

    public bool Matches(BarrierEntry e)
    {
        bool hit = (Classes.Count == 0 || (e.Class is not null && Classes.Contains(e.Class, StringComparer.OrdinalIgnoreCase)))
                   && (Ions.Count == 0 || Ions.Contains(e.Ion, StringComparer.Ordinal));
        return hit != Invert;
    }

    /// <summary>Writes the matching entries of <paramref name="input"/> to <paramref name="output"/>; returns (kept, total).</summary>
    public (int Kept, int Total) Write(string input, string output)
    {
        if (!File.Exists(input)) throw new StructureFormatException("file not found", input);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(input));
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new StructureFormatException("expected a JSON list of entries", input);
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir is not null) Directory.CreateDirectory(dir);
        string tmp = output + ".tmp";
        int kept = 0, i = 0;
        using (var stream = File.Create(tmp))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                BarrierEntry entry;
                try { entry = BarrierDataset.Parse(e, i); }
                catch (StructureFormatException ex) { throw new StructureFormatException($"entry {i}: {ex.Reason}", input); }
                if (Matches(entry)) { e.WriteTo(w); kept++; }
                i++;
            }
            w.WriteEndArray();
        }
        File.Move(tmp, output, true);
        return (kept, i);
    }
}
