using System.Globalization;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Reads VASP 5 POSCAR/CONTCAR files: comment, scale (negative = target volume in Å³, or three per-axis factors),
/// lattice, species line (required: VASP 4 files without it do not say which element is which), counts, optional
/// "Selective dynamics", Direct or Cartesian coordinates. Species such as "Li_sv" or "Fe/abc123" (POTCAR names,
/// VASP 6 hashes) are reduced to the element.
/// </summary>
public static class PoscarReader
{
    /// <summary>Reads a POSCAR or CONTCAR file.</summary>
    /// <param name="path">Path of the file.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="StructureFormatException">The file is not a readable VASP 5 POSCAR; carries the file and line.</exception>
    public static Structure ReadFile(string path)
    {
        try { return Read(File.ReadAllText(path)); }
        catch (StructureFormatException e) { throw e.WithFile(path); }
    }

    /// <summary>Reads POSCAR text.</summary>
    /// <param name="text">The contents of a VASP 5 POSCAR.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="StructureFormatException">The text is not a readable POSCAR.</exception>
    public static Structure Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new StructureFormatException("file is empty");
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int n = 0;
        string Next(string what)
        {
            if (n >= lines.Length) throw new StructureFormatException($"file ends before the {what}", line: n);
            return lines[n++];
        }
        var comment = Next("comment line").Trim();
        int scaleLine = n + 1;
        var scaleTokens = Tokens(Next("scale factor"));
        if (scaleTokens.Length == 0) throw new StructureFormatException("missing scale factor", line: scaleLine);
        var scales = scaleTokens.Length >= 3 && TryNum(scaleTokens[1], out _) && TryNum(scaleTokens[2], out _)
            ? scaleTokens.Take(3).Select(t => Num(t, scaleLine, "scale factor")).ToArray()
            : new[] { Num(scaleTokens[0], scaleLine, "scale factor") };
        var rows = new Vec3[3];
        for (int i = 0; i < 3; i++)
        {
            int ln = n + 1;
            var t = Tokens(Next("lattice vectors"));
            if (t.Length < 3) throw new StructureFormatException("lattice vector needs three numbers", line: ln);
            rows[i] = new Vec3(Num(t[0], ln, "lattice"), Num(t[1], ln, "lattice"), Num(t[2], ln, "lattice"));
        }
        Lattice lattice;
        try
        {
            if (scales.Length == 3)
            {
                if (scales.Any(x => !(x > 0))) throw new StructureFormatException("per-axis scale factors must be positive", line: scaleLine);
                rows = rows.Select(r => new Vec3(r.X * scales[0], r.Y * scales[1], r.Z * scales[2])).ToArray();
                lattice = new Lattice(rows[0], rows[1], rows[2]);
            }
            else
            {
                double s = scales[0];
                if (s == 0) throw new StructureFormatException("scale factor is zero", line: scaleLine);
                var raw = new Lattice(rows[0], rows[1], rows[2]);
                double f = s > 0 ? s : Math.Cbrt(-s / raw.Volume); // negative: the desired cell volume
                lattice = new Lattice(f * rows[0], f * rows[1], f * rows[2]);
            }
        }
        catch (ArgumentException e) { throw new StructureFormatException("invalid lattice: " + e.Message, line: scaleLine + 1); }

        int speciesLine = n + 1;
        var species = Tokens(Next("species line"));
        if (species.Length == 0 || species.All(x => TryNum(x, out _)))
            throw new StructureFormatException(
                "no species line: VASP 4 POSCAR files do not name the elements; add a line of element symbols after the lattice (VASP 5 format)",
                line: speciesLine);
        var elements = species.Select(sp =>
        {
            var el = sp.Split('_', '/')[0];
            return Elements.TryGet(el, out _) ? el : throw new StructureFormatException($"unknown element '{sp}' in species line", line: speciesLine);
        }).ToArray();
        int countLine = n + 1;
        var countTokens = Tokens(Next("atom counts"));
        if (countTokens.Length != elements.Length)
            throw new StructureFormatException($"{elements.Length} species but {countTokens.Length} counts", line: countLine);
        var counts = countTokens.Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && c >= 0 ? c
            : throw new StructureFormatException($"atom count '{t}' is not a non-negative integer", line: countLine)).ToArray();
        int total = counts.Sum();
        if (total == 0) throw new StructureFormatException("structure has no atoms", line: countLine);
        if (total > CifReader.MaxAtoms) throw new StructureFormatException($"more than {CifReader.MaxAtoms} atoms; refusing such a large cell", line: countLine);

        int modeLine = n + 1;
        var mode = Next("coordinate mode").Trim();
        if (mode.Length > 0 && (mode[0] is 's' or 'S')) { modeLine = n + 1; mode = Next("coordinate mode").Trim(); }
        if (mode.Length == 0) throw new StructureFormatException("missing Direct/Cartesian line", line: modeLine);
        bool cartesian = mode[0] is 'c' or 'C' or 'k' or 'K';
        if (!cartesian && mode[0] is not ('d' or 'D'))
            throw new StructureFormatException($"expected 'Direct' or 'Cartesian', found '{mode}'", line: modeLine);

        var sites = new List<Site>(total);
        double cartScale = scales.Length == 1 ? (scales[0] > 0 ? scales[0] : Math.Cbrt(lattice.Volume / new Lattice(rows[0], rows[1], rows[2]).Volume)) : 1;
        for (int e = 0; e < elements.Length; e++)
            for (int k = 0; k < counts[e]; k++)
            {
                int ln = n + 1;
                var t = Tokens(Next($"coordinates of atom {sites.Count + 1}"));
                if (t.Length == 0)
                    throw new StructureFormatException($"missing coordinates of atom {sites.Count + 1} (fewer coordinate lines than the counts say)", line: ln);
                if (t.Length < 3) throw new StructureFormatException("coordinate line needs three numbers", line: ln);
                var p = new Vec3(Num(t[0], ln, "coordinate"), Num(t[1], ln, "coordinate"), Num(t[2], ln, "coordinate"));
                var frac = !cartesian ? p
                    : lattice.ToFractional(scales.Length == 1 ? cartScale * p : new Vec3(p.X * scales[0], p.Y * scales[1], p.Z * scales[2]));
                sites.Add(new Site(elements[e], frac));
            }
        // Velocities or predictor-corrector blocks follow a blank line; a coordinate line right after the last atom
        // means the counts are smaller than the atom list, which would silently drop atoms.
        if (n < lines.Length && Tokens(lines[n]) is { Length: >= 3 } extra && extra.Take(3).All(x => TryNum(x, out _)))
            throw new StructureFormatException($"the counts add up to {total} atoms but more coordinate lines follow", line: n + 1);
        return new Structure(lattice, sites, name: comment.Length > 0 ? comment : null);
    }

    private static string[] Tokens(string line)
    {
        int hash = line.IndexOfAny(new[] { '#', '!' });
        if (hash >= 0) line = line[..hash];
        return line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool TryNum(string t, out double v) =>
        double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    private static double Num(string t, int line, string what) =>
        TryNum(t, out var v) ? v : throw new StructureFormatException($"{what}: '{t}' is not a number", line: line);
}
