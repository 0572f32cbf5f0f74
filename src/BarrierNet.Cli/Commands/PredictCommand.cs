using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using CsvHelper;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet predict FILE... [--ion X] [--head H] [--model DIR] [--max-hop 5] [--threshold 0.65]
/// [--format table|json|csv]`: the distinct hops of each structure with predicted barriers, 90% intervals and classes,
/// the lowest barrier and the percolation barriers. All the work is in <see cref="MaterialPredictor"/>.
/// </summary>
internal static class PredictCommand
{
    public sealed record Settings(HopOptions Hops, string Head, string? ModelDir, double Threshold, string Format, DisorderSampling? Orderings = null);

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Structure files (.cif, POSCAR/CONTCAR/.vasp, .json)" };
        var ion = new Option<string?>("--ion") { Description = "Migrating element (default: the one mobile ion present)" };
        var head = new Option<string>("--head") { Description = "Barrier head: band (default), attention, endpoints, difference", DefaultValueFactory = _ => ModelPaths.DefaultHead };
        var model = new Option<string?>("--model") { Description = "Model directory (default: the shipped models/heads/<head>)" };
        var maxHop = new Option<double>("--max-hop") { Description = "Longest ion–ion distance considered as a hop, Å", DefaultValueFactory = _ => 5.0 };
        var threshold = new Option<double>("--threshold") { Description = "Good/bad conductor threshold, eV (good: barrier below it)", DefaultValueFactory = _ => BarrierClass.DefaultThreshold };
        var disorder = new Option<string>("--disorder") { Description = "Disorder policy: majority (default; docs/disorder.md) or strict", DefaultValueFactory = _ => "majority" };
        var symprec = new Option<double>("--symprec") { Description = "Symmetry tolerance, Å", DefaultValueFactory = _ => 0.1 };
        var format = new Option<string>("--format") { Description = "table, json (one object per file) or csv (one row per hop)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var maxAtoms = new Option<int>("--max-atoms") { Description = "Largest cell worked in after reduction to the primitive cell (docs/scale.md)", DefaultValueFactory = _ => HopOptions.DefaultMaxAtoms };
        var cmd = new Command("predict", "Predict the migration barrier of every distinct hop of the mobile ion, and whether the material conducts. " +
            "Structures whose host has no anion (metals, intermetallics) are refused with the reason.\n\n" + HopColumns.Legend + "\n\n" + HopColumns.BarrierLegend +
            "\n\nJSON: one object per file (hops[] with the same fields, index = #, path_blocked; numbers are numbers or null). " +
            "CSV: one row per hop with the same columns plus index and path_blocked.");
        cmd.Arguments.Add(files);
        var orderings = new OrderingOptions();
        var sites = HopsCommand.SiteOption();
        foreach (var o in new Option[] { ion, head, model, maxHop, threshold, disorder, symprec, format, maxAtoms, sites }.Concat(orderings.All)) cmd.Options.Add(o);
        cmd.SetAction(parseResult => CliErrors.Guard(() =>
        {
            var policy = HopsCommand.ParsePolicy(parseResult.GetValue(disorder));
            var settings = new Settings(new HopOptions(parseResult.GetValue(ion), parseResult.GetValue(maxHop), parseResult.GetValue(symprec), policy, parseResult.GetValue(sites), Paths: true) { MaxAtoms = parseResult.GetValue(maxAtoms) },
                parseResult.GetValue(head)!, parseResult.GetValue(model), parseResult.GetValue(threshold), parseResult.GetValue(format)!,
                orderings.Read(parseResult));
            return Run(parseResult.GetValue(files)!, settings, Console.Out, Console.Error);
        }));
        return cmd;
    }

