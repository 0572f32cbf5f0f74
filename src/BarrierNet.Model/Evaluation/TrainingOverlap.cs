using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Which entries of a barrier file a model has already seen in training, so that `evaluate` does not pass off a
/// fit to its own training data as accuracy. The model directory keeps the SHA-256 of its training file
/// (model.json's provenance): the evaluated file is that file when the hashes agree; otherwise, when the training
/// file is found (the data folder, or the path model.json names) with the same hash, entries are matched one by one by
/// their atoms (elements, fractional coordinates to 10⁻⁴, lattice to 10⁻³ Å), whatever their names or barriers.
/// </summary>
internal sealed record TrainingOverlap(bool[]? Seen, string Basis)
{
    /// <summary>How many entries were in the training data; null when it could not be told.</summary>
    public int? SeenCount => Seen?.Count(x => x);

    public static TrainingOverlap Find(string modelDir, string dataFile, IReadOnlyList<BarrierEntry> entries)
    {
        var manifest = ModelManifest.Read(modelDir);
        var trainingFiles = (manifest.Provenance?.Data ?? new Dictionary<string, string?>())
            .Where(kv => kv.Value is not null && kv.Key.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        var hashes = trainingFiles.ToDictionary(kv => Path.GetFileName(kv.Key), kv => kv.Value, StringComparer.Ordinal);
        if (hashes.Count == 0) return new TrainingOverlap(null, "the model keeps no hash of its training data");

        string own = ModelManifest.Sha256(dataFile);
        if (hashes.FirstOrDefault(kv => kv.Value == own) is { Key: not null } same)
            return new TrainingOverlap(Enumerable.Repeat(true, entries.Count).ToArray(), $"this file is the model's training file {same.Key} (same SHA-256)");

        foreach (var (name, hash) in hashes)
            foreach (var candidate in Candidates(name, trainingFiles.Keys.FirstOrDefault(k => Path.GetFileName(k) == name), modelDir))
            {
                if (!File.Exists(candidate) || ModelManifest.Sha256(candidate) != hash) continue;
                var trained = BarrierDataset.Load(candidate).Select(Fingerprint).ToHashSet(StringComparer.Ordinal);
                return new TrainingOverlap(entries.Select(e => trained.Contains(Fingerprint(e))).ToArray(),
                    $"entries matched by their atoms to the training file {candidate} (SHA-256 checked)");
            }
        return new TrainingOverlap(null, $"the training file ({string.Join(", ", hashes.Keys)}) is not at hand with the hash the model keeps");
    }

    private static IEnumerable<string> Candidates(string name, string? dataFile, string modelDir)
    {
        yield return Path.Combine(DataPaths.Root(), "em", name);
        yield return Path.Combine(DataPaths.Root(), name);
        if (dataFile is null) yield break;
        yield return dataFile;
        // model.json's path is relative to the directory the model was trained from, a repository root above models/.
        for (var dir = new DirectoryInfo(Path.GetFullPath(modelDir)); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, dataFile);
    }

    /// <summary>The atoms of an entry (band, or both endpoints), rounded so that a re-written copy matches.</summary>
    public static string Fingerprint(BarrierEntry e)
    {
        var sb = new StringBuilder();
        foreach (var s in e.Band is { } band ? new[] { band.ToStructure() } : new[] { e.Initial, e.Final }) Append(sb, s);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static void Append(StringBuilder sb, Structure s)
    {
        var inv = CultureInfo.InvariantCulture;
        for (int i = 0; i < 3; i++) sb.Append(inv, $"{s.Lattice[i].X:F3} {s.Lattice[i].Y:F3} {s.Lattice[i].Z:F3};");
        foreach (var site in s.Sites)
        {
            var f = site.Frac - site.Frac.Round(); // wrapped into [−½, ½]: the same point whichever cell a writer put it in
            sb.Append(inv, $"{site.Element} {R(f.X)} {R(f.Y)} {R(f.Z)};");
        }
    }

    private static string R(double v)
    {
        var x = Math.Round(v, 4);
        if (Math.Abs(Math.Abs(x) - 0.5) < 1e-9) x = 0.5; // −½ and ½ are one position
        return (x == 0 ? 0 : x).ToString("F4", CultureInfo.InvariantCulture);
    }
}
