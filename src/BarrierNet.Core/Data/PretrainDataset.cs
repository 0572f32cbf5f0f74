using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;

namespace BarrierNet.Core.Data;

/// <summary>One of the seven bulk properties used for pretraining, with its file name in the published data.</summary>
internal sealed record PretrainProperty(string Key, string File, string Description)
{
    public static readonly IReadOnlyList<PretrainProperty> All = new[]
    {
        new PretrainProperty("gv", "gv.json", "shear modulus"),
        new PretrainProperty("ph", "ph.json", "phonon DOS peak"),
        new PretrainProperty("pz", "pz.json", "piezoelectric modulus"),
        new PretrainProperty("dc", "dc.json", "dielectric constant"),
        new PretrainProperty("ebg", "ebg.json", "experimental band gap"),
        new PretrainProperty("fe", "fe.json", "formation energy"),
        new PretrainProperty("bg", "bg.json", "band gap"),
    };
}

/// <summary>A structure with its labels; NaN marks a property the structure has no label for.</summary>
internal sealed record PretrainEntry(Structure Structure, double[] Labels);

/// <summary>
/// Reads the seven pretraining files and merges entries that describe the same structure (same lattice, elements and
/// coordinates to 1e-4), so that a structure carrying several labels contributes to each in one step.
/// </summary>
internal static class PretrainDataset
{
    public static IReadOnlyList<PretrainEntry> Load(string directory, int? maxPerProperty = null)
    {
        var byKey = new Dictionary<string, PretrainEntry>();
        var order = new List<string>();
        int nProps = PretrainProperty.All.Count;
        for (int p = 0; p < nProps; p++)
        {
            var path = Path.Combine(directory, PretrainProperty.All[p].File);
            if (!File.Exists(path)) throw new StructureFormatException("pretraining file not found", path);
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            int i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (maxPerProperty is int m && i >= m) break;
                Structure s;
                try { s = AtomsJson.Read(e.GetProperty("atoms")); }
                catch (StructureFormatException ex) { throw new StructureFormatException($"entry {i}: {ex.Reason}", path); }
                double y = e.GetProperty("target").GetDouble();
                i++;
                if (!double.IsFinite(y)) continue;
                var key = Fingerprint(s);
                if (!byKey.TryGetValue(key, out var entry))
                {
                    var labels = Enumerable.Repeat(double.NaN, nProps).ToArray();
                    entry = new PretrainEntry(s, labels);
                    byKey[key] = entry; order.Add(key);
                }
                entry.Labels[p] = y;
            }
        }
        return order.Select(k => byKey[k]).ToList();
    }

    /// <summary>The structure to 1e-3 Å of lattice and 1e-4 of fractional coordinates, atom by atom: what makes two entries one.</summary>
    public static string Fingerprint(Structure s)
    {
        var m = s.Lattice.Matrix;
        var parts = new List<string>();
        foreach (var v in m) parts.Add(Math.Round(v, 3).ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var site in s.Sites)
            parts.Add(FormattableString.Invariant($"{site.Element}:{Math.Round(site.Frac.X, 4):F4},{Math.Round(site.Frac.Y, 4):F4},{Math.Round(site.Frac.Z, 4):F4}"));
        return string.Join('|', parts);
    }
}
