using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Reads a crystal structure from a CIF 1.1 file: cell parameters, the asymmetric unit in `_atom_site_*`, and the
/// symmetry operations, expanded to the full cell. Images of one asymmetric-unit site that coincide (within
/// <see cref="MergeFractional"/> in fractional or <see cref="MergeCartesian"/> Å, minimum image) are merged, as
/// pymatgen's CifParser does. Partial occupancy is kept; a position whose occupancies sum above 1 is an error.
/// </summary>
public static class CifReader
{
    /// <summary>Largest structure accepted after symmetry expansion; beyond this the file is almost surely wrong.</summary>
    public const int MaxAtoms = 100_000;

    /// <summary>Fractional tolerance for two symmetry images being the same site.</summary>
    public const double MergeFractional = 1e-3;

    /// <summary>Cartesian tolerance (Å) for two symmetry images being the same site.</summary>
    public const double MergeCartesian = 0.01;

    /// <summary>Reads a CIF file.</summary>
    /// <param name="path">Path of the .cif file.</param>
    /// <param name="blockName">The data block to read (without <c>data_</c>), or null for the first.</param>
    /// <returns>The structure, expanded to the full cell.</returns>
    /// <exception cref="StructureFormatException">The file is not a readable CIF; carries the file and line.</exception>
    public static Structure ReadFile(string path, string? blockName = null)
    {
        try { return Read(File.ReadAllText(path), blockName); }
        catch (StructureFormatException e) { throw e.WithFile(path); }
    }

    /// <summary>Reads the block named <paramref name="blockName"/>, or the first data block.</summary>
    public static Structure Read(string text, string? blockName = null)
    {
        var blocks = CifDocument.Parse(text);
        var block = blockName is null ? blocks[0]
            : blocks.FirstOrDefault(b => string.Equals(b.Name, blockName, StringComparison.OrdinalIgnoreCase))
              ?? throw new StructureFormatException($"no data block named '{blockName}'");
        return Read(block);
    }

    internal static Structure Read(CifBlock block)
    {
        var lattice = ReadCell(block);
        var ops = ReadOperations(block);
        var asym = ReadAsymmetricUnit(block);
        var sites = Expand(lattice, asym, ops.Count == 0 ? new[] { SymmetryOperation.Identity } : ops);
        CheckOccupancySums(lattice, sites);
        return new Structure(lattice, sites.Select(s => s.Site).ToList(), ops, block.Name);
    }

    private static Lattice ReadCell(CifBlock block)
    {
        double Param(string tag)
        {
            var v = block.Item(tag) ?? throw new StructureFormatException($"missing {tag} (no unit cell)", line: block.Line);
            return v.Number(tag) ?? throw new StructureFormatException($"{tag} is unknown ('{v.Text}')", line: v.Line);
        }
        double a = Param("_cell_length_a"), b = Param("_cell_length_b"), c = Param("_cell_length_c");
        double al = Param("_cell_angle_alpha"), be = Param("_cell_angle_beta"), ga = Param("_cell_angle_gamma");
        try { return Lattice.FromParameters(a, b, c, al, be, ga); }
        catch (ArgumentException e)
        {
            throw new StructureFormatException("invalid cell: " + e.Message, line: block.Item("_cell_length_a")!.Value.Line);
        }
    }

    private static readonly string[] OperationTags = { "_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz" };

    private static List<SymmetryOperation> ReadOperations(CifBlock block)
    {
        var ops = new List<SymmetryOperation>();
        foreach (var tag in OperationTags)
        {
            var values = block.Values(tag);
            if (values.Count == 0) continue;
            foreach (var v in values)
            {
                try
                {
                    var op = SymmetryOperation.Parse(v.Text);
                    if (!ops.Contains(op)) ops.Add(op);
                }
                catch (FormatException e) { throw new StructureFormatException(e.Message, line: v.Line); }
            }
            break;
        }
        if (ops.Count == 0 && DeclaredNonP1(block) is { } declared)
            throw new StructureFormatException(
                $"space group {declared.What} is declared but no symmetry operations are listed " +
                "(_symmetry_equiv_pos_as_xyz or _space_group_symop_operation_xyz); cannot expand the asymmetric unit",
                line: declared.Line);
        return ops;
    }

    /// <summary>A description of the declared space group when it is not P1, else null.</summary>
    private static (string What, int Line)? DeclaredNonP1(CifBlock block)
    {
        foreach (var tag in new[] { "_symmetry_space_group_name_H-M", "_space_group_name_H-M_alt" })
            if (block.Item(tag) is { IsMissing: false } v)
            {
                var name = v.Text.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
                if (!name.Equals("P1", StringComparison.OrdinalIgnoreCase)) return ($"'{v.Text.Trim()}'", v.Line);
            }
        foreach (var tag in new[] { "_symmetry_Int_Tables_number", "_space_group_IT_number" })
            if (block.Item(tag) is { IsMissing: false } v && v.Number(tag) is double n && Math.Abs(n - 1) > 1e-9)
                return ($"number {v.Text}", v.Line);
        return null;
    }

    private sealed record AsymSite(string Element, Vec3 Frac, double Occupancy, string Label, double? Oxidation, int Line);

