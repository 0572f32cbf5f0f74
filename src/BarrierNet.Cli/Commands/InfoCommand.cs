using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Neighbors;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet info FILE... [--format table|json] [--neighbors R]`: what BarrierNet read from each structure file.
/// Counts follow pymatgen's convention: n_sites and neighbor_pairs are per distinct position (a mixed site counts once).
/// </summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Structure files (.cif, POSCAR/CONTCAR/.vasp, .json)" };
        var format = new Option<string>("--format") { Description = "table or json (a JSON array, one object per file)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var neighbors = new Option<double?>("--neighbors") { Description = "Also count directed neighbour pairs within R Å" };
        var cmd = new Command("info", "Print formula, cell, density, symmetry operations and occupancy warnings of structure files.");
        cmd.Arguments.Add(files);
        cmd.Options.Add(format);
        cmd.Options.Add(neighbors);
        cmd.SetAction(parseResult => CliErrors.Guard(() => Run(parseResult.GetValue(files)!, parseResult.GetValue(format)!, parseResult.GetValue(neighbors),
            Console.Out, Console.Error)));
        return cmd;
    }

    /// <summary>Runs the command with explicit output streams (used by the tests). Exit code 2 if any file failed.</summary>
    public static int Run(IReadOnlyList<string> files, string format, double? neighborRadius, TextWriter stdout, TextWriter stderr)
    {
        if (neighborRadius is double r && (!(r > 0) || !double.IsFinite(r) || r > 50))
        {
            stderr.WriteLine("error: --neighbors must be a radius in Å between 0 and 50");
            return CliErrors.BadInput;
        }
        var reports = new List<StructureInfo>();
        bool failed = false;
        foreach (var file in files)
        {
            try
            {
                var s = StructureReader.Read(file);
                reports.Add(StructureInfo.Of(file, s, neighborRadius));
            }
            catch (StructureFormatException e) { stderr.WriteLine("error: " + (e.File is null ? e.WithFile(file) : e).OneLine); failed = true; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {file}: {e.Message}"); failed = true;
            }
        }
        if (format == "json") WriteJson(reports, stdout);
        else WriteTable(reports, neighborRadius, stdout);
        return failed ? CliErrors.BadInput : CliErrors.Ok;
    }

    private static void WriteJson(List<StructureInfo> reports, TextWriter stdout)
    {
        var arr = new JsonArray(reports.Select(r => (JsonNode)r.ToJson()).ToArray());
        stdout.WriteLine(arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static void WriteTable(List<StructureInfo> reports, double? radius, TextWriter stdout)
    {
        if (reports.Count == 0) return;
        var console = PlainConsole.For(stdout);
        var inv = CultureInfo.InvariantCulture;
        foreach (var r in reports)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(r.File));
            table.AddColumn("property");
            table.AddColumn("value");
            void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
            Row("formula", r.Formula);
            Row("reduced formula", r.ReducedFormula);
            Row("sites (positions)", r.NSites.ToString(inv) + (r.NSiteEntries != r.NSites ? $"  ({r.NSiteEntries} species entries)" : ""));
            Row("a, b, c (Å)", string.Join(", ", r.Lengths.Select(x => x.ToString("F4", inv))));
            Row("α, β, γ (°)", string.Join(", ", r.Angles.Select(x => x.ToString("F3", inv))));
            Row("volume (Å³)", r.Volume.ToString("F4", inv));
            Row("density (g/cm³)", r.Density.ToString("F4", inv));
            Row("symmetry operations read", r.NSymops.ToString(inv));
            if (radius is double rad) Row($"neighbour pairs ≤ {rad.ToString(inv)} Å", r.NeighborPairs!.Value.ToString(inv));
            Row("occupancy", r.Warnings.Count == 0 ? "fully ordered" : string.Join("\n", r.Warnings));
            console.Write(table);
        }
    }

    /// <summary>The facts `info` reports about one structure.</summary>
    private sealed record StructureInfo(string File, string? Name, string Formula, string ReducedFormula, int NSites, int NSiteEntries,
        double[] Lengths, double[] Angles, double Volume, double Density, int NSymops, long? NeighborPairs, bool IsOrdered, List<string> Warnings)
    {
        public static StructureInfo Of(string file, Structure s, double? radius)
        {
            var groups = SitePositions.Group(s);
            var (a, b, c) = s.Lattice.Lengths;
            var (al, be, ga) = s.Lattice.Angles;
            long? pairs = radius is double r ? NeighborSearch.CountPositionPairs(s, r) : null;
            return new StructureInfo(file, s.Name, s.Formula, s.ReducedFormula, groups.Count, s.Count,
                new[] { a, b, c }, new[] { al, be, ga }, s.Lattice.Volume, s.Density, s.SymmetryOperations.Count, pairs, s.IsOrdered,
                OccupancyWarnings(s, groups));
        }

        /// <summary>One line per kind of partially occupied position, e.g. "4 positions: Ge 0.4 + Sb 0.4 (total 0.8)".</summary>
        private static List<string> OccupancyWarnings(Structure s, List<List<int>> groups)
        {
            var inv = CultureInfo.InvariantCulture;
            var kinds = new Dictionary<string, int>();
            var order = new List<string>();
            foreach (var g in groups)
            {
                double total = g.Sum(i => s.Sites[i].Occupancy);
                if (g.Count == 1 && s.Sites[g[0]].IsOrdered) continue;
                var desc = string.Join(" + ", g.Select(i => $"{s.Sites[i].Element} {s.Sites[i].Occupancy.ToString("0.###", inv)}"))
                           + $" (total {total.ToString("0.###", inv)})";
                if (!kinds.ContainsKey(desc)) { kinds[desc] = 0; order.Add(desc); }
                kinds[desc]++;
            }
            return order.Select(d => $"partial occupancy at {kinds[d]} position{(kinds[d] == 1 ? "" : "s")}: {d}").ToList();
        }

        public JsonObject ToJson() => new()
        {
            ["file"] = File,
            ["name"] = Name,
            ["formula"] = Formula,
            ["reduced_formula"] = ReducedFormula,
            ["n_sites"] = NSites,
            ["n_site_entries"] = NSiteEntries,
            ["lattice"] = new JsonObject
            {
                ["a"] = Lengths[0], ["b"] = Lengths[1], ["c"] = Lengths[2],
                ["alpha"] = Angles[0], ["beta"] = Angles[1], ["gamma"] = Angles[2],
            },
            ["volume"] = Volume,
            ["density"] = Density,
            ["n_symops"] = NSymops,
            ["neighbor_pairs"] = NeighborPairs,
            ["is_ordered"] = IsOrdered,
            ["occupancy_warnings"] = new JsonArray(Warnings.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
        };
    }
}
