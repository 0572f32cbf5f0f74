// Writes the screening benchmark's dump (JSON Lines of {material_id, structure as a pymatgen dict}); the timing is
// done on the `barriernet screen` command itself by scripts/bench-screen.sh, so the figures are the product's.
// From a pretraining property file (e.g. pretrain/fe.json): its first N Li-containing Materials Project structures
// (≥ 2 Li, no other mobile ion). From the barrier training file (em-band-train.json): its bands with the ion restored
// on both ends of the hop (image 0 + image 4 + host, ~100-atom cells), so every material has at least one hop.
// Usage: dotnet run -c Release --project scripts/bench/ScreenBench -- BARRIER_JSON|PRETRAIN_JSON OUT_JSONL [N_MATERIALS]
using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;

if (args.Length < 2) { Console.Error.WriteLine("usage: ScreenBench BARRIER_JSON|PRETRAIN_JSON OUT_JSONL [N]"); return 2; }
int n = args.Length > 2 ? int.Parse(args[2]) : 200;
var materials = args[0].Contains("em-band", StringComparison.Ordinal) ? FromBands(args[0], n) : FromMaterialsProject(args[0], n);
using (var w = new StreamWriter(args[1]))
    for (int i = 0; i < n; i++)
    {
        var doc = new JsonObject { ["material_id"] = $"bench-{i}", ["structure"] = PymatgenDictWriter.Write(materials[i % materials.Count]) };
        w.WriteLine(doc.ToJsonString());
    }
Console.Error.WriteLine($"wrote {n} materials to {args[1]}");
return 0;

static List<Structure> FromMaterialsProject(string path, int n)
{
    var mp = new List<Structure>();
    using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
    foreach (var e in doc.RootElement.EnumerateArray())
    {
        var st = AtomsJson.Read(e.GetProperty("atoms"));
        if (st.Sites.Count(x => x.Element == "Li") >= 2 && !st.Sites.Any(x => x.Element is "Na" or "K" or "Mg" or "Ca" or "Zn" or "Al" or "Rb" or "Cs" or "Sr")) mp.Add(st);
        if (mp.Count >= n) break;
    }
    return mp;
}

// Image 0 + image 4 + host: the ion back on both ends of its hop.
static List<Structure> FromBands(string path, int n) => BarrierDataset.Load(path).Take(n)
    .Select(e => e.Band!.ToStructure()).Select(b => b.WithSites(new[] { b.Sites[0], b.Sites[4] }.Concat(b.Sites.Skip(5)).ToList())).ToList();
