using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet suggest INPUT... --budget K [--strategy ucb|uncertainty|threshold] [--write-neb DIR]`: ranks the hops
/// of structures (or of a dump) for the next DFT-NEB calculations. The ranking is <see cref="HopSuggester"/>.
/// </summary>
internal static class SuggestCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Arity = ArgumentArity.OneOrMore, Description = "Structure files, or a Materials Project dump (.jsonl, or a .json array) or a directory of structures" };
        var budget = new Option<int>("--budget") { Description = "Number of hops to suggest", DefaultValueFactory = _ => 10 };
        var strategy = new Option<string>("--strategy") { Description = "ucb (promising conductors), uncertainty (largest spread) or threshold (class undecided)", DefaultValueFactory = _ => "ucb" };
        strategy.AcceptOnlyFromAmong(HopSuggester.Strategies.ToArray());
        var ion = new Option<string?>("--ion") { Description = "Migrating element (default: the one mobile ion present)" };
        var head = new Option<string>("--head") { Description = "Barrier head (default band)", DefaultValueFactory = _ => ModelPaths.DefaultHead };
        var model = new Option<string?>("--model") { Description = "Model directory (default: the shipped models/heads/<head>); must give uncertainties" };
        var maxHop = new Option<double>("--max-hop") { Description = "Longest ion–ion distance considered as a hop, Å", DefaultValueFactory = _ => 5.0 };
        var threshold = new Option<double>("--threshold") { Description = "Good/bad threshold, eV", DefaultValueFactory = _ => BarrierClass.DefaultThreshold };
        var writeNeb = new Option<string?>("--write-neb") { Description = "Write VASP NEB inputs for each suggested hop: DIR/<structure>/hop<#>/00…06/POSCAR (endpoints + 5 straight-line images)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace NEB inputs already in --write-neb's folder (default: error, nothing replaced)" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var cmd = new Command("suggest", "Rank hops for the next DFT-NEB calculations (active learning).\n\n" +
            "Columns: rank = position in this batch; file = the structure (file or material_id); # = the hop's number in predict's and hops' lists; " +
            "from/to, length (Å) as in predict; barrier (eV) = the predicted barrier; σ (eV) = the standard deviation whose Gaussian 90% interval is the " +
            "interval predict shows (its upper half-width / 1.645); score = what the hops are ranked by, largest first: " +
            "ucb 1.645σ − barrier (hops that may well be good conductors: the lower end of the interval, negated), " +
            "uncertainty σ (hops the model knows least), threshold 1 / (1 + |barrier − threshold| / σ) (hops whose class is least decided). " +
            "At most one hop per structure in each round, so a batch is not K hops of one material. " +
            "Hops whose straight path runs through a host atom (bottleneck under 1 Å) are left out: no NEB can start there. " +
            "A disordered structure's hops are scored as predict scores them, on --orderings orderings of its partial sublattices: " +
            "barrier is their mean and σ includes their spread (docs/disorder.md); NEB inputs are written for the deterministic ordering.");
        cmd.Arguments.Add(inputs);
        var sites = HopsCommand.SiteOption();
        var orderings = new OrderingOptions();
        foreach (var o in new Option[] { budget, strategy, ion, head, model, maxHop, threshold, writeNeb, overwrite, format, sites }.Concat(orderings.All)) cmd.Options.Add(o);
        cmd.SetAction(parseResult => CliErrors.Guard(() =>
        {
            if (!double.IsFinite(parseResult.GetValue(maxHop)) || !(parseResult.GetValue(maxHop) is > 0 and <= 20)) throw new ArgumentException("--max-hop must be a distance in Å between 0 and 20");
            if (!double.IsFinite(parseResult.GetValue(threshold))) throw new ArgumentException("--threshold must be a number of eV");
            var modelDir = parseResult.GetValue(model) ?? ModelPaths.HeadDirectory(parseResult.GetValue(head)!);
            var predictor = new MaterialPredictor(BarrierModelLoader.Load(modelDir), new HopOptions(parseResult.GetValue(ion), parseResult.GetValue(maxHop), Sites: parseResult.GetValue(sites)), parseResult.GetValue(threshold), landscapeResolution: 0, orderings: orderings.Read(parseResult));
            return Run(parseResult.GetValue(inputs)!, predictor, parseResult.GetValue(budget), parseResult.GetValue(strategy)!,
                parseResult.GetValue(writeNeb), parseResult.GetValue(format)!, Console.Out, Console.Error, parseResult.GetValue(overwrite));
        }));
        return cmd;
    }

    public static int Run(IReadOnlyList<string> inputs, MaterialPredictor predictor, int budget, string strategy, string? nebDir, string format, TextWriter stdout, TextWriter stderr, bool overwrite = false)
    {
        if (budget < 1) { stderr.WriteLine("error: --budget must be at least 1"); return CliErrors.BadInput; }
        bool failed = false;
        var structures = new List<(Structure, string)>();
        foreach (var input in inputs)
        {
            try
            {
                if (IsDump(input))
                {
                    using var source = new MaterialSource(input);
                    foreach (var doc in source.Documents())
                    {
                        if (doc.Structure is not null) structures.Add((doc.Structure, doc.MaterialId ?? $"{input}#{doc.Line}"));
                        else { stderr.WriteLine($"error: {input}: line {doc.Line}: {doc.Error}"); failed = true; }
                    }
                }
                else structures.Add((StructureReader.Read(input), input));
            }
            catch (StructureFormatException e) { stderr.WriteLine("error: " + (e.File is null ? e.WithFile(input) : e).OneLine); failed = true; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { stderr.WriteLine($"error: {input}: {e.Message}"); failed = true; }
        }
        var folders = HopFiles.UniqueNames(structures.Select(s => s.Item2).ToList());
        var folderOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < structures.Count; i++) folderOf.TryAdd(structures[i].Item2, folders[i]);
        int blocked = 0;

        // Scored like predict scores them: a disordered structure's hops on --orderings orderings, their spread in σ.
        var candidates = new List<HopCandidate>();
        var reports = predictor.PredictMany(structures);
        for (int i = 0; i < structures.Count; i++)
        {
            var name = structures[i].Item2;
            if (reports[i] is not { Report: { } report })
            {
                stderr.WriteLine($"error: {name}: {reports[i].Error}");
                failed = true;
                continue;
            }
            try
            {
                var perStructure = new List<HopCandidate>();
                foreach (var h in report.Hops.OrderBy(x => x.Hop.Index))
                {
                    if (HopSuggester.Sigma(h.Prediction) is not double sigma)
                        throw new ArgumentException("the model gives no uncertainty; suggest needs an ensemble model (e.g. models/heads/band)");
                    // A path through a host atom is no NEB anyone can run, and its low straight-line barrier is no promise.
                    if (h.PathBlocked) { blocked++; continue; }
                    var entry = MaterialPredictor.BandEntry(report.Analysis.Band(report.Analysis.Hops[h.Hop.Index]).WithName($"{name}_hop{h.Hop.Index + 1}"));
                    perStructure.Add(new HopCandidate(name, h.Hop.FromLabel, h.Hop.ToLabel, h.Hop.Length, entry, h.Prediction.Mean, sigma) { Index = h.Hop.Index });
                }
                candidates.AddRange(perStructure);
            }
            catch (Exception e) when (e is HopException or ArgumentException or InvalidOperationException) { stderr.WriteLine($"error: {name}: {e.Message}"); failed = true; }
        }

        var chosen = HopSuggester.Suggest(candidates, budget, strategy, predictor.Threshold);
        if (nebDir is not null)
            foreach (var s in chosen)
            {
                try
                {
                    var dir = HopFiles.WriteNeb(nebDir, folderOf[s.Candidate.File], s.Candidate.Index + 1, s.Candidate.Entry.Band!, new HopFiles.Options(overwrite));
                    stderr.WriteLine($"wrote {s.Candidate.File} hop {s.Candidate.Index + 1} NEB inputs to {dir}/00…06");
                }
                catch (Exception e) when (e is HopException or IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"error: {s.Candidate.File}: {e.Message}");
                    failed = true;
                }
            }

        if (format == "json")
        {
            var arr = new JsonArray();
            foreach (var s in chosen)
                arr.Add(new JsonObject
                {
                    ["file"] = s.Candidate.File, ["index"] = s.Candidate.Index + 1, ["from"] = s.Candidate.From, ["to"] = s.Candidate.To,
                    ["length"] = Math.Round(s.Candidate.Length, 4), ["barrier"] = Math.Round(s.Candidate.Barrier, 4),
                    ["uncertainty"] = Math.Round(s.Candidate.Uncertainty, 4), ["score"] = Math.Round(s.Score, 4),
                    ["band"] = s.Candidate.Entry.SysName,
                });
            stdout.WriteLine(new JsonObject { ["strategy"] = strategy, ["n_candidates"] = candidates.Count, ["n_blocked_left_out"] = blocked, ["suggestions"] = arr }
                .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        else
        {
            var console = PlainConsole.For(stdout);
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var c in new[] { "rank", "file", "#", "from", "to", "length (Å)", "barrier (eV)", "σ (eV)", "score" }) table.AddColumn(c);
            var inv = CultureInfo.InvariantCulture;
            int rank = 0;
            foreach (var s in chosen)
                table.AddRow((++rank).ToString(inv), Markup.Escape(s.Candidate.File), (s.Candidate.Index + 1).ToString(inv), Markup.Escape(s.Candidate.From), Markup.Escape(s.Candidate.To),
                    s.Candidate.Length.ToString("F3", inv), s.Candidate.Barrier.ToString("F3", inv), s.Candidate.Uncertainty.ToString("F3", inv), s.Score.ToString("F3", inv));
            stdout.WriteLine($"{chosen.Count} of {candidates.Count} hops suggested by '{strategy}' from {structures.Count} structures"
                + (blocked > 0 ? $" ({blocked} hops whose straight path runs through a host atom left out)" : ""));
            console.Write(table);
        }
        return failed ? CliErrors.BadInput : CliErrors.Ok;
    }

    private static bool IsDump(string input)
    {
        if (Directory.Exists(input)) return true;
        var ext = Path.GetExtension(input).ToLowerInvariant();
        if (ext == ".jsonl") return true;
        if (ext != ".json" || !File.Exists(input)) return false;
        using var r = new StreamReader(input);
        int c;
        while ((c = r.Read()) >= 0 && char.IsWhiteSpace((char)c)) { }
        return c == '[';
    }
}
