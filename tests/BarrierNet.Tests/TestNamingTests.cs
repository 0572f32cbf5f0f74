using System.Reflection;
using Xunit;

namespace BarrierNet.Tests;

/// <summary>The suite's own conventions: a test is named as one PascalCase sentence, and lives in the folder of the code it tests.</summary>
public class TestNamingTests
{
    [Fact]
    public void EveryTestIsNamedAsOnePascalCaseSentence()
    {
        var bad = typeof(TestNamingTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null && (m.Name.Contains('_') || !char.IsUpper(m.Name[0])))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.Empty(bad);
    }

    [Fact]
    public void EveryTestFolderMirrorsAFolderOfTheCodeItTests()
    {
        var src = Path.Combine(RepoPaths.RepoRoot, "src");
        var codeFolders = Directory.GetDirectories(src).SelectMany(Directory.GetDirectories).Select(Path.GetFileName)
            .Where(n => n is not ("bin" or "obj")).ToHashSet();
        codeFolders.Add("Cli"); // the command-line project, tested through its commands
        codeFolders.Add("Fixtures"); // shared test data and helpers
        var tests = Path.Combine(RepoPaths.RepoRoot, "tests", "BarrierNet.Tests");
        var stray = Directory.GetDirectories(tests).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj") && !codeFolders.Contains(n)).ToList();
        Assert.Empty(stray);
    }
}
