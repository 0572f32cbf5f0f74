// Screening benchmark: builds a synthetic Materials Project dump (JSON Lines, pymatgen dicts) from the initial
// training bands with the ion restored on both ends of its hop (image 0 + image 4 + host, ~100-atom cells),
// then screens it with the given model and reports materials/min and hops/s.
// With a pretraining file (e.g. pretrain/fe.json) instead, the dump is its Li-containing Materials Project structures.
// Usage: dotnet run -c Release --project scripts/bench/ScreenBench -- BARRIER_JSON|PRETRAIN_JSON MODEL_DIR [N_MATERIALS] [JOBS] [LANDSCAPE_RESOLUTION]
// (LANDSCAPE_RESOLUTION: grid spacing of the bond-valence landscape in Å, default 0.2; 0 screens without it)
using System.Diagnostics;
using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;

if (args.Length < 2) { Console.Error.WriteLine("usage: ScreenBench BARRIER_JSON MODEL_DIR [N] [JOBS]"); return 2; }
int n = args.Length > 2 ? int.Parse(args[2]) : 200;
int jobs = args.Length > 3 ? int.Parse(args[3]) : Environment.ProcessorCount;
double landscape = args.Length > 4 ? double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0.2;
// A pretraining property file (Materials Project structures) gives a realistic dump: its Li-containing entries.
bool fromMp = !args[0].Contains("em-band", StringComparison.Ordinal);
var entries = fromMp ? new List<BarrierEntry>() : BarrierDataset.Load(args[0]).ToList();
var mp = new List<BarrierNet.Core.Crystal.Structure>();
if (fromMp)
{
    using var docMp = System.Text.Json.JsonDocument.Parse(File.ReadAllText(args[0]));
    foreach (var e in docMp.RootElement.EnumerateArray())
    {
        var st = AtomsJson.Read(e.GetProperty("atoms"));
        if (st.Sites.Count(x => x.Element == "Li") >= 2 && !st.Sites.Any(x => x.Element is "Na" or "K" or "Mg" or "Ca" or "Zn" or "Al" or "Rb" or "Cs" or "Sr")) mp.Add(st);
        if (mp.Count >= n) break;
    }
}
var dir = Path.Combine(Path.GetTempPath(), $"screen-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(dir);
var dump = Path.Combine(dir, "dump.jsonl");
using (var w = new StreamWriter(dump))
    for (int i = 0; i < n; i++)
    {
        BarrierNet.Core.Crystal.Structure material;
        if (fromMp) material = mp[i % mp.Count];
        else
        {
            // Image 0 + image 4 + host: the ion back on both ends of its hop, so every material has at least one hop.
            var band = entries[i % entries.Count].Band!;
            material = band.WithSites(new[] { band.Sites[0], band.Sites[4] }.Concat(band.Sites.Skip(5)).ToList());
        }
        var doc = new JsonObject { ["material_id"] = $"bench-{i}", ["structure"] = PymatgenDictWriter.Write(material) };
        w.WriteLine(doc.ToJsonString());
    }
var clock = Stopwatch.StartNew();
var model = BarrierModelLoader.Load(args[1]);
var loaded = clock.Elapsed;
var predictor = new MaterialPredictor(model, new HopOptions(), jobs: jobs, landscapeResolution: landscape);
var runner = new ScreenRunner(predictor, new ScreenOptions(dump, Path.Combine(dir, "out.csv"), Path.Combine(dir, "errors.csv"), null, false, ShardSpec.All));
var s = runner.Run();
Console.WriteLine($"model load {loaded.TotalSeconds:F1} s; {s.Scored} of {n} materials scored ({s.Errors} errors, {s.WithoutIon} without ion) " +
    $"in {s.Elapsed.TotalSeconds:F1} s with {jobs} jobs, landscape {(landscape > 0 ? $"at {landscape} Å" : "off")}: {s.MaterialsPerSecond * 60:F0} materials/min, {s.HopsPerSecond:F1} hops/s");
foreach (var line in File.ReadLines(Path.Combine(dir, "errors.csv")).Take(6)) Console.WriteLine("  " + line);
Directory.Delete(dir, true);
return 0;