    public static int Run(IReadOnlyList<string> files, Settings settings, TextWriter stdout, TextWriter stderr)
    {
        if (!(settings.Hops.MaxHop > 0) || settings.Hops.MaxHop > 20) return Fail(stderr, "--max-hop must be a distance in Å between 0 and 20");
        if (!double.IsFinite(settings.Threshold)) return Fail(stderr, "--threshold must be a number of eV");
        var modelDir = settings.ModelDir ?? ModelPaths.HeadDirectory(settings.Head);
        var model = BarrierModelLoader.Load(modelDir);
        var predictor = new MaterialPredictor(model, settings.Hops with { Progress = stderr.WriteLine }, settings.Threshold, orderings: settings.Orderings);

        // Read every file first (errors reported per file), then score all readable ones in one batch.
        var structures = new List<(BarrierNet.Core.Crystal.Structure, string)>();
        bool failed = false;
        foreach (var file in files)
        {
            try { structures.Add((StructureReader.Read(file), file)); }
            catch (StructureFormatException e) { stderr.WriteLine("error: " + (e.File is null ? e.WithFile(file) : e).OneLine); failed = true; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            { stderr.WriteLine($"error: {file}: {e.Message}"); failed = true; }
        }
        var results = structures.Count == 0 ? Array.Empty<(MaterialReport?, string?)>() : predictor.PredictMany(structures);
        var reports = new List<MaterialReport>();
        for (int i = 0; i < results.Count; i++)
        {
            if (results[i].Report is { } r) reports.Add(r);
            else { stderr.WriteLine($"error: {structures[i].Item2}: {results[i].Error}"); failed = true; }
        }
        switch (settings.Format)
        {
            case "json": WriteJson(reports, stdout); break;
            case "csv": WriteCsv(reports, stdout); break;
            default: WriteTable(reports, stdout); break;
        }
        return failed ? CliErrors.BadInput : CliErrors.Ok;
    }

    private static int Fail(TextWriter stderr, string message) { stderr.WriteLine("error: " + message); return CliErrors.BadInput; }

    private static JsonNode? N(double? v) => JsonNumbers.Value(v);

    private static (double Lo, double Hi)? Interval(BarrierPrediction p) => p.Interval90;

    /// <summary>BVSE percolation barriers in eV, JSON null where the landscape has no network or was not computed.</summary>
    private static JsonObject Bvse(BvsePercolation b)
    {
        return new JsonObject { ["1d"] = N(b.Percolation?.OneD), ["2d"] = N(b.Percolation?.TwoD), ["3d"] = N(b.Percolation?.ThreeD) };
    }

    private static void WriteJson(IReadOnlyList<MaterialReport> reports, TextWriter stdout)
    {
        var arr = new JsonArray();
        foreach (var r in reports)
        {
            var hops = new JsonArray();
            foreach (var h in r.Hops)
            {
                var iv = Interval(h.Prediction);
                hops.Add(new JsonObject
                {
                    ["from"] = h.Hop.FromLabel,
                    ["to"] = h.Hop.ToLabel,
                    ["length"] = N(h.Hop.Length),
                    ["multiplicity"] = h.Hop.Multiplicity,
                    ["barrier"] = N(h.Prediction.Mean),
                    ["interval"] = iv is { } v ? new JsonArray(N(v.Lo), N(v.Hi)) : null,
                    ["class"] = h.Class,
                    ["uncertainty"] = N(h.Prediction.Uncertainty),
                    ["bottleneck"] = N(h.Hop.Bottleneck),
                    ["path_blocked"] = h.PathBlocked,
                    ["index"] = h.Hop.Index + 1,
                    ["image"] = new JsonArray(h.Hop.Image.A, h.Hop.Image.B, h.Hop.Image.C),
                    ["bvse_barrier"] = r.Analysis.Paths is { } paths ? N(paths[h.Hop.Index].Barrier) : null,
                    ["orderings"] = h.Orderings is { } o
                        ? new JsonObject { ["count"] = o.Count, ["sd"] = N(o.StandardDeviation), ["min"] = N(o.Min), ["max"] = N(o.Max) }
                        : null,
                    // whether the hop's host matches a training host (its interval is calibrated as such); null: not known
                    ["familiar"] = h.Prediction.Familiar,
                });
            }
            var sg = r.Analysis.SpaceGroup;
            arr.Add(new JsonObject
            {
                ["file"] = r.Source,
                ["formula"] = r.Formula,
                ["ion"] = r.Analysis.Ion,
                ["spacegroup"] = new JsonObject { ["number"] = sg.Number, ["symbol"] = sg.Symbol, ["n_operations"] = r.Analysis.ReportedOperationCount },
                ["n_ion_sites"] = r.Analysis.ReportedIonSiteCount,
                ["hops"] = hops,
                ["lowest_barrier"] = N(r.LowestBarrier),
                ["percolation"] = new JsonObject { ["1d"] = N(r.Percolation.OneD), ["2d"] = N(r.Percolation.TwoD), ["3d"] = N(r.Percolation.ThreeD) },
                ["bvse_percolation"] = Bvse(r.Bvse),
                ["bvse_error"] = r.Bvse.Reason,
                ["class"] = r.Class,
                ["threshold"] = r.Threshold,
                ["disorder"] = new JsonArray(r.Analysis.Framework.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            });
        }
        stdout.WriteLine(arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static void WriteCsv(IReadOnlyList<MaterialReport> reports, TextWriter stdout)
    {
        using var csv = CsvWriter.Create(stdout, Csv.WriterOptions, leaveOpen: true);
        csv.WriteHeader(new[] { "file", "formula", "ion", "from", "to", "length", "multiplicity", "bottleneck", "barrier", "interval_lo", "interval_hi", "uncertainty", "class", "index", "path_blocked", "ordering_sd" });
        foreach (var r in reports)
            foreach (var h in r.Hops)
            {
                var iv = Interval(h.Prediction);
                foreach (var f in new[] { r.Source, r.Formula, r.Analysis.Ion, h.Hop.FromLabel, h.Hop.ToLabel, Csv.Format(h.Hop.Length),
                    h.Hop.Multiplicity.ToString(CultureInfo.InvariantCulture), Csv.Format(h.Hop.Bottleneck), Csv.Format(h.Prediction.Mean),
                    Csv.Format(iv?.Lo), Csv.Format(iv?.Hi), Csv.Format(h.Prediction.Uncertainty), h.Class,
                    (h.Hop.Index + 1).ToString(CultureInfo.InvariantCulture), h.PathBlocked ? "true" : "false", Csv.Format(h.Orderings?.StandardDeviation) })
                    csv.WriteField(f);
                csv.EndRecord();
            }
        csv.Flush();
    }

    private static void WriteTable(IReadOnlyList<MaterialReport> reports, TextWriter stdout)
    {
        var console = PlainConsole.For(stdout);
        var inv = CultureInfo.InvariantCulture;
        foreach (var r in reports)
        {
            var sg = r.Analysis.SpaceGroup;
            string group = sg.Number is int n ? $"{sg.Symbol} ({n})" : "type not identified";
            stdout.WriteLine($"{r.Source}: {r.Formula}, ion {r.Analysis.Ion}, space group {group}, {r.Analysis.ReportedIonSiteCount} {r.Analysis.Ion} sites");
            foreach (var note in r.Analysis.Framework.Notes) stdout.WriteLine("  disorder: " + note);
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var col in new[] { "#", "from", "to", "length (Å)", "mult.", "bottleneck (Å)", "barrier (eV)", "90% interval", "class", "path" }) table.AddColumn(col);
            foreach (var h in r.Hops)
            {
                var iv = Interval(h.Prediction);
                table.AddRow((h.Hop.Index + 1).ToString(inv), Markup.Escape(h.Hop.FromLabel), Markup.Escape(h.Hop.ToLabel),
                    h.Hop.Length.ToString("F3", inv), h.Hop.Multiplicity.ToString(inv), HopColumns.Bottleneck(h.Hop.Bottleneck),
                    h.Prediction.Mean.ToString("F3", inv), iv is { } v ? Markup.Escape(string.Create(inv, $"[{v.Lo:F2}, {v.Hi:F2}]")) : "–", h.Class,
                    HopColumns.Path(h.Hop.Bottleneck));
            }
            console.Write(table);
            HopColumns.WriteBlockedNote(r.Hops.Select(h => h.Hop), stdout);
            if (r.Hops.FirstOrDefault(h => h.Orderings is not null)?.Orderings is { } spread)
                stdout.WriteLine($"  barriers: mean over {spread.Count} orderings of the disordered sublattices; spread between orderings (1σ) up to {r.Hops.Max(h => h.Orderings?.StandardDeviation ?? 0).ToString("F3", inv)} eV, included in the interval");
            string P(double? e) => e is double x ? x.ToString("F3", inv) + " eV" : "none";
            stdout.WriteLine($"  lowest barrier {r.LowestBarrier.ToString("F3", inv)} eV; percolation 1D {P(r.Percolation.OneD)}, 2D {P(r.Percolation.TwoD)}, 3D {P(r.Percolation.ThreeD)}");
            stdout.WriteLine(r.Bvse.Percolation is { } bv
                ? $"  bond-valence landscape: percolation 1D {P(bv.OneD)}, 2D {P(bv.TwoD)}, 3D {P(bv.ThreeD)}"
                : $"  bond-valence landscape: not computed ({r.Bvse.Reason})");
            stdout.WriteLine($"  class: {r.Class} conductor (threshold {r.Threshold.ToString("0.###", inv)} eV: good when the hops classed good percolate, bad when the good and uncertain ones together do not)");
            stdout.WriteLine();
        }
    }
}
