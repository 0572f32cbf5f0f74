namespace BarrierNet.Core.Data;

/// <summary>
/// Where the published data lives: `--data-root` if given, else $BARRIERNET_DATA, else ../shared/datasets
/// (relative to the working directory, which is the layout of a checkout beside the shared folder).
/// </summary>
internal static class DataPaths
{
    public const string EnvironmentVariable = "BARRIERNET_DATA";
    public const string DefaultRoot = "../shared/datasets";

    public static string Root(string? option = null) =>
        option ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? DefaultRoot;

    public static string BarrierTrain(string? root = null) => Path.Combine(Root(root), "em", "em-band-train.json");
    public static string Pretrain(string? root = null) => Path.Combine(Root(root), "pretrain");
}
