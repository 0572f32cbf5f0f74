using System.Text.Json.Nodes;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// Numbers in the JSON outputs: rounded to 4 decimals, and null where there is no finite value (no percolation,
/// no host atom near a path), never a string or Infinity, so every JSON reader takes them.
/// </summary>
internal static class JsonNumbers
{
    public static JsonNode? Value(double? v, int decimals = 4) =>
        v is double x && double.IsFinite(x) ? JsonValue.Create(Math.Round(x, decimals)) : null;
}
