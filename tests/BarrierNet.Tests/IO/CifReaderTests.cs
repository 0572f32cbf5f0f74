using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using Xunit;

namespace BarrierNet.Tests.IO;

public class CifReaderTests
{
    private const string Cell = "_cell_length_a 5.4307(3)\n_cell_length_b 5.4307(3)\n_cell_length_c 5.4307(3)\n_cell_angle_alpha 90\n_cell_angle_beta 90.0(0)\n_cell_angle_gamma 90.\n";

    [Fact]
    public void ReadsQuotedTextFieldsCommentsUncertaintiesAndLabels()
    {
        var cif = "# a comment\ndata_first\n" + Cell +
                  "_publ_section_title\n;\nA title with 'quotes' and loop_ inside\n;\n" +
                  "_chemical_name_common 'Lithium oxide's cousin'\n" +
                  "_journal_name_full \"J. Solid State\"  # trailing comment\n" +
                  "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n" +
                  "Li1 0.1(2) 0.2 0.3 ?\nO2a 0.5 0.5 0.5 .\nCo3 0 0 0.5 0.5\n" +
                  "data_second\n" + Cell + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n";
        var s = CifReader.Read(cif);
        Assert.Equal("first", s.Name);
        Assert.Equal(new[] { "Li", "O", "Co" }, s.Sites.Select(x => x.Element));
        Assert.Equal(new[] { "Li1", "O2a", "Co3" }, s.Sites.Select(x => x.Label));
        Assert.Equal(new[] { 1.0, 1.0, 0.5 }, s.Sites.Select(x => x.Occupancy));
        Assert.Equal(0.1, s[0].Frac.X, 12);
        Assert.Equal(5.4307, s.Lattice.LengthA, 10);
        Assert.Empty(s.SymmetryOperations);
        Assert.Equal("Na", CifReader.Read(cif, "second")[0].Element);
    }

    [Fact]
    public void TypeSymbolWinsOverLabelAndCarriesOxidationState()
    {
        var cif = "data_x\n" + Cell + "loop_\n_atom_type_symbol\n_atom_type_oxidation_number\nLi1+ 1\nO2- -2\nMn 3.5\n" +
                  "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n" +
                  "X1 Li1+ 0 0 0\nX2 O2- 0.5 0.5 0.5\nX3 Fe3+ 0.25 0.25 0.25\nX4 Mn 0.75 0.75 0.75\nX5 Li+ 0.1 0.1 0.1\n";
        var s = CifReader.Read(cif);
        Assert.Equal(new[] { "Li", "O", "Fe", "Mn", "Li" }, s.Sites.Select(x => x.Element));
        Assert.Equal(new double?[] { 1, -2, 3, 3.5, 1 }, s.Sites.Select(x => x.OxidationState));
    }

    [Fact]
    public void ExpandsSymmetryAndMergesImagesOfOneSite()
    {
        // Rock salt from its asymmetric unit in Fm-3m written with the 4 centring translations and inversion only:
        // Na at 0,0,0 and Cl at 1/2,1/2,1/2 give 4 + 4 atoms; inversion maps each onto itself.
        var cif = "data_nacl\n" + Cell + "_symmetry_space_group_name_H-M 'F m -3 m'\nloop_\n_space_group_symop_operation_xyz\n" +
                  "'x, y, z'\n'x, y+1/2, z+1/2'\n'x+1/2, y, z+1/2'\n'x+1/2, y+1/2, z'\n'-x, -y, -z'\n'-x+1/2, -y+1/2, -z'\n" +
                  "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n" +
                  "Na1 Na+ 0 0 0\nCl1 Cl- 0.5 0.5 0.50004\n";
        var s = CifReader.Read(cif);
        Assert.Equal(6, s.SymmetryOperations.Count);
        Assert.Equal(4, s.Sites.Count(x => x.Element == "Na"));
        Assert.Equal(4, s.Sites.Count(x => x.Element == "Cl"));
        Assert.All(s.Sites, x => Assert.Equal(x.Element + "1", x.Label));
        Assert.All(s.Sites, x => Assert.InRange(x.Frac.X, 0, 1));
        Assert.Equal("NaCl", s.ReducedFormula);
    }

    [Fact]
    public void ExampleLiFePO4ExpandsFromPnma()
    {
        var s = CifReader.ReadFile(RepoPaths.Example("LiFePO4.cif"));
        Assert.Equal(8, s.SymmetryOperations.Count);
        Assert.Equal(28, s.Count);
        Assert.Equal("Li4 Fe4 P4 O16", s.Formula);
        Assert.Equal(8, s.Sites.Count(x => x.Label == "O4"));
    }

    [Fact]
    public void RefusesCellsLargerThanTheLimitAfterExpansion()
    {
        var ops = string.Join("\n", Enumerable.Range(0, 8).Select(i => $"'x+{i}/8, y, z'"));
        var rows = string.Join("\n", Enumerable.Range(0, 12_600).Select(i => $"O{i} {(i % 100) * 0.0012:0.0000} {(i / 100) * 0.0075:0.0000} 0.3"));
        var cif = "data_huge\n" + Cell + "loop_\n_symmetry_equiv_pos_as_xyz\n" + ops +
                  "\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n" + rows + "\n";
        var e = Assert.Throws<StructureFormatException>(() => CifReader.Read(cif));
        Assert.Contains("more than 100000 atoms", e.Reason);
    }

    [Theory]
    [InlineData("empty.cif", "file is empty", null)]
    [InlineData("not-a-cif.cif", "expected a data_ block", 1)]
    [InlineData("missing-cell.cif", "missing _cell_length_b", 1)]
    [InlineData("invalid-cell.cif", "cell angles", 2)]
    [InlineData("missing-coordinates.cif", "no atom coordinates", 1)]
    [InlineData("unknown-element.cif", "unknown element in atom site 'Xq2'", 14)]
    [InlineData("garbage-number.cif", "'abc' is not a number", 14)]
    [InlineData("nan-coordinate.cif", "'NaN' is not a number", 13)]
    [InlineData("occupancy-above-one.cif", "occupancy 1.5 exceeds 1", 14)]
    [InlineData("occupancy-zero.cif", "is not positive", 14)]
    [InlineData("occupancy-sum-above-one.cif", "total occupancy 1.3 > 1", 14)]
    [InlineData("missing-symmetry-operations.cif", "space group 'P n m a' is declared but no symmetry operations", 8)]
    [InlineData("bad-symmetry-operation.cif", "unexpected character 'w'", 11)]
    [InlineData("unterminated-text-field.cif", "never closed", 9)]
    [InlineData("loop-value-count.cif", "not a multiple of 4", 8)]
    public void MalformedFilesGiveOneLineErrorsWithLineNumbers(string file, string reason, int? line)
    {
        var path = RepoPaths.Fixture("malformed", file);
        var e = Assert.Throws<StructureFormatException>(() => StructureReader.Read(path));
        Assert.Contains(reason, e.Reason);
        Assert.Equal(line, e.Line);
        Assert.Equal(path, e.File);
        Assert.DoesNotContain("\n", e.OneLine);
    }

    [Fact]
    public void AFolderIsNamedAsAFolderNotAnUnknownFormat()
    {
        var dir = RepoPaths.Fixture("malformed");
        var e = Assert.Throws<StructureFormatException>(() => StructureReader.Read(dir));
        Assert.StartsWith("a folder, not a structure file", e.Reason);
        Assert.Equal(dir, e.File);
    }
}
