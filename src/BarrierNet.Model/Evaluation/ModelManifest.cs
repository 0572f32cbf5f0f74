using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Networks;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// model.json, the one description of a model directory for every kind of model: what it is (<see cref="Kind"/>, which
/// the loader dispatches on), the full recipe it was trained with (every option, defaults spelled out, so the model does
/// not depend on what a later binary's defaults are), how it was made (<see cref="ModelProvenance"/>), the settings
/// each part needs to be rebuilt, and every file with its size and SHA-256. Sections a kind does not use are absent.
/// The interval calibration is a section of its own so that it can be refitted without touching the rest.
/// </summary>
internal sealed record ModelManifest
{
    public const string FileName = "model.json";
    /// <summary>Version of this layout; a model.json without it (or with another) was written before it and is refused.</summary>
    public const int CurrentFormatVersion = 2;

    [JsonPropertyName("format_version")] public int FormatVersion { get; init; } = CurrentFormatVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = "";
    /// <summary>The kind's recipe record (<c>HeadRecipe</c>, <c>PretrainRecipe</c>, <c>DescriptorBaselineOptions</c>), as written.</summary>
    [JsonPropertyName("recipe")] public JsonElement? Recipe { get; init; }
    [JsonPropertyName("provenance")] public ModelProvenance? Provenance { get; init; }
    /// <summary>Pretrained backbone: the network's shape.</summary>
    [JsonPropertyName("backbone")] public BackboneConfig? Backbone { get; init; }
    /// <summary>GNN head: backbone shape, head options, target shift and descriptor scaler.</summary>
    [JsonPropertyName("head")] public HeadConfig? Head { get; init; }
    /// <summary>Descriptor models (a baseline, or the ones a head blends with): their options, descriptor names and count.</summary>
    [JsonPropertyName("descriptor_models")] public DescriptorModelSet? DescriptorModels { get; init; }
    /// <summary>GNN head: the GNN/descriptor blend (absent for a GNN-only head).</summary>
    [JsonPropertyName("blend")] public TreeBlend? Blend { get; init; }
    /// <summary>GNN head: how the ensemble's uncertainty becomes a 90% interval (absent for a single member).</summary>
    [JsonPropertyName("calibration")] public IntervalCalibration? Calibration { get; init; }
    /// <summary>
    /// GNN head: intervals per barrier range and ion fitted by `calibrate --oof`; when present they replace
    /// <see cref="Calibration"/>'s single scale (absent until fitted, and dropped again by a single-scale refit).
    /// </summary>
    [JsonPropertyName("conditional_calibration")] public ConditionalCalibration? ConditionalCalibration { get; init; }
    /// <summary>
    /// GNN head: fingerprints of the training hosts, written by `calibrate --oof` with the calibration that tells
    /// familiar from novel hops (<see cref="TrainingHosts"/>); absent before.
    /// </summary>
    [JsonPropertyName("training_hosts")] public TrainingHosts? TrainingHosts { get; init; }
    [JsonPropertyName("files")] public IReadOnlyList<ModelFile> Files { get; init; } = Array.Empty<ModelFile>();

    /// <summary>The recipe section as the kind's record type.</summary>
    public T RecipeAs<T>(string directory) where T : class =>
        Recipe?.Deserialize<T>(ModelJson.Options) ?? throw new ArgumentException($"{Path.Combine(directory, FileName)}: no recipe");

    /// <summary>
    /// Writes model.json into <paramref name="directory"/> with the list of every other file below it (checkpoints of
    /// an unfinished run and the model card, which is edited without touching the model, excluded), each with its size
    /// and SHA-256.
    /// </summary>
    public void Write(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != FileName && f != CardFileName && !f.Split('/').Contains(CheckpointDirectory))
            .Order(StringComparer.Ordinal)
            .Select(f => new ModelFile(f, new FileInfo(Path.Combine(directory, f)).Length, Sha256(Path.Combine(directory, f))))
            .ToList();
        var json = JsonSerializer.Serialize(this with { FormatVersion = CurrentFormatVersion, Files = files }, ModelJson.Options);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".tmp", json + "\n");
        File.Move(path + ".tmp", path, true);
    }

    /// <summary>The model card (what the model is, its data, metrics and limits): documentation, not part of the model.</summary>
    public const string CardFileName = "README.md";

    /// <summary>Where an unfinished training run keeps what it needs to resume; never part of a model.</summary>
    public const string CheckpointDirectory = "checkpoint";

    /// <summary>
    /// Reads and checks model.json of <paramref name="directory"/>: the format version, the kind, and that every listed
    /// file is there with its recorded size (a cheap guard against a half-copied model).
    /// </summary>
    public static ModelManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new ArgumentException($"{path}: no model.json (not a model directory)");
        ModelManifest? m;
        try { m = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), ModelJson.Options); }
        catch (JsonException e) { throw new ArgumentException($"{path}: line {(e.LineNumber ?? 0) + 1}: not a valid model.json: {e.Message}"); }
        if (m is null || string.IsNullOrWhiteSpace(m.Kind)) throw new ArgumentException($"{path}: model.json has no 'kind'");
        if (m.FormatVersion != CurrentFormatVersion)
            throw new ArgumentException($"{path}: model format version {m.FormatVersion}, this BarrierNet reads version {CurrentFormatVersion}; retrain the model with its recorded command");
        foreach (var f in m.Files)
        {
            var file = Path.Combine(directory, f.Path);
            if (!File.Exists(file)) throw new ArgumentException($"{file}: missing (listed in {FileName})");
            if (new FileInfo(file).Length != f.Bytes) throw new ArgumentException($"{file}: {new FileInfo(file).Length} bytes, {FileName} lists {f.Bytes} (damaged or replaced)");
        }
        return m;
    }

    /// <summary>
    /// Is <paramref name="path"/> the directory <paramref name="directory"/> or inside it (full paths)? Commands that
    /// write a new model from an existing one use it to keep the source only read.
    /// </summary>
    public static bool IsSameOrInside(string path, string directory)
    {
        char sep = Path.DirectorySeparatorChar;
        string p = Path.GetFullPath(path).TrimEnd(sep), d = Path.GetFullPath(directory).TrimEnd(sep);
        return p == d || p.StartsWith(d + sep, StringComparison.Ordinal);
    }

    /// <summary>Copies a directory with everything below it; files already at the destination are an error unless
    /// <paramref name="overwrite"/>.</summary>
    public static void CopyDirectory(string from, string to, bool overwrite = false)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite);
    }

    /// <summary>data-hashes.json of a model directory (file name → SHA-256 of the data and weights it was made from);
    /// empty when the directory has none.</summary>
    public static IReadOnlyDictionary<string, string> DataHashes(string directory)
    {
        var path = Path.Combine(directory, "data-hashes.json");
        if (!File.Exists(path)) return new Dictionary<string, string>();
        try { return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? new Dictionary<string, string>(); }
        catch (JsonException e) { throw new ArgumentException($"{path}: not a valid data-hashes.json: {e.Message}"); }
    }

    public static string Sha256(string file)
    {
        using var s = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}

/// <summary>One file of a model directory: its path relative to the directory ('/'-separated), size and SHA-256.</summary>
internal sealed record ModelFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256);
