using System.Diagnostics;
using System.Globalization;
using BarrierNet.Core;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;

// Times the BVSE landscape (valences + grid at 0.2 Å) and its percolation barriers on one core, on the example CIFs
// and on supercells of LiFePO4 around 200 atoms. Medians of `repeats` runs after one warm-up.
// With a pretraining file (e.g. pretrain/fe.json) as third argument, also the landscape's share of screening: the
// percolation barriers of its first 100 Li-containing Materials Project structures, one after another.
// Usage: dotnet run -c Release --project scripts/bench/LandscapeBench -- [EXAMPLES_DIR] [repeats] [PRETRAIN_JSON]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string examplesDir = args.Length > 0 ? args[0] : "datasets/examples";
int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;

var cases = Directory.GetFiles(examplesDir, "*.cif").OrderBy(f => f)
    .Select(f => (Name: Path.GetFileName(f), S: StructureReader.Read(f))).ToList();
var olivine = cases.First(c => c.Name == "LiFePO4.cif").S;
cases.Add(("LiFePO4 2x2x2 (224 atoms)", Supercell(olivine, 2, 2, 2)));
cases.Add(("LiFePO4 1x2x3 (168 atoms)", Supercell(olivine, 1, 2, 3)));

// A fixed reference workload timed in the same run, so numbers from a loaded machine can be compared.
double tBaseline = Median(repeats, () => { double acc = 0; for (int i = 0; i < 10_000_000; i++) acc += Math.Exp(-i * 1e-7); GC.KeepAlive(acc); });
Console.WriteLine($"baseline (1e7 Math.Exp): {tBaseline:F3} s");
Console.WriteLine($"{"structure",-28} {"atoms",6} {"grid",14} {"points",9} {"valences s",11} {"grid s",8} {"percolation s",14}");
foreach (var (name, s) in cases)
{
    var symbol = Elements.MobileIons.FirstOrDefault(m => s.Sites.Any(x => x.Element == m));
    if (symbol is null) { Console.WriteLine($"{name,-28} {s.Count,6}  skipped: no mobile ion"); continue; }
    var ion = Elements.BySymbol(symbol);
    EnergyGrid? grid = null;
    BvseLandscape? landscape = null;
    double tSetup, tGrid, tPerc;
    try
    {
        tSetup = Median(repeats, () => landscape = BvseLandscape.For(s, ion));
        tGrid = Median(repeats, () => grid = landscape!.Grid());
        tPerc = Median(repeats, () => GridPercolation.Analyze(grid!));
    }
    catch (LandscapeException e) { Console.WriteLine($"{name,-28} {s.Count,6}  skipped: {e.Message}"); continue; }
    Console.WriteLine($"{name,-28} {s.Count,6} {$"{grid!.Na}x{grid.Nb}x{grid.Nc}",14} {grid.Count,9} {tSetup,11:F3} {tGrid,8:F3} {tPerc,14:F3}");
}

if (args.Length > 2)
{
    using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(args[2]));
    var mp = doc.RootElement.EnumerateArray().Select(e => AtomsJson.Read(e.GetProperty("atoms")))
        .Where(st => st.Sites.Count(x => x.Element == "Li") >= 2).Take(100).ToList();
    var li = Elements.BySymbol("Li");
    int failed = 0;
    var sw = Stopwatch.StartNew();
    var reasons = new Dictionary<string, int>();
    foreach (var st in mp)
        if (BvsePercolation.Of(st, "Li") is { Percolation: null } b)
        {
            failed++;
            var key = b.Reason!.Split(" (")[0].Split(" of ")[0];
            reasons[key] = reasons.GetValueOrDefault(key) + 1;
        }
    Console.WriteLine($"{mp.Count} Li-containing structures of {Path.GetFileName(args[2])} (median {mp.Select(x => x.Count).OrderBy(x => x).ElementAt(mp.Count / 2)} atoms): " +
        $"{sw.Elapsed.TotalSeconds:F1} s, {sw.Elapsed.TotalSeconds / mp.Count:F3} s per material on one core ({failed} without a landscape)");
    foreach (var (reason, count) in reasons.OrderByDescending(kv => kv.Value)) Console.WriteLine($"  {count,3} × {reason}");
}

static double Median(int repeats, Action f)
{
    f(); // warm-up (JIT, parameter table)
    var times = new List<double>();
    for (int i = 0; i < repeats; i++)
    {
        var sw = Stopwatch.StartNew();
        f();
        times.Add(sw.Elapsed.TotalSeconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

static Structure Supercell(Structure s, int na, int nb, int nc)
{
    var sites = new List<Site>();
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            for (int k = 0; k < nc; k++)
                foreach (var x in s.Sites)
                    sites.Add(x with { Frac = new Vec3((x.Frac.X + i) / na, (x.Frac.Y + j) / nb, (x.Frac.Z + k) / nc) });
    return new Structure(s.Lattice.Supercell(na, nb, nc), sites);
}
