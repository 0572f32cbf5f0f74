using System.Diagnostics;
using System.Globalization;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Neighbors;

// Times NeighborSearch on the example CIFs and on the 559 training bands:
// all neighbours within 8 Å (WithinRadius) and the GNN graph (KNearest, k = 12 within 8 Å).
// Usage: dotnet run -c Release --project scripts/bench/NeighborBench -- EXAMPLES_DIR BAND_JSON [repeats]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string examplesDir = args.Length > 0 ? args[0] : "datasets/examples";
string bandFile = args.Length > 1 ? args[1] : DataPaths.BarrierTrain();
int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;

var examples = Directory.GetFiles(examplesDir, "*.cif").OrderBy(f => f).Select(f => (Name: Path.GetFileName(f), S: StructureReader.Read(f))).ToList();
Console.WriteLine($"examples: {examples.Count} structures from {examplesDir}");
foreach (var (name, s) in examples)
{
    var (tR, pairs) = Time(repeats, () => NeighborSearch.CountPairs(s, 8.0));
    var (tK, edges) = Time(repeats, () => NeighborSearch.KNearest(s).Sum(l => (long)l.Count));
    Console.WriteLine($"  {name,-22} {s.Count,5} sites  within 8 Å: {tR * 1e3,8:F2} ms ({pairs} pairs)  KNearest(12): {tK * 1e3,8:F2} ms ({edges} edges)");
}

var sw = Stopwatch.StartNew();
var bands = BarrierDataset.Load(bandFile).Select(e => e.Band ?? e.Initial).ToList();
Console.WriteLine($"bands: {bands.Count} structures from {bandFile} (loaded in {sw.Elapsed.TotalSeconds:F2} s), " +
                  $"{bands.Sum(b => b.Count)} atoms in total, largest {bands.Max(b => b.Count)}");
NeighborSearch.CountPairs(bands[0], 8.0); // warm-up (JIT)
var (tAll, allPairs) = Time(1, () => bands.Sum(b => NeighborSearch.CountPairs(b, 8.0)));
Console.WriteLine($"  within 8 Å, all bands: {tAll:F2} s ({allPairs} directed pairs, {tAll / bands.Count * 1e3:F1} ms per band)");
var (tKnn, allEdges) = Time(1, () => bands.Sum(b => NeighborSearch.KNearest(b).Sum(l => (long)l.Count)));
Console.WriteLine($"  KNearest(12, 8 Å), all bands: {tKnn:F2} s ({allEdges} edges, {tKnn / bands.Count * 1e3:F1} ms per band)");

static (double Seconds, long Result) Time(int repeats, Func<long> f)
{
    long r = f(); // warm-up
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < repeats; i++) r = f();
    return (sw.Elapsed.TotalSeconds / repeats, r);
}
