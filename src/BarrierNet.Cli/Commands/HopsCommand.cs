using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet hops FILE... [--ion X] [--max-hop 5] [--disorder majority|strict] [--symprec 0.1]
/// [--format table|json] [--write-band DIR] [--write-neb DIR]`: the symmetry-distinct hops of the mobile ion, and
/// optionally each hop's band (dataset JSON + CIF) and VASP NEB inputs. All the work is in
/// <see cref="HopAnalysis"/> and <see cref="BandBuilder"/>.
/// </summary>
internal static class HopsCommand
{
    public sealed record Settings(HopOptions Hops, string Format, string? BandDir, string? NebDir, double BandWidth);

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Structure files (.cif, POSCAR/CONTCAR/.vasp, .json)" };
        var ion = new Option<string?>("--ion") { Description = "Migrating element (default: the one mobile ion present among Li, Na, K, Rb, Cs, Mg, Ca, Sr, Zn, Al)" };
        var maxHop = new Option<double>("--max-hop") { Description = "Longest ion–ion distance listed as a hop, Å", DefaultValueFactory = _ => 5.0 };
        var disorder = new Option<string>("--disorder") { Description = "Disorder policy: majority (default; see docs/disorder.md) or strict (refuse partial occupancy)", DefaultValueFactory = _ => "majority" };
        var symprec = new Option<double>("--symprec") { Description = "Symmetry tolerance, Å", DefaultValueFactory = _ => 0.1 };
        var format = new Option<string>("--format") { Description = "table or json (a JSON array, one object per file)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var writeBand = new Option<string?>("--write-band") { Description = "Write each hop's band as dataset-format JSON and as CIF into this directory" };
        var writeNeb = new Option<string?>("--write-neb") { Description = "Write VASP NEB inputs (00…06/POSCAR: endpoints + 5 linear images) per hop into this directory" };
        var bandWidth = new Option<double>("--band-width") { Description = "Smallest perpendicular width of a band's supercell, Å (docs/bands.md)", DefaultValueFactory = _ => BandSupercell.DefaultMinimumWidth };
        var cmd = new Command("hops", "List the symmetry-distinct migration hops of the mobile ion and build the model's bands.");
        cmd.Arguments.Add(files);
        foreach (var o in new Option[] { ion, maxHop, disorder, symprec, format, writeBand, writeNeb, bandWidth }) cmd.Options.Add(o);
        cmd.SetAction(parseResult => CliErrors.Guard(() =>
        {
            var settings = new Settings(
                new HopOptions(parseResult.GetValue(ion), parseResult.GetValue(maxHop), parseResult.GetValue(symprec), ParsePolicy(parseResult.GetValue(disorder))),
                parseResult.GetValue(format)!, parseResult.GetValue(writeBand), parseResult.GetValue(writeNeb), parseResult.GetValue(bandWidth));
            return Run(parseResult.GetValue(files)!, settings, Console.Out, Console.Error);
        }));
        return cmd;
    }

    private static DisorderPolicy ParsePolicy(string? name)
    {
        try { return DisorderPolicy.Parse(name); }
        catch (HopException e) { throw new ArgumentException(e.Message); }
    }

    /// <summary>Runs the command with explicit output streams (used by the tests). Exit code 2 if any file failed.</summary>
    public static int Run(IReadOnlyList<string> files, Settings settings, TextWriter stdout, TextWriter stderr)
    {
        var o = settings.Hops;
        if (!(o.MaxHop > 0) || !double.IsFinite(o.MaxHop) || o.MaxHop > 20) return Fail(stderr, "--max-hop must be a distance in Å between 0 and 20");
        if (!(o.SymmetryTolerance > 0) || !double.IsFinite(o.SymmetryTolerance) || o.SymmetryTolerance > 1) return Fail(stderr, "--symprec must be a tolerance in Å between 0 and 1");
        if (!(settings.BandWidth > 0) || !double.IsFinite(settings.BandWidth) || settings.BandWidth > 50) return Fail(stderr, "--band-width must be a width in Å between 0 and 50");

        var reports = new List<(string File, HopAnalysis Analysis, (int, int, int) Repeats)>();
        bool failed = false;
        foreach (var file in files)
        {
            try
            {
                var s = StructureReader.Read(file);
                var a = HopAnalysis.Analyze(s, o);
                var bandOptions = new BandBuilder.Options(settings.BandWidth);
                var repeats = BandBuilder.Repeats(a.Framework, bandOptions);
                if (settings.BandDir is not null || settings.NebDir is not null) WriteBands(file, a, bandOptions, settings);
                reports.Add((file, a, repeats));
            }
            catch (StructureFormatException e) { stderr.WriteLine("error: " + (e.File is null ? e.WithFile(file) : e).OneLine); failed = true; }
            catch (Exception e) when (e is HopException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {file}: {e.Message}"); failed = true;
            }
        }
        if (settings.Format == "json") WriteJson(reports, stdout);
        else WriteTable(reports, o.MaxHop, stdout);
        return failed ? CliErrors.BadInput : CliErrors.Ok;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return CliErrors.BadInput;
    }

    /// <summary>Stem used for written files: the input file name without extension.</summary>
    private static string Stem(string file) => Path.GetFileNameWithoutExtension(file);

