using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using Xunit;

namespace BarrierNet.Tests.IO;

public class PoscarAndJsonReaderTests
{
    private const string Lattice = "  4.0 0.0 0.0\n  0.0 5.0 0.0\n  0.0 0.0 6.0\n";

    [Fact]
    public void NegativeScaleIsTheCellVolumeAndScalesCartesianCoordinates()
    {
        var s = PoscarReader.Read("LiO\n-960\n" + Lattice + "Li_sv O\n1 1\nSelective dynamics\nCartesian\n0 0 0 T T T\n2.0 2.5 3.0 F F F\n");
        Assert.Equal(960, s.Lattice.Volume, 9); // 8 × 120 Å³: lengths doubled
        Assert.Equal(8.0, s.Lattice.LengthA, 9);
        Assert.Equal(new[] { "Li", "O" }, s.Sites.Select(x => x.Element));
        Assert.Equal(0.5, s[1].Frac.X, 12); // Cartesian (2, 2.5, 3) × 2 in a doubled cell
        Assert.Equal(0.5, s[1].Frac.Z, 12);
    }

    [Fact]
    public void DirectCoordinatesAndPositiveScale()
    {
        var s = PoscarReader.Read("comment\n2.0\n" + Lattice + "Na Cl\n1 2\nDirect\n0 0 0\n0.5 0.5 0.5\n0.1 0.2 0.3\n");
        Assert.Equal(8.0, s.Lattice.LengthA, 12);
        Assert.Equal("Na1 Cl2", s.Formula);
        Assert.Equal(0.3, s[2].Frac.Z, 12);
    }

    [Theory]
    [InlineData("c\n1.0\n" + Lattice + "1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n", "no species line", 6)]
    [InlineData("c\n1.0\n" + Lattice + "Li Xq\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n", "unknown element 'Xq'", 6)]
    [InlineData("c\n1.0\n" + Lattice + "Li O\n1 1\nDirect\n0 0 0\n", "missing coordinates of atom 2", 10)]
    [InlineData("c\nabc\n" + Lattice, "is not a number", 2)]
    [InlineData("c\n1.0\n" + Lattice + "Li O\n1 1\nFoo\n0 0 0\n0 0 0\n", "expected 'Direct' or 'Cartesian'", 8)]
    [InlineData("", "file is empty", null)]
    public void MalformedPoscar(string text, string reason, int? line)
    {
        var e = Assert.Throws<StructureFormatException>(() => PoscarReader.Read(text));
        Assert.Contains(reason, e.Reason);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void PymatgenDictWithOxidationStringsAndMixedSites()
    {
        const string json = """
        {"@module": "pymatgen.core.structure", "@class": "Structure", "charge": 0,
         "lattice": {"matrix": [[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 3.0]]},
         "sites": [
           {"species": [{"element": "Fe3+", "occu": 0.5}, {"element": "Li", "occu": 0.5, "oxidation_state": 1}],
            "abc": [0.0, 0.0, 0.0], "label": "M1"},
           {"species": [{"element": "O", "occu": 1}], "abc": [0.5, 0.5, 0.5]}]}
        """;
        var s = StructureReader.ReadJson(json);
        Assert.Equal(3, s.Count);
        Assert.Equal(("Fe", 3.0, 0.5, "M1"), (s[0].Element, s[0].OxidationState!.Value, s[0].Occupancy, s[0].Label!));
        Assert.Equal(1.0, s[1].OxidationState);
        Assert.Equal(2, SitePositions.Group(s).Count);
    }

    [Fact]
    public void JsonFormatIsDetectedByKeys()
    {
        const string atoms = """{"atoms": {"lattice_mat": [[3,0,0],[0,3,0],[0,0,3]], "coords": [[0,0,0]], "elements": ["Li"], "cartesian": false}}""";
        Assert.Equal("Li", StructureReader.ReadJson(atoms)[0].Element);
        var e = Assert.Throws<StructureFormatException>(() => StructureReader.ReadJson("""{"foo": 1}"""));
        Assert.Contains("neither", e.Reason);
        var bad = Assert.Throws<StructureFormatException>(() => StructureReader.ReadJson("{\n\"lattice\": \n"));
        Assert.Contains("invalid JSON", bad.Reason);
    }
}
