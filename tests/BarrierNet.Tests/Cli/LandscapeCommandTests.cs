using System.Text.Json;
using BarrierNet.Cli.Commands;
using BarrierNet.Core;
using BarrierNet.Core.IO;
using BarrierNet.Core.Landscape;
using Xunit;

namespace BarrierNet.Tests.Cli;

public class LandscapeCommandTests : IDisposable
{
    private readonly string _tmp = Path.Combine(Path.GetTempPath(), "barriernet-landscape-" + Guid.NewGuid().ToString("N"));

    public LandscapeCommandTests() { Directory.CreateDirectory(_tmp); }
    public void Dispose() { try { Directory.Delete(_tmp, true); } catch (IOException) { } }

    private static (int Code, string Stdout, string Stderr) Run(string[] files, LandscapeCommand.Settings settings)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = LandscapeCommand.Run(files, settings, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static LandscapeCommand.Settings Json(double resolution = 0.3, string? grid = null, string? ion = null) =>
        new(ion, resolution, LandscapeCommand.OutputFormat.Json, grid);

    [Fact]
    public void JsonHasPercolationSitesAndHopsPerFile()
    {
        var (code, stdout, stderr) = Run(new[] { RepoPaths.Example("LiFePO4.cif") }, Json());
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var o = JsonDocument.Parse(stdout).RootElement[0];
        Assert.Equal("Li", o.GetProperty("ion").GetString());
        var p = o.GetProperty("percolation");
        double oneD = p.GetProperty("1d").GetDouble(), threeD = p.GetProperty("3d").GetDouble();
        // Olivine conducts along b only: a low 1D barrier, 2D and 3D far higher.
        Assert.InRange(oneD, 0.2, 0.7);
        Assert.True(threeD > 2, $"3D {threeD}");
        Assert.True(o.GetProperty("sites").GetArrayLength() > 0);
        Assert.Equal(0, o.GetProperty("sites")[0].GetProperty("energy").GetDouble());
        Assert.Equal(JsonValueKind.Array, o.GetProperty("hops").ValueKind);
        Assert.Equal(5, o.GetProperty("oxidation_states").GetProperty("P").GetDouble());
    }

    [Fact]
    public void BadFilesAreOneLineEachAndTheRestGoesOn()
    {
        var noAnion = Path.Combine(_tmp, "metal.vasp");
        File.WriteAllText(noAnion, "Li metal\n1.0\n3.5 0 0\n0 3.5 0\n0 0 3.5\nLi\n2\nDirect\n0 0 0\n0.5 0.5 0.5\n");
        var (code, stdout, stderr) = Run(new[] { noAnion, RepoPaths.Example("Ge2Sb2Te5.cif"), RepoPaths.Example("LiFePO4.cif") }, Json(0.4));
        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error: {noAnion}: ", lines[0]);
        Assert.StartsWith($"error: {RepoPaths.Example("Ge2Sb2Te5.cif")}: structure contains no mobile ion", lines[1]);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public void CubeFileRoundTrips()
    {
        var (code, _, _) = Run(new[] { RepoPaths.Example("LiMn2O4.cif") }, Json(0.4, grid: _tmp));
        Assert.Equal(0, code);
        var path = Path.Combine(_tmp, "LiMn2O4_Li_bvse.cube");
        var read = CubeFile.Read(path);
        var s = StructureReader.Read(RepoPaths.Example("LiMn2O4.cif"));
        var grid = BvseLandscape.Compute(s, Elements.BySymbol("Li"), new BvseOptions(0.4));
        Assert.Equal((grid.Na, grid.Nb, grid.Nc), (read.Na, read.Nb, read.Nc));
        for (int a = 0; a < 3; a++)
            Assert.True((read.Lattice[a] - s.Lattice[a]).Norm < 1e-4, $"lattice vector {a}");
        for (int p = 0; p < grid.Count; p++)
            Assert.True(Math.Abs(read[p] - grid[p]) <= 1e-6 * Math.Max(1, Math.Abs(grid[p])), $"point {p}: {read[p]} vs {grid[p]}");
    }

    [Fact]
    public void AnIonTheHostLacksCanBeAsked()
    {
        // Mg in the olivine host: an insertion landscape, Mg2+ by default.
        var (code, stdout, _) = Run(new[] { RepoPaths.Example("LiFePO4.cif") }, Json(0.4, ion: "Mg"));
        Assert.Equal(0, code);
        var o = JsonDocument.Parse(stdout).RootElement[0];
        Assert.Equal(2, o.GetProperty("ion_charge").GetInt32());
    }
}
