using System.Text.Json;
using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The JSON settings of every file the project writes for other programs or for itself (model.json, reports, logs):
/// indented, nulls left out, and NaN/∞ written as names rather than failing.
/// </summary>
public static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
