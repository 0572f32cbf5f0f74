using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace BarrierNet.Tests.Cli;

/// <summary>
/// The documented install (docs/install.md): pack the tool with the shipped models, install it into a folder from
/// that package alone (no other package source, so it needs no network), and run it from an unrelated directory.
/// </summary>
public class ToolInstallTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("barriernet-tool").FullName;
    public void Dispose() { try { Directory.Delete(_tmp, true); } catch (IOException) { } }

    [Fact]
    public void PackedToolInstallsFromTheLocalPackageAndPredictsFromAnotherDirectory()
    {
        string dist = Path.Combine(_tmp, "dist"), noSource = Path.Combine(_tmp, "no-source"), tool = Path.Combine(_tmp, "tool"), work = Path.Combine(_tmp, "work");
        Directory.CreateDirectory(noSource);
        Directory.CreateDirectory(work);
        // Restore may use only the local package cache (an empty folder is the only source): the pack works offline.
        var pack = Run("dotnet", RepoPaths.RepoRoot, "pack", "src/BarrierNet.Cli", "-c", "Release", "-o", dist, "-nodeReuse:false", $"-p:RestoreSources={noSource}");
        Assert.True(pack.Code == 0, pack.Out + pack.Err);
        var config = Path.Combine(_tmp, "nuget.config");
        File.WriteAllText(config, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /><add key=\"local\" value=\"{dist}\" /></packageSources></configuration>\n");
        var install = Run("dotnet", _tmp, "tool", "install", "barriernet", "--tool-path", tool, "--configfile", config);
        Assert.True(install.Code == 0, install.Out + install.Err);

        File.Copy(RepoPaths.Example("LiFePO4.cif"), Path.Combine(work, "LiFePO4.cif"));
        string exe = Path.Combine(tool, "barriernet");
        var predict = Run(exe, work, "predict", "LiFePO4.cif", "--format", "json");
        Assert.True(predict.Code == 0, predict.Err);
        var hops = JsonDocument.Parse(predict.Out).RootElement[0].GetProperty("hops");
        Assert.Equal(2, hops.GetArrayLength());

        // evaluate finds the shipped model too: the only complaint is the missing data file.
        var evaluate = Run(exe, work, "evaluate", "--data", "missing.json");
        Assert.Equal(2, evaluate.Code);
        Assert.StartsWith("error: ", evaluate.Err);
        Assert.Contains("missing.json", evaluate.Err);
        Assert.DoesNotContain("shipped model", evaluate.Err);
    }

    private static (int Code, string Out, string Err) Run(string exe, string cwd, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("MSBUILDNOINPROCNODE");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(entireProcessTree: true); throw new TimeoutException($"{exe} {string.Join(' ', args)}"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
