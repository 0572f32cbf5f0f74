using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using Xunit;

namespace BarrierNet.Tests.IO;

/// <summary>Every reader/writer pair gives back the structure it was given (lattice, species, positions, occupancies).</summary>
public class RoundTripTests
{
    /// <summary>A skewed triclinic cell with a mixed Li/Al site, a half-occupied Na site and oxidation states.</summary>
    private static Structure Disordered() => new(
        Lattice.FromParameters(5.1, 6.3, 7.7, 81, 97, 109),
        new[]
        {
            new Site("Li", new Vec3(0.1, 0.2, 0.3), 0.5, "Li1", 1),
            new Site("Al", new Vec3(0.1, 0.2, 0.3), 0.25, "Al1", 3),
            new Site("Na", new Vec3(0.6, 0.7, 0.05), 0.5, "Na1"),
            new Site("O", new Vec3(0.9, 0.45, 0.55), 1, "O1", -2),
            new Site("Fe", new Vec3(0.33, 0.66, 0.99), 1, "Fe1", 2.5),
        }, name: "disordered");

    private static Structure Ordered() => new(
        new Lattice(new Vec3(4.2, 0.1, -0.3), new Vec3(1.1, 5.0, 0.2), new Vec3(-0.7, 0.9, 6.1)),
        new[]
        {
            new Site("Li", new Vec3(0.0, 0.0, 0.0)),
            new Site("Mn", new Vec3(0.5, 0.25, 0.125)),
            new Site("O", new Vec3(0.2, 0.8, 0.4)),
            new Site("Li", new Vec3(0.75, 0.5, 0.999)),
            new Site("O", new Vec3(0.61, 0.13, 0.77)),
        }, name: "ordered");

    private static void AssertSameStructure(Structure expected, Structure actual, bool compareLabels, bool compareOxidation)
    {
        for (int i = 0; i < 3; i++)
            Assert.True((expected.Lattice[i] - actual.Lattice[i]).Norm < 1e-9 ||
                        // CIF stores cell parameters, so the orientation may change: compare metric instead.
                        Math.Abs(expected.Lattice[i].Norm - actual.Lattice[i].Norm) < 1e-9, $"lattice vector {i}");
        var (ea, eb, ec) = expected.Lattice.Angles;
        var (aa, ab, ac) = actual.Lattice.Angles;
        Assert.Equal(ea, aa, 9); Assert.Equal(eb, ab, 9); Assert.Equal(ec, ac, 9);
        Assert.Equal(expected.Count, actual.Count);
        // Writers may regroup sites by element; match each expected site to an actual one.
        var used = new bool[actual.Count];
        foreach (var e in expected.Sites)
        {
            int j = Enumerable.Range(0, actual.Count).FirstOrDefault(k => !used[k] && actual[k].Element == e.Element
                && Math.Abs(actual[k].Occupancy - e.Occupancy) < 1e-12 && Dist(e.Frac, actual[k].Frac) < 1e-9, -1);
            Assert.True(j >= 0, $"site {e} not found after round trip");
            used[j] = true;
            if (compareLabels) Assert.Equal(e.Label, actual[j].Label);
            if (compareOxidation) Assert.Equal(e.OxidationState, actual[j].OxidationState);
        }
        Assert.Equal(expected.Formula, actual.Formula);
        Assert.Equal(expected.Density, actual.Density, 9);
    }

    private static double Dist(Vec3 a, Vec3 b) { var d = a - b; d -= d.Round(); return d.Norm; }

    [Fact]
    public void CifRoundTripKeepsOccupancyLabelsAndOxidation()
    {
        var s = Disordered();
        AssertSameStructure(s, CifReader.Read(CifWriter.Write(s)), compareLabels: true, compareOxidation: true);
        var o = Ordered();
        AssertSameStructure(o, CifReader.Read(CifWriter.Write(o)), compareLabels: false, compareOxidation: false);
    }

    [Fact]
    public void CifRoundTripOfSymmetryExpandedExample()
    {
        var s = CifReader.ReadFile(RepoPaths.Example("Ge2Sb2Te5.cif"));
        var back = CifReader.Read(CifWriter.Write(s));
        AssertSameStructure(s, back, compareLabels: true, compareOxidation: true);
        Assert.Single(back.SymmetryOperations);
    }

    [Fact]
    public void PoscarRoundTrip()
    {
        var s = Ordered();
        var back = PoscarReader.Read(PoscarWriter.Write(s));
        AssertSameStructure(s, back, compareLabels: false, compareOxidation: false);
        for (int i = 0; i < 3; i++) Assert.True((s.Lattice[i] - back.Lattice[i]).Norm < 1e-12);
    }

    [Fact]
    public void PoscarWriterRefusesPartialOccupancy()
    {
        var e = Assert.Throws<StructureFormatException>(() => PoscarWriter.Write(Disordered()));
        Assert.Contains("partial occupancies", e.Reason);
    }

    [Fact]
    public void AtomsJsonRoundTrip()
    {
        var s = Ordered();
        using var doc = JsonDocument.Parse(AtomsJson.Write(s).ToJsonString());
        AssertSameStructure(s, AtomsJson.Read(doc.RootElement), compareLabels: false, compareOxidation: false);
    }

    [Fact]
    public void PymatgenDictRoundTripWithMixedSite()
    {
        var s = Disordered();
        using var doc = JsonDocument.Parse(PymatgenDictWriter.Write(s).ToJsonString());
        Assert.Equal(4, doc.RootElement.GetProperty("sites").GetArrayLength()); // Li/Al share one pymatgen site
        var back = PymatgenDictReader.Read(doc.RootElement);
        AssertSameStructure(s, back, compareLabels: false, compareOxidation: true);
    }

    [Theory]
    [InlineData("x.cif")]
    [InlineData("POSCAR")]
    [InlineData("x.vasp")]
    [InlineData("x.json")]
    public void StructureReaderWriteThenReadByFileName(string name)
    {
        var dir = Directory.CreateTempSubdirectory("barriernet-io");
        try
        {
            foreach (var s in new[] { Ordered(), Disordered() })
            {
                if (!s.IsOrdered && name is "POSCAR" or "x.vasp") continue;
                var path = Path.Combine(dir.FullName, name);
                StructureReader.Write(s, path);
                AssertSameStructure(s, StructureReader.Read(path), compareLabels: false, compareOxidation: false);
            }
        }
        finally { dir.Delete(true); }
    }
}
