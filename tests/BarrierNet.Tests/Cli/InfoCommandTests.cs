using System.Text.Json;
using BarrierNet.Cli.Commands;
using Xunit;

namespace BarrierNet.Tests.Cli;

/// <summary>`barriernet info` run in-process with captured output.</summary>
public class InfoCommandTests
{
    private static (int Code, string Out, string Err) Run(string format, double? radius, params string[] files)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = InfoCommand.Run(files, format, radius, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void JsonHasTheInterfaceFieldsForEveryFile()
    {
        var files = new[] { RepoPaths.Example("LiFePO4.cif"), RepoPaths.Example("Ge2Sb2Te5.cif") };
        var (code, stdout, stderr) = Run("json", 5.0, files);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var arr = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, arr.Count);
        foreach (var key in new[] { "formula", "reduced_formula", "n_sites", "volume", "density", "n_symops", "neighbor_pairs" })
            Assert.All(arr, o => Assert.True(o.TryGetProperty(key, out _), key));
        Assert.Equal("Li4 Fe4 P4 O16", arr[0].GetProperty("formula").GetString());
        Assert.Equal("LiFePO4", arr[0].GetProperty("reduced_formula").GetString());
        Assert.Equal(28, arr[0].GetProperty("n_sites").GetInt32());
        Assert.Equal(8, arr[0].GetProperty("n_symops").GetInt32());
        Assert.Equal(1272, arr[0].GetProperty("neighbor_pairs").GetInt64()); // pymatgen: 1272 within 5 Å
        Assert.Equal(8, arr[1].GetProperty("n_sites").GetInt32());
        Assert.Equal(192, arr[1].GetProperty("n_symops").GetInt32());
        Assert.Contains("Ge 0.4 + Sb 0.4", arr[1].GetProperty("occupancy_warnings")[0].GetString());
    }

    [Fact]
    public void NeighborPairsIsNullWithoutTheOption()
    {
        var (code, stdout, _) = Run("json", null, RepoPaths.Example("LiMn2O4.cif"));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Null, doc.RootElement[0].GetProperty("neighbor_pairs").ValueKind);
    }

    [Fact]
    public void TableShowsFormulaCellAndWarnings()
    {
        var (code, stdout, _) = Run("table", 3.0, RepoPaths.Example("Ge2Sb2Te5.cif"));
        Assert.Equal(0, code);
        Assert.Contains("Ge1.6 Sb1.6 Te4", stdout);
        Assert.Contains("6.0310, 6.0310, 6.0310", stdout);
        Assert.Contains("partial occupancy at 4 positions", stdout);
        Assert.Contains("192", stdout);
    }

    [Fact]
    public void EveryMalformedFileGivesOneErrorLineAndTheGoodFileIsStillReported()
    {
        var bad = Directory.GetFiles(RepoPaths.Fixture("malformed"), "*.cif").OrderBy(f => f).ToArray();
        Assert.True(bad.Length >= 15);
        var files = bad.Prepend(RepoPaths.Example("LiFePO4.cif")).Append(Path.Combine(RepoPaths.Fixtures, "does-not-exist.cif")).ToArray();
        var (code, stdout, stderr) = Run("json", null, files);
        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(bad.Length + 1, lines.Length);
        for (int i = 0; i < bad.Length; i++) Assert.StartsWith("error: " + bad[i] + ": ", lines[i]);
        Assert.Contains("does-not-exist.cif: file not found", lines[^1]);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.Contains(lines, l => l.Contains("occupancy-sum-above-one.cif: line 14: sites Li1, Na1 share one position"));
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("Li4 Fe4 P4 O16", doc.RootElement.EnumerateArray().Single().GetProperty("formula").GetString());
    }

    [Fact]
    public void UnknownExtensionAndBadRadiusAreBadInput()
    {
        var (code, _, err) = Run("table", null, "structure.xyz");
        Assert.Equal(2, code);
        Assert.Contains("error: structure.xyz: unknown structure format", err);
        var (code2, _, err2) = Run("table", -1, RepoPaths.Example("LiFePO4.cif"));
        Assert.Equal(2, code2);
        Assert.Contains("--neighbors", err2);
    }

    [Fact]
    public void CommandIsRegisteredAndParsesItsOptions()
    {
        var info = CommandRegistry.All().Single(c => c.Name == "info");
        Assert.Contains(info.Options, o => o.Name == "--format");
        Assert.Contains(info.Options, o => o.Name == "--neighbors");
    }
}
