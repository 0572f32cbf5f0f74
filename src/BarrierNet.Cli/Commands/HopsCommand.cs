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
    public sealed record Settings(HopOptions Hops, string Format, string? BandDir, string? NebDir, double BandWidth, HopFiles.Options? Files = null, NebPath NebPath = NebPath.Straight);

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Structure files (.cif, POSCAR/CONTCAR/.vasp, .json)" };
        var ion = new Option<string?>("--ion") { Description = "Migrating element (default: the one mobile ion present among Li, Na, K, Rb, Cs, Mg, Ca, Sr, Zn, Al)" };
        var maxHop = new Option<double>("--max-hop") { Description = "Longest ion–ion distance listed as a hop, Å", DefaultValueFactory = _ => 5.0 };
        var disorder = new Option<string>("--disorder") { Description = "Disorder policy: majority (default; see docs/disorder.md) or strict (refuse partial occupancy)", DefaultValueFactory = _ => "majority" };
        var symprec = new Option<double>("--symprec") { Description = "Symmetry tolerance, Å", DefaultValueFactory = _ => 0.1 };
        var format = new Option<string>("--format") { Description = "table or json (a JSON array, one object per file)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var writeBand = new Option<string?>("--write-band") { Description = "Write each hop's band as dataset-format JSON and CIF: DIR/<structure>/hop<#>.json and .cif" };
        var writeNeb = new Option<string?>("--write-neb") { Description = "Write VASP NEB inputs (endpoints + 5 images on the straight line, or on the landscape path with --neb-path landscape): DIR/<structure>/hop<#>/00…06/POSCAR" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace files that --write-band/--write-neb find already there (default: error, nothing replaced)" };
        var allowClose = new Option<bool>("--allow-close-atoms") { Description = "Write NEB inputs even when an image puts the ion within 1 Å of another atom (a path through an atom)" };
        var sites = SiteOption();
        var nebPath = new Option<NebPath>("--neb-path") { Description = "Initial NEB path: Straight (default) or Landscape (the hop's minimum-energy path on the BVSE landscape)", DefaultValueFactory = _ => NebPath.Straight };
        var bandWidth = new Option<double>("--band-width") { Description = "Smallest perpendicular width of a band's supercell, Å (docs/bands.md)", DefaultValueFactory = _ => BandSupercell.DefaultMinimumWidth };
        var maxAtoms = new Option<int>("--max-atoms") { Description = "Largest cell worked in after reduction to the primitive cell (docs/scale.md)", DefaultValueFactory = _ => HopOptions.DefaultMaxAtoms };
        var cmd = new Command("hops", "List the symmetry-distinct migration hops of the mobile ion and build the model's bands.\n\n" + HopColumns.Legend +
            " image = the lattice translation [a b c] from the from-site's cell to the to-site's; multiplicity = mult.\n\n" +
            "Written files (--write-band, --write-neb) go to one folder per structure (the file name, with its folder in front when two inputs share it) and hop: " +
            "DIR/<structure>/hop<#>…; existing files are an error unless --overwrite; each file written is reported on stderr.");
        cmd.Arguments.Add(files);
        foreach (var o in new Option[] { ion, maxHop, disorder, symprec, format, writeBand, writeNeb, bandWidth, overwrite, allowClose, maxAtoms, sites, nebPath }) cmd.Options.Add(o);
        cmd.SetAction(parseResult => CliErrors.Guard(() =>
        {
            var settings = new Settings(
                new HopOptions(parseResult.GetValue(ion), parseResult.GetValue(maxHop), parseResult.GetValue(symprec), ParsePolicy(parseResult.GetValue(disorder)),
                    parseResult.GetValue(sites), Paths: true) { MaxAtoms = parseResult.GetValue(maxAtoms) },
                parseResult.GetValue(format)!, parseResult.GetValue(writeBand), parseResult.GetValue(writeNeb), parseResult.GetValue(bandWidth),
                new HopFiles.Options(parseResult.GetValue(overwrite), parseResult.GetValue(allowClose)), parseResult.GetValue(nebPath));
            return Run(parseResult.GetValue(files)!, settings, Console.Out, Console.Error);
        }));
        return cmd;
    }

    /// <summary>`--sites auto|listed|landscape` (docs/landscape.md), shared by hops, predict, screen and suggest.</summary>
    public static Option<SiteSource> SiteOption() => new("--sites")
    {
        Description = "Hop endpoints: Auto (default: the file's ion sites; landscape minima added when those give no hop), Listed (the file's sites only) or Landscape (always add the landscape's minima)",
        DefaultValueFactory = _ => SiteSource.Auto,
    };

    /// <summary>`--disorder NAME`: an unknown name is a bad option (one line, exit 2), not a fault of the tool.</summary>
    public static DisorderPolicy ParsePolicy(string? name)
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
        // Folder names for written bands; only worked out when something is written.
        bool writes = settings.BandDir is not null || settings.NebDir is not null;
        var names = writes ? HopFiles.UniqueNames(files) : null;
        for (int f = 0; f < files.Count; f++)
        {
            var file = files[f];
            try
            {
                var s = StructureReader.Read(file);
                var a = HopAnalysis.Analyze(s, o with { Progress = line => stderr.WriteLine($"{file}: {line}") });
                var bandOptions = new BandBuilder.Options(settings.BandWidth);
                var repeats = a.BandRepeats(bandOptions);
                if (names is not null) failed |= !WriteBands(file, names[f], a, bandOptions, settings, stderr);
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

    /// <summary>
    /// Writes each hop's band and NEB inputs under the structure's own folder; a hop that cannot be written (target
    /// exists, path through an atom) is one error line and the other hops are still written. False if any failed.
    /// </summary>
    private static bool WriteBands(string file, string name, HopAnalysis a, BandBuilder.Options bandOptions, Settings settings, TextWriter stderr)
    {
        var options = settings.Files ?? new HopFiles.Options();
        if (settings.NebDir is not null && settings.NebPath == NebPath.Landscape && a.Paths is null)
            throw new HopException("--neb-path landscape needs the landscape, which could not be computed for this structure");
        bool ok = true;
        foreach (var hop in a.Hops)
        {
            var band = a.Band(hop, bandOptions);
            int number = hop.Index + 1;
            try
            {
                if (settings.BandDir is string bandDir)
                {
                    var (json, _) = HopFiles.WriteBand(bandDir, name, number, band, options);
                    stderr.WriteLine($"wrote {file} hop {number} band to {json} (and .cif)");
                }
                if (settings.NebDir is string nebDir)
                {
                    var images = settings.NebPath == NebPath.Landscape
                        ? NebImages.Along(band, BandBuilder.PathInBand(a.BandFramework, a.BandHop(hop), a.BandPath(hop)!, bandOptions))
                        : null;
                    stderr.WriteLine($"wrote {file} hop {number} NEB inputs to {HopFiles.WriteNeb(nebDir, name, number, band, options, images)}/00…06");
                }
            }
            catch (Exception e) when (e is HopException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {file}: {e.Message}");
                ok = false;
            }
        }
        return ok;
    }

    private static JsonObject SpaceGroupJson(HopAnalysis a) => new()
    {
        ["number"] = a.SpaceGroup.Number,
        ["symbol"] = a.SpaceGroup.Symbol,
        ["n_operations"] = a.ReportedOperationCount,
        ["source"] = a.SpaceGroup.Source,
    };

    private static void WriteJson(List<(string File, HopAnalysis Analysis, (int, int, int) Repeats)> reports, TextWriter stdout)
    {
        var arr = new JsonArray();
        foreach (var (file, a, (na, nb, nc)) in reports)
        {
            var hops = new JsonArray();
            foreach (var h in a.ReportedHops)
                hops.Add((JsonNode)new JsonObject
                {
                    ["from"] = h.FromLabel,
                    ["to"] = h.ToLabel,
                    ["length"] = Math.Round(h.Length, 4),
                    ["multiplicity"] = h.Multiplicity,
                    ["bottleneck"] = JsonNumbers.Value(h.Bottleneck),
                    ["path_blocked"] = PathClearance.IsBlocked(h.Bottleneck),
                    ["index"] = h.Index + 1,
                    ["from_site"] = h.FromSite,
                    ["to_site"] = h.ToSite,
                    ["from_class"] = h.FromClass,
                    ["to_class"] = h.ToClass,
                    ["image"] = new JsonArray(h.Image.A, h.Image.B, h.Image.C),
                    ["from_frac"] = Vec(h.FromFrac),
                    ["to_frac"] = Vec(h.ToFrac),
                    ["bvse_barrier"] = a.Paths is { } p ? Math.Round(p[h.Index].Barrier, 4) : null,
                    ["bvse_path"] = a.Paths is { } q ? PathJson(q[h.Index]) : null,
                });
            arr.Add((JsonNode)new JsonObject
            {
                ["file"] = file,
                ["formula"] = a.Framework.Source.ReducedFormula,
                ["ion"] = a.Ion,
                ["spacegroup"] = SpaceGroupJson(a),
                ["n_ion_sites"] = a.ReportedIonSiteCount,
                ["ion_site_classes"] = a.IonSites.Select(s => s.EquivalenceClass).Distinct().Count(),
                ["disorder"] = new JsonArray(a.Framework.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                ["band_supercell"] = new JsonArray(na, nb, nc),
                ["hops"] = hops,
            });
        }
        stdout.WriteLine(arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>The minimum-energy path: arc length (Å), energy above the lower endpoint (eV) and fractional position of each point.</summary>
    private static JsonObject PathJson(BarrierNet.Core.Landscape.EnergyPath path) => new()
    {
        ["length"] = Math.Round(path.Length, 4),
        ["distance"] = new JsonArray(path.Distance.Select(d => (JsonNode)Math.Round(d, 4)).ToArray()),
        ["energy"] = new JsonArray(path.Energies.Select(e => (JsonNode)Math.Round(e - path.LowerEndpoint, 4)).ToArray()),
        ["frac"] = new JsonArray(path.Points.Select(p => (JsonNode)Vec(p)).ToArray()),
    };

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
            stdout.WriteLine($"{file}: {a.Framework.Source.ReducedFormula}, ion {a.Ion}, space group {group}, {a.ReportedOperationCount} operations ({sg.Source})");
            stdout.WriteLine($"  {a.ReportedIonSiteCount} {a.Ion} sites in {a.IonSites.Select(s => s.EquivalenceClass).Distinct().Count()} symmetry classes; bands use {na}×{nb}×{nc} cells");
            foreach (var note in a.Framework.Notes) stdout.WriteLine("  disorder: " + note);
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var col in new[] { "#", "from", "to", "length (Å)", "multiplicity", "bottleneck (Å)", "image", "path", "BVSE barrier (eV)" }) table.AddColumn(col);
            foreach (var h in a.ReportedHops)
                table.AddRow(
                    (h.Index + 1).ToString(inv), Markup.Escape(h.FromLabel), Markup.Escape(h.ToLabel),
                    h.Length.ToString("F3", inv), h.Multiplicity.ToString(inv), HopColumns.Bottleneck(h.Bottleneck),
                    Markup.Escape($"[{h.Image.A} {h.Image.B} {h.Image.C}]"), HopColumns.Path(h.Bottleneck),
                    a.Paths is { } p ? p[h.Index].Barrier.ToString("F3", inv) : "–");
            console.Write(table);
            if (a.Hops.Count == 0) stdout.WriteLine($"no {a.Ion}–{a.Ion} pair within {maxHop.ToString(inv)} Å; raise --max-hop");
            HopColumns.WriteBlockedNote(a.Hops, stdout);
        }
    }
}
