using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// model.json of a model directory: what kind of model it holds (the loader dispatches on <see cref="Kind"/>), its
/// settings, and how it was made (data file, its SHA-256, number of training barriers, the command line), so that a
/// shipped model can be reproduced and checked.
/// </summary>
internal sealed record ModelManifest
{
    public const string FileName = "model.json";

    [JsonPropertyName("kind")] public string Kind { get; init; } = "";
    [JsonPropertyName("created_utc")] public string? CreatedUtc { get; init; }
    [JsonPropertyName("command")] public string? Command { get; init; }
    [JsonPropertyName("data_file")] public string? DataFile { get; init; }
    [JsonPropertyName("data_sha256")] public string? DataSha256 { get; init; }
    [JsonPropertyName("n_train")] public int? NTrain { get; init; }
    [JsonPropertyName("options")] public JsonElement? Options { get; init; }
    [JsonPropertyName("descriptor_names")] public List<string>? DescriptorNames { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    public static ModelManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new ArgumentException($"{path}: no model.json (not a model directory)");
        ModelManifest? m;
        try { m = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new ArgumentException($"{path}: line {(e.LineNumber ?? 0) + 1}: not a valid model.json: {e.Message}"); }
        if (m is null || string.IsNullOrWhiteSpace(m.Kind)) throw new ArgumentException($"{path}: model.json has no 'kind'");
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

    public static string Sha256(string file)
    {
        using var s = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
