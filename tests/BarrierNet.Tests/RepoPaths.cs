namespace BarrierNet.Tests;

/// <summary>Locates the repository (for datasets/examples) and the test fixtures from the test's working directory.</summary>
public static class RepoPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Examples => Path.Combine(RepoRoot, "datasets", "examples");
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "BarrierNet.Tests", "Fixtures");

    public static string Example(string name) => Path.Combine(Examples, name);
    public static string Fixture(params string[] parts) => Path.Combine(new[] { Fixtures }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BarrierNet.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find BarrierNet.sln above " + AppContext.BaseDirectory);
    }
}
