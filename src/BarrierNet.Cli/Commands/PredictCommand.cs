using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.IO;
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
    public sealed record Settings(HopOptions Hops, string Head, string? ModelDir, double Threshold, string Format);

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
        var cmd = new Command("predict", "Predict the migration barrier of every distinct hop of the mobile ion, and whether the material conducts.");
        cmd.Arguments.Add(files);
        foreach (var o in new Option[] { ion, head, model, maxHop, threshold, disorder, symprec, format }) cmd.Options.Add(o);
        cmd.SetAction(parseResult => CliErrors.Guard(() =>
        {
            var policy = DisorderPolicy.Parse(parseResult.GetValue(disorder));
            var settings = new Settings(new HopOptions(parseResult.GetValue(ion), parseResult.GetValue(maxHop), parseResult.GetValue(symprec), policy),
                parseResult.GetValue(head)!, parseResult.GetValue(model), parseResult.GetValue(threshold), parseResult.GetValue(format)!);
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
        var predictor = new MaterialPredictor(model, settings.Hops, settings.Threshold);

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

    private static double R(double v) => Math.Round(v, 4);
    private static JsonNode? N(double? v) => v is double x ? JsonValue.Create(R(x)) : JsonValue.Create("none");

    private static (double Lo, double Hi)? Interval(BarrierPrediction p) => p.Interval90;

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
                    ["length"] = R(h.Hop.Length),
                    ["multiplicity"] = h.Hop.Multiplicity,
                    ["barrier"] = R(h.Prediction.Mean),
                    ["interval"] = iv is { } v ? new JsonArray(R(v.Lo), R(v.Hi)) : null,
                    ["class"] = h.Class,
                    ["uncertainty"] = h.Prediction.Uncertainty is double u ? R(u) : null,
                    ["bottleneck"] = R(h.Hop.Bottleneck),
                    ["index"] = h.Hop.Index + 1,
                    ["image"] = new JsonArray(h.Hop.Image.A, h.Hop.Image.B, h.Hop.Image.C),
                });
            }
            var sg = r.Analysis.SpaceGroup;
            arr.Add(new JsonObject
            {
                ["file"] = r.Source,
                ["formula"] = r.Formula,
                ["ion"] = r.Analysis.Ion,
                ["spacegroup"] = new JsonObject { ["number"] = sg.Number, ["symbol"] = sg.Symbol, ["n_operations"] = sg.Operations.Count },
                ["n_ion_sites"] = r.Analysis.IonSites.Count,
                ["hops"] = hops,
                ["lowest_barrier"] = R(r.LowestBarrier),
                ["percolation"] = new JsonObject { ["1d"] = N(r.Percolation.OneD), ["2d"] = N(r.Percolation.TwoD), ["3d"] = N(r.Percolation.ThreeD) },
                ["class"] = r.Class,
                ["threshold"] = r.Threshold,
                ["disorder"] = new JsonArray(r.Analysis.Framework.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            });
        }
        stdout.WriteLine(arr.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static void WriteCsv(IReadOnlyList<MaterialReport> reports, TextWriter stdout)
    {
        using var csv = CsvWriter.Create(stdout, null, leaveOpen: true);
        csv.WriteHeader(new[] { "file", "formula", "ion", "from", "to", "length", "multiplicity", "bottleneck", "barrier", "interval_lo", "interval_hi", "uncertainty", "class" });
        foreach (var r in reports)
            foreach (var h in r.Hops)
            {
                var iv = Interval(h.Prediction);
                foreach (var f in new[] { r.Source, r.Formula, r.Analysis.Ion, h.Hop.FromLabel, h.Hop.ToLabel, Csv.Format(h.Hop.Length),
                    h.Hop.Multiplicity.ToString(CultureInfo.InvariantCulture), Csv.Format(h.Hop.Bottleneck), Csv.Format(h.Prediction.Mean),
                    Csv.Format(iv?.Lo), Csv.Format(iv?.Hi), Csv.Format(h.Prediction.Uncertainty), h.Class })
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
            stdout.WriteLine($"{r.Source}: {r.Formula}, ion {r.Analysis.Ion}, space group {group}, {r.Analysis.IonSites.Count} {r.Analysis.Ion} sites");
            foreach (var note in r.Analysis.Framework.Notes) stdout.WriteLine("  disorder: " + note);
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var col in new[] { "#", "from", "to", "length (Å)", "mult.", "bottleneck (Å)", "barrier (eV)", "90% interval", "class" }) table.AddColumn(col);
            foreach (var h in r.Hops)
            {
                var iv = Interval(h.Prediction);
                table.AddRow((h.Hop.Index + 1).ToString(inv), Markup.Escape(h.Hop.FromLabel), Markup.Escape(h.Hop.ToLabel),
                    h.Hop.Length.ToString("F3", inv), h.Hop.Multiplicity.ToString(inv), h.Hop.Bottleneck.ToString("F3", inv),
                    h.Prediction.Mean.ToString("F3", inv), iv is { } v ? Markup.Escape($"[{v.Lo:F2}, {v.Hi:F2}]") : "–", h.Class);
            }
            console.Write(table);
            string P(double? e) => e is double x ? x.ToString("F3", inv) + " eV" : "none";
            stdout.WriteLine($"  lowest barrier {r.LowestBarrier.ToString("F3", inv)} eV; percolation 1D {P(r.Percolation.OneD)}, 2D {P(r.Percolation.TwoD)}, 3D {P(r.Percolation.ThreeD)}");
            stdout.WriteLine($"  class: {r.Class} conductor (threshold {r.Threshold.ToString("0.###", inv)} eV on the lowest percolating barrier)");
            stdout.WriteLine();
        }
    }
}
