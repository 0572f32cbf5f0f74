using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// How a model was made: the command that reproduces it (every recipe option written out), when, by which code
/// (the commit the binary was built from), and the SHA-256 of every data file and input model it read.
/// </summary>
internal sealed record ModelProvenance
{
    /// <summary>The command with every recipe option explicit: running it again rebuilds the model.</summary>
    [JsonPropertyName("command")] public string Command { get; init; } = "";
    [JsonPropertyName("created_utc")] public string? CreatedUtc { get; init; }
    /// <summary>Git commit of the code that wrote the model (null when the binary was not built from a repository).</summary>
    [JsonPropertyName("code_commit")] public string? CodeCommit { get; init; }
    /// <summary>Training data: file name as given → SHA-256.</summary>
    [JsonPropertyName("data")] public IReadOnlyDictionary<string, string?> Data { get; init; } = new Dictionary<string, string?>();
    /// <summary>Barriers (or structures) trained on.</summary>
    [JsonPropertyName("n_train")] public int? NTrain { get; init; }
    /// <summary>Files of other models the run started from (e.g. the pretrained backbone's weights) → SHA-256.</summary>
    [JsonPropertyName("inputs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Inputs { get; init; }
    [JsonPropertyName("notes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Notes { get; init; }
    /// <summary>
    /// Commands that changed the model after <see cref="Command"/> made it (e.g. `calibrate --oof … --in-place`), in the
    /// order they ran: with them the model is reproduced step by step. Absent when there were none.
    /// </summary>
    [JsonPropertyName("steps"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProvenanceStep>? Steps { get; init; }

    /// <summary>This provenance with <paramref name="step"/> appended to <see cref="Steps"/>.</summary>
    public ModelProvenance WithStep(ProvenanceStep step) => this with { Steps = (Steps ?? Array.Empty<ProvenanceStep>()).Append(step).ToList() };

    /// <summary>Provenance of a model made now by this binary.</summary>
    public static ModelProvenance Now(string command, IReadOnlyDictionary<string, string?> data, int? nTrain) => new()
    {
        Command = command,
        CreatedUtc = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
        CodeCommit = BuildCommit(),
        Data = data,
        NTrain = nTrain,
    };

    /// <summary>The commit the SDK stamped into the assembly's informational version ("1.0.0+&lt;sha&gt;").</summary>
    public static string? BuildCommit()
    {
        var v = typeof(ModelProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        int plus = v?.IndexOf('+') ?? -1;
        return plus >= 0 ? v![(plus + 1)..] : null;
    }
}

/// <summary>One command run on an existing model: what it was, when, by which code, and the SHA-256 of the files it read.</summary>
internal sealed record ProvenanceStep(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("created_utc")] string CreatedUtc,
    [property: JsonPropertyName("code_commit")] string? CodeCommit,
    [property: JsonPropertyName("inputs")] IReadOnlyDictionary<string, string> Inputs)
{
    /// <summary>A step run now by this binary.</summary>
    public static ProvenanceStep Now(string command, IReadOnlyDictionary<string, string> inputs) =>
        new(command, DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture), ModelProvenance.BuildCommit(), inputs);
}
