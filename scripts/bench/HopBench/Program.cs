using System.Diagnostics;
using System.Globalization;
using BarrierNet.Core.Crystal;
using BarrierNet.Core;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Core.Neighbors;
using BarrierNet.Core.Symmetry;

// Where `barriernet hops` spends its time, step by step, over a set of structure files (default options: the file's
// ion, hops up to 5 Å, tolerance 0.1 Å, each hop's minimum-energy path on the landscape). Each step is timed on its own after a warm-up pass over all files, so the
// figures are those of compiled code; the whole analysis (HopAnalysis.Analyze) is timed separately as a check.
// Usage: dotnet run -c Release --project scripts/bench/HopBench -- [--top N] FILE...
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int top = 10;
var files = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--top") top = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else files.Add(args[i]);
}
const double tol = 0.1, maxHop = 5.0;
string[] steps = { "read", "reduce cell", "space group", "  lattice point group", "hop finder", "  ion-pair neighbours", "  bottlenecks",
    "landscape set-up", "landscape grid", "landscape sites", "minimum-energy paths", "input-cell hops", "whole analysis" };
const int Whole = 12, Atoms = 13;

Profile(files, new Dictionary<string, double[]>()); // warm-up: compile every path once
var perFile = new Dictionary<string, double[]>();
var total = Profile(files, perFile);
Console.WriteLine($"{files.Count} files; seconds per step (an indented step is part of the one above and timed again on its own):");
for (int s = 0; s < steps.Length; s++) Console.WriteLine($"  {steps[s],-22} {total[s],8:F3} s");
double sum = Enumerable.Range(0, Whole).Where(s => !steps[s].StartsWith(' ')).Sum(s => total[s]);
Console.WriteLine($"  {"sum of steps",-22} {sum,8:F3} s (reading plus the whole analysis: {total[0] + total[Whole]:F3} s)");
Console.WriteLine($"slowest {top} files (whole analysis, s; then each step):");
foreach (var (name, t) in perFile.OrderByDescending(kv => kv.Value[Whole]).Take(top))
    Console.WriteLine($"  {name,-12} {t[Whole],7:F3}  " + string.Join(", ", Enumerable.Range(0, Whole).Select(i => $"{steps[i].Trim()} {t[i]:F3}"))
        + $"  [{t[Atoms]:0} atoms, {t[Atoms + 1]:0} in the working cell, {t[Atoms + 2]:0} ion sites, {t[Atoms + 3]:0} operations, {t[Atoms + 4]:0} hops]");

static double[] Profile(List<string> files, Dictionary<string, double[]> perFile)
{
    var total = new double[Whole + 1];
    foreach (var file in files)
    {
        var t = new double[Atoms + 5];
        try { Analyze(file, t); }
        catch (Exception e) when (e is HopException or StructureFormatException or InvalidOperationException) { Console.Error.WriteLine($"{file}: {e.Message}"); }
        for (int s = 0; s < total.Length; s++) total[s] += t[s];
        perFile[Path.GetFileName(file)] = t;
    }
    return total;
}

// The steps of HopAnalysis.Analyze as `barriernet hops` runs it (paths on the landscape asked for), each timed.
static void Analyze(string file, double[] t)
{
    var sw = Stopwatch.StartNew();
    double Lap() { double s = sw.Elapsed.TotalSeconds; sw.Restart(); return s; }
    var s = StructureReader.Read(file);
    t[0] = Lap();
    var ion = IonChoice.Resolve(s, null);
    var cell = CellReduction.Of(s, tol);
    t[1] = Lap();
    var spaceGroup = SymmetryFinder.Analyze(cell.Cell, tol);
    if (cell.IsReduced) SymmetryFinder.AllMapOntoItself(cell.Input, cell.Input.SymmetryOperations.Distinct().ToList(), tol);
    t[2] = Lap();
    LatticePointGroup.Find(cell.Cell.Lattice, tol);
    t[3] = Lap();
    var framework = DisorderPolicy.Majority.Apply(cell.Cell, ion);
    var result = HopFinder.Find(framework, spaceGroup.Operations, maxHop, tol);
    t[4] = Lap();
    NeighborSearch.WithinRadius(framework.Lattice, framework.IonSites.Select(x => x.Frac.Wrap()).ToArray(), maxHop);
    t[5] = Lap();
    foreach (var h in result.Hops) Bottleneck.Of(framework.Lattice, framework.Host, h.FromFrac, h.ToFrac);
    t[6] = Lap();
    try
    {
        var landscape = BvseLandscape.For(cell.Cell, Elements.BySymbol(ion), HopAnalysis.LandscapeOptions);
        t[7] = Lap();
        var grid = landscape.Grid();
        t[8] = Lap();
        if (result.Hops.Count == 0)
        {
            framework = LandscapeSites.Add(framework, landscape, grid, spaceGroup.Operations);
            result = HopFinder.Find(framework, spaceGroup.Operations, maxHop, tol);
        }
        t[9] = Lap();
        foreach (var h in result.Hops) MinimumEnergyPath.Find(grid, h.FromFrac, h.ToFrac);
        t[10] = Lap();
    }
    catch (LandscapeException) { Lap(); }
    if (cell.IsReduced) InputCellHops.Map(result.Hops, framework, cell, tol);
    t[11] = Lap();
    HopAnalysis.Analyze(s, new HopOptions(Paths: true));
    t[Whole] = Lap();
    (t[Atoms], t[Atoms + 1], t[Atoms + 2], t[Atoms + 3], t[Atoms + 4]) = (s.Count, cell.Cell.Count, framework.IonSites.Count, spaceGroup.Operations.Count, result.Hops.Count);
}
