using System.Globalization;
using System.Text;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Writes a structure as a P1 CIF (every site listed, identity operation only), keeping occupancies, labels and
/// oxidation states, so that <see cref="CifReader"/> reads back the same structure.
/// </summary>
public static class CifWriter
{
    /// <summary>The structure as CIF text.</summary>
    /// <param name="s">The structure.</param>
    /// <returns>A P1 CIF (cell in Å and degrees, fractional coordinates).</returns>
    public static string Write(Structure s)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var name = string.IsNullOrWhiteSpace(s.Name) ? s.ReducedFormula : s.Name!;
        sb.Append("# written by BarrierNet\n");
        sb.Append("data_").Append(name.Replace(' ', '_')).Append('\n');
        var (a, b, c) = s.Lattice.Lengths;
        var (al, be, ga) = s.Lattice.Angles;
        void Item(string tag, string v) => sb.Append(tag.PadRight(34)).Append(v).Append('\n');
        Item("_symmetry_space_group_name_H-M", "'P 1'");
        Item("_symmetry_Int_Tables_number", "1");
        Item("_cell_length_a", a.ToString("R", inv));
        Item("_cell_length_b", b.ToString("R", inv));
        Item("_cell_length_c", c.ToString("R", inv));
        Item("_cell_angle_alpha", al.ToString("R", inv));
        Item("_cell_angle_beta", be.ToString("R", inv));
        Item("_cell_angle_gamma", ga.ToString("R", inv));
        Item("_cell_volume", s.Lattice.Volume.ToString("0.######", inv));
        Item("_chemical_formula_sum", "'" + s.Formula + "'");
        sb.Append("loop_\n _symmetry_equiv_pos_site_id\n _symmetry_equiv_pos_as_xyz\n  1  'x, y, z'\n");
        sb.Append("loop_\n _atom_site_label\n _atom_site_type_symbol\n _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy\n");
        var counts = new Dictionary<string, int>();
        foreach (var site in s.Sites)
        {
            string label = site.Label is { Length: > 0 } l && !l.Any(char.IsWhiteSpace) ? l : AutoLabel(site.Element, counts);
            string type = site.Element + (site.OxidationState is double ox && ox != 0 ? Charge(ox) : "");
            sb.Append("  ").Append(label).Append(' ').Append(type)
              .Append(' ').Append(site.Frac.X.ToString("R", inv))
              .Append(' ').Append(site.Frac.Y.ToString("R", inv))
              .Append(' ').Append(site.Frac.Z.ToString("R", inv))
              .Append(' ').Append(site.Occupancy.ToString("R", inv)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes the structure to a CIF file, replacing it if it exists.</summary>
    /// <param name="s">The structure.</param>
    /// <param name="path">Path of the file to write.</param>
    public static void WriteFile(Structure s, string path) => File.WriteAllText(path, Write(s));

    private static string AutoLabel(string element, Dictionary<string, int> counts)
    {
        counts[element] = counts.TryGetValue(element, out var n) ? n + 1 : 1;
        return element + counts[element].ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"3+", "2-", "0.5+" in CIF's type-symbol style.</summary>
    private static string Charge(double ox)
    {
        double m = Math.Abs(ox);
        return m.ToString("0.###", CultureInfo.InvariantCulture) + (ox > 0 ? "+" : "-");
    }
}
