using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Pretraining;

/// <summary>
/// The migration pretraining data: BVSE-labelled hops of many structures, cached on disk one file per structure
/// (<c>&lt;key&gt;.json</c>, the key a hash of the structure and the label settings), so that a second run, or one
/// that was stopped, only labels what is missing. Structures that cannot be labelled are cached too, with the reason,
/// and skipped. <c>labels.json</c> lists the set (settings, source data hashes, every structure's key and labels): the
/// pretrainer reads the set through it, and its hash pins the labels a backbone was trained on.
/// </summary>
internal static class MigrationLabelSet
{
    public const string ManifestFile = "labels.json";

    /// <summary>A structure to label: where it came from (for messages) and the structure.</summary>
    public sealed record Source(string Name, Structure Structure);

    /// <summary>What a run did.</summary>
    public sealed record Summary(int Structures, int Cached, int Labelled, int Skipped, int Hops, double Seconds);

    /// <summary>The hops of one structure as the pretrainer reads them; <see cref="Group"/> keeps a structure's hops on one side of a split.</summary>
    public sealed record Sample(string Group, LabelledHop Hop);

    /// <summary>The cache key of a structure under these settings.</summary>
    public static string Key(Structure structure, MigrationLabelOptions options)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(PretrainDataset.Fingerprint(structure) + "\n" + options.Key));
        return Convert.ToHexString(bytes, 0, 16).ToLowerInvariant();
    }

    /// <summary>The structures of the pretraining set that hold a mobile ion, in the order of their keys (a fixed pseudo-random order), at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<Source> Select(IEnumerable<Source> sources, MigrationLabelOptions options, int? max)
    {
        var withIon = sources.Where(s => s.Structure.Sites.Any(site => Elements.MobileIons.Contains(site.Element)))
            .Select(s => (Key: Key(s.Structure, options), s))
            .GroupBy(x => x.Key).Select(g => g.First())
            .OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => x.s);
        return (max is int n ? withIon.Take(n) : withIon).ToList();
    }

    /// <summary>
    /// Labels every source not yet in <paramref name="cacheDirectory"/> on <paramref name="threads"/> threads, then
    /// writes the manifest. <paramref name="log"/> receives a progress line every few structures and one line per
    /// structure skipped.
    /// </summary>
    public static Summary Build(IReadOnlyList<Source> sources, MigrationLabelOptions options, string cacheDirectory,
        IReadOnlyDictionary<string, string?> data, int threads, Action<string>? log = null)
    {
        options.Validate();
        Directory.CreateDirectory(cacheDirectory);
        var clock = Stopwatch.StartNew();
        var results = new JsonObject?[sources.Count];
        int done = 0, cached = 0, skipped = 0, hops = 0;
        Parallel.For(0, sources.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var (entry, fromCache) = LabelOrRead(sources[i], options, cacheDirectory, log);
            results[i] = entry;
            if (fromCache) Interlocked.Increment(ref cached);
            if (entry["skipped"] is not null) Interlocked.Increment(ref skipped);
            else Interlocked.Add(ref hops, entry["hops"]!.AsArray().Count);
            int n = Interlocked.Increment(ref done);
            if (n % 25 == 0 || n == sources.Count)
                log?.Invoke(FormattableString.Invariant(
                    $"labels: {n}/{sources.Count} structures ({cached} from the cache, {skipped} skipped), {hops} hops, {clock.Elapsed.TotalMinutes:F1} min"));
        });
        WriteManifest(cacheDirectory, options, data, results!);
        return new Summary(sources.Count, cached, sources.Count - cached, skipped, hops, clock.Elapsed.TotalSeconds);
    }

    private static (JsonObject Entry, bool FromCache) LabelOrRead(Source source, MigrationLabelOptions options, string dir, Action<string>? log)
    {
        var key = Key(source.Structure, options);
        var path = Path.Combine(dir, key + ".json");
        if (File.Exists(path))
        {
            try { return ((JsonObject)JsonNode.Parse(File.ReadAllText(path))!, true); }
            catch (JsonException) { /* a damaged cache file is labelled again */ }
        }
        var entry = new JsonObject { ["key"] = key, ["settings"] = options.Key, ["name"] = source.Name, ["formula"] = source.Structure.ReducedFormula };
        try
        {
            var labelled = HopLabeler.Label(source.Structure, options);
            entry["hops"] = new JsonArray(labelled.Select(h => (JsonNode)new JsonObject
            {
                ["hop"] = h.HopIndex + 1,
                ["length"] = h.Length,
                ["bvse_barrier"] = h.BvseBarrier,
                ["atoms"] = AtomsJson.Write(h.Band.ToStructure()),
            }).ToArray());
        }
        catch (Exception e) when (e is HopException or ArgumentException or InvalidOperationException or Landscape.LandscapeException)
        {
            entry["skipped"] = e.Message;
            log?.Invoke($"skip {source.Name} ({source.Structure.ReducedFormula}): {e.Message}");
        }
        File.WriteAllText(path + ".tmp", entry.ToJsonString());
        File.Move(path + ".tmp", path, true);
        return (entry, false);
    }

    private static void WriteManifest(string dir, MigrationLabelOptions options, IReadOnlyDictionary<string, string?> data, IReadOnlyList<JsonObject> entries)
    {
        var list = new JsonArray();
        foreach (var e in entries.Where(e => e["skipped"] is null))
            list.Add((JsonNode)new JsonObject
            {
                ["key"] = e["key"]!.GetValue<string>(),
                ["formula"] = e["formula"]?.GetValue<string>(),
                ["bvse_barriers"] = new JsonArray(e["hops"]!.AsArray().Select(h => (JsonNode)h!["bvse_barrier"]!.GetValue<double>()).ToArray()),
            });
        var manifest = new JsonObject
        {
            ["settings"] = options.Key,
            ["data"] = new JsonObject(data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["structures"] = entries.Count,
            ["skipped"] = entries.Count(e => e["skipped"] is not null),
            ["hops"] = list.Sum(e => e!["bvse_barriers"]!.AsArray().Count),
            ["entries"] = list,
        };
        var path = Path.Combine(dir, ManifestFile);
        File.WriteAllText(path + ".tmp", manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(path + ".tmp", path, true);
    }

    /// <summary>Every labelled hop of the set in <paramref name="directory"/> (through its manifest), grouped by structure.</summary>
    public static IReadOnlyList<Sample> Load(string directory)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath)) throw new StructureFormatException("no migration label set here (labels.json missing; run `barriernet migration-labels`)", directory);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var samples = new List<Sample>();
        foreach (var item in manifest["entries"]!.AsArray())
        {
            var key = item!["key"]!.GetValue<string>();
            var file = Path.Combine(directory, key + ".json");
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var h in doc.RootElement.GetProperty("hops").EnumerateArray())
                samples.Add(new Sample(key, new LabelledHop(h.GetProperty("hop").GetInt32() - 1, h.GetProperty("length").GetDouble(),
                    h.GetProperty("bvse_barrier").GetDouble(), Band.FromStructure(AtomsJson.Read(h.GetProperty("atoms"), key)))));
        }
        return samples;
    }
}
