namespace BarrierNet.Model.Apps;

/// <summary>
/// Where the shipped models are: `models/heads/&lt;head&gt;` under the working directory, or under the folder the
/// executable runs from or any of its parents (so `dotnet run` from a checkout and a published copy both find them).
/// </summary>
public static class ModelPaths
{
    public const string DefaultHead = "band";

    public static string HeadDirectory(string head) => Find(Path.Combine("models", "heads", head))
        ?? throw new ArgumentException($"no shipped model for head '{head}' (looked for models/heads/{head} here and beside the executable); pass --model DIR");

    public static string? Find(string relative)
    {
        if (Directory.Exists(relative)) return Path.GetFullPath(relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
