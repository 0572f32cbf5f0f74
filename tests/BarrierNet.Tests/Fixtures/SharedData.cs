using BarrierNet.Core.Data;

namespace BarrierNet.Tests.Fixtures;

/// <summary>
/// The shared data folder the tests read real structures from (they are never copied into the repository; fixtures
/// store only numbers derived from them): $BARRIERNET_DATA, else ../shared/datasets beside the repository.
/// </summary>
public static class SharedData
{
    public static string Root => Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable)
        ?? Path.Combine(RepoPaths.RepoRoot, "..", "shared", "datasets");

    /// <summary>A file of the shared data folder, e.g. pretrain/fe.json.</summary>
    public static string File(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());
}
