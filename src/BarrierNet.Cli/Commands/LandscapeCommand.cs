using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet landscape FILE... [--ion X] [--resolution 0.2] [--format table|json] [--write-grid DIR]`: the
/// bond-valence site-energy landscape of the mobile ion, its 1D/2D/3D percolation barriers and its local minima.
/// All the work is in <see cref="LandscapeAnalysis"/>.
/// </summary>
internal static class LandscapeCommand
{
    public enum OutputFormat { Table, Json }

    public sealed record Settings(string? Ion, double Resolution, OutputFormat Format, string? GridDir, double SymmetryTolerance = 0.1);

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Structure files (.cif, POSCAR/CONTCAR/.vasp, .json)" };
        var ion = new Option<string?>("--ion") { Description = "Mobile ion (default: the one mobile ion present); may be absent from the structure (an insertion host)" };
        var resolution = new Option<double>("--resolution") { Description = "Largest grid spacing, Å", DefaultValueFactory = _ => BvseOptions.DefaultResolution };
        var format = new Option<string>("--format") { Description = "table or json (a JSON array, one object per file)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var writeGrid = new Option<string?>("--write-grid") { Description = "Write each landscape as a Gaussian cube file (VESTA opens it) into this directory" };
        var cmd = new Command("landscape", "Bond-valence site-energy landscape of the mobile ion: percolation barriers, low-energy sites, grid files.");
        cmd.Arguments.Add(files);
        foreach (var o in new Option[] { ion, resolution, format, writeGrid }) cmd.Options.Add(o);
        cmd.SetAction(parseResult => CliErrors.Guard(() =>
        {
            var settings = new Settings(parseResult.GetValue(ion), parseResult.GetValue(resolution),
                parseResult.GetValue(format) == "json" ? OutputFormat.Json : OutputFormat.Table, parseResult.GetValue(writeGrid));
            return Run(parseResult.GetValue(files)!, settings, Console.Out, Console.Error);
        }));
        return cmd;
    }

    /// <summary>Runs the command with explicit output streams (used by the tests). Exit code 2 if any file failed.</summary>
    public static int Run(IReadOnlyList<string> files, Settings settings, TextWriter stdout, TextWriter stderr)
    {
        if (!(settings.Resolution >= 0.02 && settings.Resolution <= 2)) { stderr.WriteLine("error: --resolution must be a spacing in Å between 0.02 and 2"); return CliErrors.BadInput; }
        var reports = new List<(string File, LandscapeAnalysis Analysis)>();
        bool failed = false;
        foreach (var file in files)
        {
            try
            {
                var s = StructureReader.Read(file);
                var ion = Elements.BySymbol(ResolveIon(s, settings.Ion));
                var a = LandscapeAnalysis.Of(s, ion, new BvseOptions(settings.Resolution), settings.SymmetryTolerance);
                if (settings.GridDir is string dir) WriteGrid(dir, file, a);
                reports.Add((file, a));
            }
            catch (StructureFormatException e) { stderr.WriteLine("error: " + (e.File is null ? e.WithFile(file) : e).OneLine); failed = true; }
            catch (Exception e) when (e is LandscapeException or HopException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {file}: {e.Message}"); failed = true;
            }
        }
        if (settings.Format == OutputFormat.Json) WriteJson(reports, stdout);
        else WriteTable(reports, stdout);
        return failed ? CliErrors.BadInput : CliErrors.Ok;
    }

    /// <summary>The requested ion even when the structure lacks it (an empty host), otherwise the one mobile ion present.</summary>
    private static string ResolveIon(Structure s, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested)) return IonChoice.Resolve(s, null);
        var symbol = requested.Trim();
        if (Elements.TryGet(symbol, out _)) return symbol;
        var fixedCase = char.ToUpperInvariant(symbol[0]) + symbol[1..].ToLowerInvariant();
        return Elements.TryGet(fixedCase, out _) ? fixedCase : throw new ArgumentException($"unknown element '{symbol}' given as the ion");
    }

    private static void WriteGrid(string dir, string file, LandscapeAnalysis a)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(file)}_{a.Landscape.Ion.Symbol}_bvse.cube");
        CubeFile.Write(path, a.Grid, a.Landscape.Structure,
            $"BVSE landscape of {a.Landscape.IonSpecies} in {a.Landscape.Structure.ReducedFormula} (barriernet landscape)");
    }

    private static double R(double v) => Math.Round(v, 4);
    private static JsonNode? N(double? v) => v is double x ? JsonValue.Create(R(x)) : null;

    private static void WriteJson(List<(string File, LandscapeAnalysis Analysis)> reports, TextWriter stdout)
    {
        var arr = new JsonArray();
        foreach (var (file, a) in reports)
        {
            var l = a.Landscape;
            var sites = new JsonArray();
            foreach (var s in a.Sites)
                sites.Add((JsonNode)new JsonObject
                {
                    ["frac"] = new JsonArray(R(s.Frac.X), R(s.Frac.Y), R(s.Frac.Z)),
                    ["energy"] = R(s.Energy),
                    ["multiplicity"] = s.Multiplicity,
                });
            arr.Add((JsonNode)new JsonObject
            {
                ["file"] = file,
                ["formula"] = l.Structure.ReducedFormula,
                ["ion"] = l.Ion.Symbol,
                ["ion_charge"] = l.IonCharge,
                ["percolation"] = new JsonObject { ["1d"] = N(a.Percolation.OneD), ["2d"] = N(a.Percolation.TwoD), ["3d"] = N(a.Percolation.ThreeD) },
                ["grid"] = new JsonArray(a.Grid.Na, a.Grid.Nb, a.Grid.Nc),
                ["energy_minimum"] = R(a.Grid.Minimum),
                ["resolution"] = l.Options.Resolution,
                ["oxidation_states"] = new JsonObject(l.Valences.ByElement.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(R(kv.Value))))),
                ["oxidation_state_source"] = l.Valences.Source == ValenceSource.File ? "file" : "bond_valence_sums",
                ["parameters"] = SoftBvParameters.Source,
                ["notes"] = new JsonArray(l.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                ["sites"] = sites,
                ["hops"] = new JsonArray(),
            });
        }
        stdout.WriteLine(arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static void WriteTable(List<(string File, LandscapeAnalysis Analysis)> reports, TextWriter stdout)
    {
        var console = PlainConsole.For(stdout);
        var inv = CultureInfo.InvariantCulture;
        foreach (var (file, a) in reports)
        {
            var l = a.Landscape;
            string valences = string.Join(", ", l.Valences.ByElement.Select(kv => $"{kv.Key} {kv.Value.ToString("+0.##;-0.##", inv)}"));
            stdout.WriteLine($"{file}: {l.Structure.ReducedFormula}, ion {l.IonSpecies}, grid {a.Grid.Na}×{a.Grid.Nb}×{a.Grid.Nc}");
            stdout.WriteLine($"  oxidation states ({(l.Valences.Source == ValenceSource.File ? "from the file" : "bond-valence sums")}): {valences}");
            foreach (var note in l.Notes) stdout.WriteLine("  note: " + note);
            string P(double? e) => e is double x ? x.ToString("F3", inv) + " eV" : "none";
            stdout.WriteLine($"  BVSE percolation barrier 1D {P(a.Percolation.OneD)}, 2D {P(a.Percolation.TwoD)}, 3D {P(a.Percolation.ThreeD)}");
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var col in new[] { "#", "x", "y", "z", "energy (eV)", "multiplicity" }) table.AddColumn(col);
            int n = 0;
            foreach (var s in a.Sites)
                table.AddRow((++n).ToString(inv), s.Frac.X.ToString("F4", inv), s.Frac.Y.ToString("F4", inv), s.Frac.Z.ToString("F4", inv),
                    s.Energy.ToString("F3", inv), s.Multiplicity.ToString(inv));
            console.Write(table);
            stdout.WriteLine();
        }
    }
}
