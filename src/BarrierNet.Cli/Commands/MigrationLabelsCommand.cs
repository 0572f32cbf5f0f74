using System.CommandLine;
using System.Globalization;
using BarrierNet.Core.Data;
using BarrierNet.Core.Pretraining;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// `barriernet migration-labels --out DIR [--data DIR] [--max-structures N] [--hops-per-structure 3] [--max-hop 5]
/// [--threads 1]`: labels the hops of the pretraining structures that hold a mobile ion with their BVSE barriers, for
/// `pretrain --task migration` (<see cref="MigrationLabelSet"/>). Cached per structure in --out: re-running skips
/// every structure already labelled or skipped.
/// </summary>
internal static class MigrationLabelsCommand
{
    public static Command Create()
    {
        var defaults = new MigrationLabelOptions();
        var data = new Option<string?>("--data") { Description = "folder with the seven pretraining files (default: <data root>/pretrain)" };
        var output = new Option<string>("--out") { Description = "label cache folder (one file per structure, and labels.json listing the set)", Required = true };
        var maxStructures = new Option<int?>("--max-structures") { Description = "label at most N of the structures with a mobile ion (a fixed pseudo-random choice: the first N by cache key)" };
        var perStructure = new Option<int>("--hops-per-structure") { Description = "shortest symmetry-distinct hops labelled per structure", DefaultValueFactory = _ => defaults.HopsPerStructure };
        var maxHop = new Option<double>("--max-hop") { Description = "longest ion–ion distance labelled as a hop, Å", DefaultValueFactory = _ => defaults.MaxHop };
        var maxAtoms = new Option<int>("--max-atoms") { Description = "skip structures whose primitive cell has more atoms", DefaultValueFactory = _ => defaults.MaxAtoms };
        var threads = new Option<int>("--threads") { Description = "structures labelled at once", DefaultValueFactory = _ => 1 };
        var cmd = new Command("migration-labels", "Label the hops of the pretraining structures with BVSE barriers along their minimum-energy paths (for pretrain --task migration); cached, a re-run only labels what is missing");
        foreach (var o in new Option[] { data, output, maxStructures, perStructure, maxHop, maxAtoms, threads }) cmd.Options.Add(o);
        cmd.SetAction(r => CliErrors.Guard(() =>
        {
            var options = new MigrationLabelOptions
            {
                HopsPerStructure = r.GetValue(perStructure), MaxHop = r.GetValue(maxHop), MaxAtoms = r.GetValue(maxAtoms),
            };
            options.Validate();
            if (r.GetValue(maxStructures) is < 1) throw new ArgumentException("--max-structures must be at least 1");
            var dir = r.GetValue(data) ?? DataPaths.Pretrain();
            Console.Error.WriteLine($"reading {dir}");
            var entries = PretrainDataset.Load(dir);
            var sources = MigrationLabelSet.Select(
                entries.Select((e, i) => new MigrationLabelSet.Source(FormattableString.Invariant($"{dir}#{i}"), e.Structure)), options, r.GetValue(maxStructures));
            Console.Error.WriteLine($"{sources.Count} structures with a mobile ion to label ({entries.Count} in the set)");
            var hashes = PretrainProperty.All.ToDictionary(p => p.File, p => (string?)ModelManifest.Sha256(Path.Combine(dir, p.File)));
            var summary = MigrationLabelSet.Build(sources, options, r.GetValue(output)!, hashes, r.GetValue(threads), Console.Error.WriteLine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Hops} hops of {summary.Structures - summary.Skipped} structures labelled ({summary.Cached} structures from the cache, {summary.Skipped} skipped) in {summary.Seconds:F0} s; set: {Path.Combine(r.GetValue(output)!, MigrationLabelSet.ManifestFile)}"));
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
