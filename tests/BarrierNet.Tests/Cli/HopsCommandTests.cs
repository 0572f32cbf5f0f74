using System.Text.Json;
using BarrierNet.Cli.Commands;
using BarrierNet.Core.Data;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Tests.Migration;
using Xunit;

namespace BarrierNet.Tests.Cli;

public class HopsCommandTests : IDisposable
{
    private readonly string _tmp = Path.Combine(Path.GetTempPath(), "barriernet-hops-" + Guid.NewGuid().ToString("N"));

    public HopsCommandTests() { Directory.CreateDirectory(_tmp); }
    public void Dispose() { try { Directory.Delete(_tmp, true); } catch (IOException) { } }

    private static string Example(string name) => Path.Combine(HopFixtures.RepoRoot, "datasets", "examples", name);

    private static HopsCommand.Settings Settings(string format = "json", string? ion = null, string? band = null, string? neb = null) =>
        new(new HopOptions(ion), format, band, neb, BandSupercell.DefaultMinimumWidth);

    private static (int Code, string Out, string Err) Run(IReadOnlyList<string> files, HopsCommand.Settings s)
    {
        var o = new StringWriter(); var e = new StringWriter();
        int code = HopsCommand.Run(files, s, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Json_HasTheInterfaceFields_AndOracleValues()
    {
        var (code, stdout, stderr) = Run(new[] { Example("LiFePO4.cif") }, Settings());
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(1, root.GetArrayLength());
        var r = root[0];
        Assert.Equal("Li", r.GetProperty("ion").GetString());
        Assert.Equal(8, r.GetProperty("spacegroup").GetProperty("n_operations").GetInt32());
        Assert.Equal(4, r.GetProperty("n_ion_sites").GetInt32());
        var hops = r.GetProperty("hops").EnumerateArray().ToList();
        foreach (var h in hops)
            foreach (var key in new[] { "from", "to", "length", "multiplicity", "bottleneck" })
                Assert.True(h.TryGetProperty(key, out _), "missing " + key);
        var oracle = HopFixtures.Load("cif-LiFePO4").Hops;
        Assert.Equal(oracle.Count, hops.Count);
        for (int i = 0; i < hops.Count; i++)
        {
            Assert.Equal(oracle[i].Length, hops[i].GetProperty("length").GetDouble(), 2);
            Assert.Equal(oracle[i].Multiplicity, hops[i].GetProperty("multiplicity").GetInt32());
        }
    }

    [Fact]
    public void BadFiles_OneLineErrors_OtherFilesContinue_Exit2()
    {
        var missing = Path.Combine(_tmp, "nope.cif");
        var (code, stdout, stderr) = Run(new[] { missing, Example("Ge2Sb2Te5.cif"), Example("LiFePO4.cif") }, Settings());
        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error: {missing}: ", lines[0]);
        Assert.StartsWith($"error: {Example("Ge2Sb2Te5.cif")}: structure contains no mobile ion", lines[1]);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public void RequestedIonAbsent_ClearError()
    {
        var (code, _, stderr) = Run(new[] { Example("LiFePO4.cif") }, Settings(ion: "Mg"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {Example("LiFePO4.cif")}: structure contains no Mg", stderr.Trim());
    }

    [Fact]
    public void Table_ListsHops()
    {
        var (code, stdout, _) = Run(new[] { Example("LiFePO4.cif") }, Settings(format: "table"));
        Assert.Equal(0, code);
        Assert.Contains("ion Li", stdout);
        Assert.Contains("3.033", stdout);
        Assert.Contains("4.745", stdout);
    }

    [Fact]
    public void WriteBandAndNeb_ReadBackAsDatasetCifAndPoscar()
    {
        var bands = Path.Combine(_tmp, "bands");
        var neb = Path.Combine(_tmp, "neb");
        var (code, _, stderr) = Run(new[] { Example("LiFePO4.cif") }, Settings(band: bands, neb: neb));
        Assert.True(code == 0, stderr);
        var a = HopAnalysis.Analyze(StructureReader.Read(Example("LiFePO4.cif")));
        foreach (var hop in a.Hops)
        {
            var band = a.Band(hop);
            string name = $"LiFePO4_hop{hop.Index + 1}";
            var entry = Assert.Single(BarrierDataset.Load(Path.Combine(bands, "LiFePO4", $"hop{hop.Index + 1}.json")));
            Assert.Equal(name, entry.SysName);
            Assert.Null(entry.Target);
            Assert.Equal(band.AtomCount, entry.Band!.AtomCount);
            Assert.Equal(hop.Length, (entry.Band.ImageCartesian(4) - entry.Band.ImageCartesian(0)).Norm, 6);
            var cif = StructureReader.Read(Path.Combine(bands, "LiFePO4", $"hop{hop.Index + 1}.cif"));
            Assert.Equal(band.AtomCount, cif.Count);

            var images = Enumerable.Range(0, 7).Select(k => StructureReader.Read(Path.Combine(neb, "LiFePO4", $"hop{hop.Index + 1}", k.ToString("00"), "POSCAR"))).ToList();
            Assert.All(images, im => Assert.Equal(band.Host.Count + 1, im.Count));
            // The moving ion is the first atom of every image and moves in 6 equal steps from image 0 to image 4 of the band.
            for (int k = 0; k < 7; k++)
            {
                var expected = band.Start.Frac + k / 6.0 * (band.End.Frac - band.Start.Frac);
                Assert.True(images[k].Lattice.MinimumImageDistance(images[k].Sites[0].Frac, expected) < 1e-6); // 8 decimals
            }
        }
    }

    [Fact]
    public void BadOptions_Exit2()
    {
        var o = new StringWriter(); var e = new StringWriter();
        Assert.Equal(2, HopsCommand.Run(new[] { Example("LiFePO4.cif") }, new HopsCommand.Settings(new HopOptions(MaxHop: -1), "json", null, null, 7), o, e));
        Assert.Contains("--max-hop", e.ToString());
    }
}