    private static List<AsymSite> ReadAsymmetricUnit(CifBlock block)
    {
        string[] coordTags = { "_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z" };
        var loop = block.LoopWith("_atom_site_fract_x");
        List<CifValue[]> rows;
        Func<string, int> col;
        if (loop is not null)
        {
            rows = loop.Rows.ToList();
            col = loop.IndexOf;
            foreach (var t in coordTags)
                if (col(t) < 0) throw new StructureFormatException($"atom site loop lacks {t}", line: loop.Line);
        }
        else if (block.Item("_atom_site_fract_x") is not null)
        {
            // A single atom written as plain items.
            var tags = block.Items.Keys.Where(k => k.StartsWith("_atom_site_", StringComparison.OrdinalIgnoreCase)).ToList();
            rows = new List<CifValue[]> { tags.Select(t => block.Items[t]).ToArray() };
            col = t => tags.FindIndex(x => string.Equals(x, t, StringComparison.OrdinalIgnoreCase));
            foreach (var t in coordTags)
                if (col(t) < 0) throw new StructureFormatException($"missing {t}", line: block.Line);
        }
        else
        {
            string why = block.LoopWith("_atom_site_Cartn_x") is not null
                ? "only Cartesian _atom_site_Cartn_* coordinates given; fractional _atom_site_fract_x/y/z are required"
                : "no atom coordinates (_atom_site_fract_x/y/z)";
            throw new StructureFormatException(why, line: block.Line);
        }
        if (rows.Count == 0) throw new StructureFormatException("atom site loop is empty", line: block.Line);

        // Oxidation states declared per type symbol in _atom_type_oxidation_number.
        var typeOx = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var typeLoop = block.LoopWith("_atom_type_oxidation_number");
        if (typeLoop is not null && typeLoop.IndexOf("_atom_type_symbol") is int ts and >= 0)
        {
            int oc = typeLoop.IndexOf("_atom_type_oxidation_number");
            foreach (var r in typeLoop.Rows)
                if (r[oc].Number("_atom_type_oxidation_number") is double ox) typeOx[r[ts].Text] = ox;
        }

        int cType = col("_atom_site_type_symbol"), cLabel = col("_atom_site_label"), cOcc = col("_atom_site_occupancy");
        if (cType < 0 && cLabel < 0)
            throw new StructureFormatException("atom sites have neither _atom_site_type_symbol nor _atom_site_label", line: loop?.Line ?? block.Line);
        int cx = col(coordTags[0]), cy = col(coordTags[1]), cz = col(coordTags[2]);
        var result = new List<AsymSite>();
        foreach (var r in rows)
        {
            var symbolValue = cType >= 0 && !r[cType].IsMissing ? r[cType] : cLabel >= 0 ? r[cLabel] : r[cType];
            var label = cLabel >= 0 && !r[cLabel].IsMissing ? r[cLabel].Text : symbolValue.Text;
            var species = SpeciesSymbol.Parse(symbolValue.Text)
                ?? throw new StructureFormatException($"unknown element in atom site '{symbolValue.Text}'", line: symbolValue.Line);
            double? ox = species.Oxidation;
            if (ox is null && typeOx.TryGetValue(symbolValue.Text, out var declared) && declared != 0) ox = declared;
            double Coord(int c, string tag) => r[c].Number(tag)
                ?? throw new StructureFormatException($"atom site '{label}': {tag} is unknown ('{r[c].Text}')", line: r[c].Line);
            var f = new Vec3(Coord(cx, coordTags[0]), Coord(cy, coordTags[1]), Coord(cz, coordTags[2]));
            double occ = 1.0;
            if (cOcc >= 0 && r[cOcc].Number("_atom_site_occupancy") is double o)
            {
                if (!(o > 0)) throw new StructureFormatException($"atom site '{label}': occupancy {r[cOcc].Text} is not positive", line: r[cOcc].Line);
                if (o > 1 + 1e-3) throw new StructureFormatException($"atom site '{label}': occupancy {r[cOcc].Text} exceeds 1", line: r[cOcc].Line);
                occ = Math.Min(o, 1.0);
            }
            result.Add(new AsymSite(species.Element, f, occ, label, ox, symbolValue.Line));
        }
        return result;
    }

    private sealed record Expanded(Site Site, int Line);

    private static List<Expanded> Expand(Lattice lattice, List<AsymSite> asym, IReadOnlyList<SymmetryOperation> ops)
    {
        var sites = new List<Expanded>();
        foreach (var a in asym)
        {
            var images = new List<Vec3>();
            foreach (var op in ops)
            {
                var f = op.Apply(a.Frac).Wrap();
                if (images.Any(g => SamePosition(lattice, f, g))) continue;
                images.Add(f);
                if (sites.Count + images.Count > MaxAtoms)
                    throw new StructureFormatException(
                        $"structure has more than {MaxAtoms} atoms after symmetry expansion; refusing such a large cell", line: a.Line);
            }
            foreach (var f in images) sites.Add(new Expanded(new Site(a.Element, f, a.Occupancy, a.Label, a.Oxidation), a.Line));
        }
        return sites;
    }

    internal static bool SamePosition(Lattice lattice, Vec3 f, Vec3 g)
    {
        var d = f - g;
        d -= d.Round();
        if (Math.Abs(d.X) < MergeFractional && Math.Abs(d.Y) < MergeFractional && Math.Abs(d.Z) < MergeFractional) return true;
        return lattice.ToCartesian(d).Norm < MergeCartesian || lattice.MinimumImageDistance(f, g) < MergeCartesian;
    }

    /// <summary>Sites sharing a position (a mixed or split site) may not hold more than one atom in total.</summary>
    private static void CheckOccupancySums(Lattice lattice, List<Expanded> sites)
    {
        var groups = SitePositions.Group(lattice, sites.Select(s => s.Site.Frac).ToList());
        foreach (var g in groups)
        {
            if (g.Count < 2) continue;
            double sum = g.Sum(i => sites[i].Site.Occupancy);
            if (sum > 1 + 1e-3)
            {
                var labels = string.Join(", ", g.Select(i => sites[i].Site.Label).Distinct());
                throw new StructureFormatException(
                    $"sites {labels} share one position with total occupancy {sum:0.###} > 1", line: sites[g[0]].Line);
            }
        }
    }
}
