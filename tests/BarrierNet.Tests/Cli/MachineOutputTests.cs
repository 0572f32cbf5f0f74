using System.Text.Json;
using BarrierNet.Cli.Commands;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Apps;
using Xunit;

namespace BarrierNet.Tests.Cli;

/// <summary>Outputs other programs read: every file accounted for, JSON numbers as numbers or null, LF only.</summary>
public class MachineOutputTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("barriernet-machine").FullName;
    private readonly string _model = LengthModel.Directory();
    public void Dispose() { try { Directory.Delete(_tmp, true); Directory.Delete(_model, true); } catch (IOException) { } }

    private static string Physics(string name) => RepoPaths.Fixture("physics", name);

    private (int Code, string Out, string Err) Predict(string format, params string[] files)
    {
        var o = new StringWriter(); var e = new StringWriter();
        var settings = new PredictCommand.Settings(new HopOptions(), "band", _model, 0.65, format);
        return (PredictCommand.Run(files, settings, o, e), o.ToString(), e.ToString());
    }

    private static void AssertNumbersOrNull(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) AssertNumbersOrNull(p.Value); break;
            case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) AssertNumbersOrNull(x); break;
            case JsonValueKind.String: Assert.DoesNotMatch(@"^(none|-?Infinity|NaN|-?[0-9.]+(e-?[0-9]+)?)$", e.GetString()!); break;
        }
    }

    [Fact]
    public void PredictJsonEveryFileGetsItsObjectOrOneErrorLineNumbersAreNumbersOrNull()
    {
        var (code, stdout, stderr) = Predict("json", Physics("POSCAR_Cs_bcc"), Physics("NaCl.cif"), RepoPaths.Example("LiFePO4.cif"), Physics("POSCAR_Li_through_O"));
        Assert.Equal(2, code);
        var err = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {Physics("POSCAR_Cs_bcc")}: the host has no atoms besides Cs", err);
        Assert.DoesNotContain("\r", stdout);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(3, root.GetArrayLength());
        AssertNumbersOrNull(root);
        // LiFePO4 percolates in 1D and 2D only: 3D is null, not "none".
        Assert.Equal(JsonValueKind.Null, root[1].GetProperty("percolation").GetProperty("3d").ValueKind);
        Assert.Equal(JsonValueKind.Number, root[1].GetProperty("percolation").GetProperty("1d").ValueKind);
        var blocked = root[2].GetProperty("hops").EnumerateArray().Where(h => h.GetProperty("path_blocked").GetBoolean()).ToList();
        Assert.NotEmpty(blocked);
        Assert.All(blocked, h => Assert.NotEqual("good", h.GetProperty("class").GetString()));
    }

    [Fact]
    public void HopsJsonHostWithoutAtomsHasANullBottleneck()
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = HopsCommand.Run(new[] { Physics("POSCAR_Cs_bcc") }, new HopsCommand.Settings(new HopOptions(MaxHop: 6), "json", null, null, 7), o, e);
        Assert.Equal(0, code);
        var hop = JsonDocument.Parse(o.ToString()).RootElement[0].GetProperty("hops")[0];
        Assert.Equal(JsonValueKind.Null, hop.GetProperty("bottleneck").ValueKind);
        Assert.False(hop.GetProperty("path_blocked").GetBoolean());
    }

    [Fact]
    public void PredictCsvEndsLinesWithLfAndFlagsBlockedPaths()
    {
        var (code, stdout, _) = Predict("csv", RepoPaths.Example("LiFePO4.cif"), Physics("POSCAR_Li_through_O"));
        Assert.Equal(0, code);
        Assert.DoesNotContain("\r", stdout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("file,formula,ion,from,to,length,multiplicity,bottleneck,barrier,interval_lo,interval_hi,uncertainty,class,index,path_blocked,ordering_sd", lines[0]);
        Assert.Contains(lines, l => l.EndsWith(",true,") && !l.Contains(",good,"));
    }

    [Fact]
    public void PoscarWithMoreCoordinateLinesThanCountsIsAnError()
    {
        var text = "x\n1.0\n4 0 0\n0 4 0\n0 0 4\nLi O\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n0.25 0.25 0.25\n";
        var e = Assert.Throws<StructureFormatException>(() => PoscarReader.Read(text));
        Assert.Equal(11, e.Line);
        Assert.Contains("more coordinate lines", e.Reason);
        // A velocity block after a blank line is still fine.
        Assert.Equal(2, PoscarReader.Read("x\n1.0\n4 0 0\n0 4 0\n0 0 4\nLi O\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n\n0 0 0\n0 0 0\n").Count);
    }

    [Fact]
    public void HopsWriteNebTwoFilesOfOneNameTwoFoldersASecondRunOverwritesNothing()
    {
        foreach (var d in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(_tmp, d));
            File.Copy(RepoPaths.Example("LiFePO4.cif"), Path.Combine(_tmp, d, "POSCAR.cif"));
        }
        string[] files = { Path.Combine(_tmp, "a", "POSCAR.cif"), Path.Combine(_tmp, "b", "POSCAR.cif") };
        var neb = Path.Combine(_tmp, "neb");
        var settings = new HopsCommand.Settings(new HopOptions(), "json", null, neb, 7);
        var e = new StringWriter();
        Assert.Equal(0, HopsCommand.Run(files, settings, new StringWriter(), e));
        Assert.Equal(new[] { "a_POSCAR", "b_POSCAR" }, Directory.GetDirectories(neb).Select(Path.GetFileName).Order());
        Assert.Equal(4, e.ToString().Split('\n').Count(l => l.StartsWith("wrote ")));
        var poscar = Path.Combine(neb, "a_POSCAR", "hop1", "03", "POSCAR");
        File.WriteAllText(poscar, "mine");
        var e2 = new StringWriter();
        Assert.Equal(2, HopsCommand.Run(files, settings, new StringWriter(), e2));
        Assert.Equal(4, e2.ToString().Split('\n').Count(l => l.StartsWith("error: ") && l.Contains("--overwrite")));
        Assert.Equal("mine", File.ReadAllText(poscar));
    }

    [Fact]
    public void SuggestLeavesOutTheBlockedHopWritesEachSuggestedHopToItsOwnFolder()
    {
        var predictor = new BarrierNet.Model.Apps.MaterialPredictor(new LengthModel(), new HopOptions());
        var neb = Path.Combine(_tmp, "next");
        var o = new StringWriter(); var e = new StringWriter();
        int code = SuggestCommand.Run(new[] { Physics("lgps.cif") }, predictor, 20, "ucb", neb, "json", o, e);
        Assert.True(code == 0, e.ToString());
        var root = JsonDocument.Parse(o.ToString()).RootElement;
        Assert.Equal(1, root.GetProperty("n_blocked_left_out").GetInt32());
        var picked = root.GetProperty("suggestions").EnumerateArray().Select(x => x.GetProperty("index").GetInt32()).ToList();
        Assert.DoesNotContain(14, picked); // the 4.80 Å hop whose path passes 0.39 Å from a host atom
        Assert.Equal(picked.Order().Select(i => $"hop{i}"), Directory.GetDirectories(Path.Combine(neb, "lgps")).Select(Path.GetFileName).Order(StringComparer.Ordinal).OrderBy(n => int.Parse(n![3..])));
    }
}