    private static void WriteBands(string file, HopAnalysis a, BandBuilder.Options bandOptions, Settings settings)
    {
        var json = new JsonSerializerOptions { WriteIndented = true };
        foreach (var hop in a.Hops)
        {
            var band = BandBuilder.Build(a.Framework, hop, bandOptions);
            string name = $"{Stem(file)}_hop{hop.Index + 1}";
            if (settings.BandDir is string bandDir)
            {
                Directory.CreateDirectory(bandDir);
                File.WriteAllText(Path.Combine(bandDir, name + ".json"), BandEntryWriter.File(band, name, hop.Index).ToJsonString(json));
                CifWriter.WriteFile(band.WithName(name), Path.Combine(bandDir, name + ".cif"));
            }
            if (settings.NebDir is string nebDir)
            {
                var images = NebImages.Linear(band.WithName(name));
                for (int k = 0; k < images.Count; k++)
                {
                    var dir = Path.Combine(nebDir, name, k.ToString("00", CultureInfo.InvariantCulture));
                    Directory.CreateDirectory(dir);
                    PoscarWriter.WriteFile(images[k], Path.Combine(dir, "POSCAR"));
                }
            }
        }
    }

    private static JsonObject SpaceGroupJson(HopAnalysis a) => new()
    {
        ["number"] = a.SpaceGroup.Number,
        ["symbol"] = a.SpaceGroup.Symbol,
        ["n_operations"] = a.SpaceGroup.Operations.Count,
        ["source"] = a.SpaceGroup.Source,
    };

    private static void WriteJson(List<(string File, HopAnalysis Analysis, (int, int, int) Repeats)> reports, TextWriter stdout)
    {
        var arr = new JsonArray();
        foreach (var (file, a, (na, nb, nc)) in reports)
        {
            var hops = new JsonArray();
            foreach (var h in a.Hops)
                hops.Add(new JsonObject
                {
                    ["from"] = h.FromLabel,
                    ["to"] = h.ToLabel,
                    ["length"] = Math.Round(h.Length, 4),
                    ["multiplicity"] = h.Multiplicity,
                    ["bottleneck"] = Math.Round(h.Bottleneck, 4),
                    ["index"] = h.Index + 1,
                    ["from_site"] = h.FromSite,
                    ["to_site"] = h.ToSite,
                    ["from_class"] = h.FromClass,
                    ["to_class"] = h.ToClass,
                    ["image"] = new JsonArray(h.Image.A, h.Image.B, h.Image.C),
                    ["from_frac"] = Vec(h.FromFrac),
                    ["to_frac"] = Vec(h.ToFrac),
                });
            arr.Add(new JsonObject
            {
                ["file"] = file,
                ["formula"] = a.Framework.Source.ReducedFormula,
                ["ion"] = a.Ion,
                ["spacegroup"] = SpaceGroupJson(a),
                ["n_ion_sites"] = a.IonSites.Count,
                ["ion_site_classes"] = a.IonSites.Select(s => s.EquivalenceClass).Distinct().Count(),
                ["disorder"] = new JsonArray(a.Framework.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                ["band_supercell"] = new JsonArray(na, nb, nc),
                ["hops"] = hops,
            });
        }
        stdout.WriteLine(arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static JsonArray Vec(Vec3 v) => new(Math.Round(v.X, 6), Math.Round(v.Y, 6), Math.Round(v.Z, 6));

    private static void WriteTable(List<(string File, HopAnalysis Analysis, (int, int, int) Repeats)> reports, double maxHop, TextWriter stdout)
    {
        if (reports.Count == 0) return;
        var console = PlainConsole.For(stdout);
        var inv = CultureInfo.InvariantCulture;
        foreach (var (file, a, (na, nb, nc)) in reports)
        {
            var sg = a.SpaceGroup;
            string group = sg.Number is int n ? $"{sg.Symbol} ({n})" : "type not identified";
            stdout.WriteLine($"{file}: {a.Framework.Source.ReducedFormula}, ion {a.Ion}, space group {group}, {sg.Operations.Count} operations ({sg.Source})");
            stdout.WriteLine($"  {a.IonSites.Count} {a.Ion} sites in {a.IonSites.Select(s => s.EquivalenceClass).Distinct().Count()} symmetry classes; bands use {na}×{nb}×{nc} cells");
            foreach (var note in a.Framework.Notes) stdout.WriteLine("  disorder: " + note);
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var col in new[] { "#", "from", "to", "length (Å)", "multiplicity", "bottleneck (Å)", "image" }) table.AddColumn(col);
            foreach (var h in a.Hops)
                table.AddRow(
                    (h.Index + 1).ToString(inv), Markup.Escape(h.FromLabel), Markup.Escape(h.ToLabel),
                    h.Length.ToString("F3", inv), h.Multiplicity.ToString(inv), h.Bottleneck.ToString("F3", inv),
                    Markup.Escape($"[{h.Image.A} {h.Image.B} {h.Image.C}]"));
            console.Write(table);
            if (a.Hops.Count == 0) stdout.WriteLine($"no {a.Ion}–{a.Ion} pair within {maxHop.ToString(inv)} Å; raise --max-hop");
        }
    }
}
