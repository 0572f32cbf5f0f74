using System.Text.Json;
using System.Text.Json.Serialization;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The JSON settings of the files the project writes for other programs or for itself: reports and logs
/// (<see cref="Indented"/>) and model.json (<see cref="Options"/>, which also leaves out absent sections).
/// </summary>
internal static class ModelJson
{
    /// <summary>Indented, with NaN and ∞ written as names rather than failing (a metric of an empty set is NaN).</summary>
    public static JsonSerializerOptions Indented { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>model.json: as <see cref="Indented"/>, and null sections left out.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
