using System.Globalization;
using System.Text;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Writes a VASP 5 POSCAR (scale 1, Direct coordinates), atoms grouped by element in order of first appearance.
/// POSCAR has no occupancies, so a partially occupied structure is refused rather than silently made ordered.
/// </summary>
public static class PoscarWriter
{
    /// <summary>The structure as POSCAR text.</summary>
    /// <param name="s">An ordered structure.</param>
    /// <returns>A VASP 5 POSCAR (lattice in Å, Direct coordinates).</returns>
    /// <exception cref="StructureFormatException">The structure has partially occupied sites.</exception>
    public static string Write(Structure s)
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
            sb.Append(FormattableString.Invariant($"  {v.X,22:R}  {v.Y,22:R}  {v.Z,22:R}\n"));
        }
        var order = s.Sites.Select(x => x.Element).Distinct().ToList();
        sb.Append(string.Join(' ', order)).Append('\n');
        sb.Append(string.Join(' ', order.Select(e => s.Sites.Count(x => x.Element == e).ToString(inv)))).Append('\n');
        sb.Append("Direct\n");
        foreach (var e in order)
            foreach (var site in s.Sites.Where(x => x.Element == e))
                sb.Append(FormattableString.Invariant($"  {site.Frac.X:R}  {site.Frac.Y:R}  {site.Frac.Z:R}  {e}\n"));
        return sb.ToString();
    }

    /// <summary>Writes the structure to a POSCAR file, replacing it if it exists.</summary>
    /// <param name="s">An ordered structure.</param>
    /// <param name="path">Path of the file to write.</param>
    public static void WriteFile(Structure s, string path) => File.WriteAllText(path, Write(s));
}
