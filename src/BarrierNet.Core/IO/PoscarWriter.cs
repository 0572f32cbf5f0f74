using System.Globalization;
using System.Text;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Writes a VASP 5 POSCAR (scale 1, Direct coordinates), atoms grouped by element in order of first appearance.
/// POSCAR has no occupancies, so a partially occupied structure is refused rather than silently made ordered.
/// Numbers are written round-trip exact, or with a fixed number of decimals for files a DFT code reads
/// (<see cref="VaspDecimals"/>: VASP's own precision, no 7.4e-16 or 0.5962149999999999).
/// </summary>
public static class PoscarWriter
{
    /// <summary>Decimals written for coordinates and lattice vectors (VASP reads them exactly).</summary>
    public const int VaspDecimals = 8;

    /// <summary>The structure as POSCAR text (VASP 5, fractional coordinates, species grouped).</summary>
    /// <param name="s">The structure.</param>
    /// <param name="decimals">Decimals for numbers; null for round-trip precision.</param>
    /// <returns>The file's text, LF line endings.</returns>
    public static string Write(Structure s, int? decimals = null)
    {
        if (!s.IsOrdered)
            throw new StructureFormatException("POSCAR cannot hold partial occupancies; write CIF or pymatgen JSON instead");
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(string.IsNullOrWhiteSpace(s.Name) ? s.Formula : s.Name!.Replace('\n', ' ')).Append('\n');
        sb.Append("1.0\n");
        for (int i = 0; i < 3; i++)
        {
            var v = s.Lattice[i];
            sb.Append("  ").Append(Number(v.X, decimals, 22)).Append("  ").Append(Number(v.Y, decimals, 22)).Append("  ").Append(Number(v.Z, decimals, 22)).Append('\n');
        }
        var order = s.Sites.Select(x => x.Element).Distinct().ToList();
        sb.Append(string.Join(' ', order)).Append('\n');
        sb.Append(string.Join(' ', order.Select(e => s.Sites.Count(x => x.Element == e).ToString(inv)))).Append('\n');
        sb.Append("Direct\n");
        foreach (var e in order)
            foreach (var site in s.Sites.Where(x => x.Element == e))
                sb.Append("  ").Append(Number(site.Frac.X, decimals)).Append("  ").Append(Number(site.Frac.Y, decimals))
                    .Append("  ").Append(Number(site.Frac.Z, decimals)).Append("  ").Append(e).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the structure as a POSCAR file.</summary>
    /// <param name="s">The structure.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="decimals">Decimals for numbers; null for round-trip precision.</param>
    public static void WriteFile(Structure s, string path, int? decimals = null) => File.WriteAllText(path, Write(s, decimals));

    private static string Number(double v, int? decimals, int width = 0)
    {
        string text = decimals is int d
            ? Math.Round(v, d).ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : v.ToString("R", CultureInfo.InvariantCulture);
        if (text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0) text = text[1..]; // no "-0.00000000"
        return text.PadLeft(width);
    }
}
