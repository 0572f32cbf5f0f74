namespace BarrierNet.Model.Apps;

/// <summary>
/// Where the shipped models are: `models/heads/&lt;head&gt;` under the working directory, or under the folder the
/// executable runs from or any of its parents (so `dotnet run` from a checkout and a published copy both find them).
/// </summary>
public static class ModelPaths
{
    /// <summary>The head `predict` uses unless told otherwise.</summary>
    public const string DefaultHead = "band";

    /// <summary>The directory of a shipped head model.</summary>
    /// <param name="head">Head name, e.g. "band".</param>
    /// <returns>The full path of <c>models/heads/&lt;head&gt;</c>.</returns>
    /// <exception cref="ArgumentException">No such directory here or beside the executable.</exception>
    public static string HeadDirectory(string head) => Find(Path.Combine("models", "heads", head))
        ?? throw new ArgumentException($"no shipped model for head '{head}' (looked for models/heads/{head} here and beside the executable); pass --model DIR");

    /// <summary>A directory relative to the working directory, else to the executable's folder or one of its parents.</summary>
    /// <param name="relative">Relative directory path.</param>
    /// <returns>Its full path, or null when it exists in none of those places.</returns>
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
