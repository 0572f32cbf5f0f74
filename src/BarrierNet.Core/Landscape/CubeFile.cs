using System.Globalization;
using System.Text;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// Gaussian cube files of an energy grid, which VESTA, VMD and OVITO open: the structure's atoms and the periodic grid
/// (Na×Nb×Nc points, no repeated far face), lengths in bohr, values in eV, the c index running fastest.
/// </summary>
internal static class CubeFile
{
    private const double BohrPerAngstrom = 1 / 0.529177210903;

    public static void Write(string path, EnergyGrid grid, Structure structure, string comment)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(w, grid, structure, comment);
    }

    public static void Write(TextWriter w, EnergyGrid grid, Structure structure, string comment)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine(comment.Replace('\n', ' '));
        w.WriteLine("energy of the mobile ion in eV; grid periodic over the cell");
        w.WriteLine(string.Format(inv, "{0,5} {1,12:F6} {2,12:F6} {3,12:F6}", structure.Count, 0.0, 0.0, 0.0));
        foreach (var (n, v) in new[] { (grid.Na, grid.Lattice.A), (grid.Nb, grid.Lattice.B), (grid.Nc, grid.Lattice.C) })
        {
            var step = v / n * BohrPerAngstrom;
            w.WriteLine(string.Format(inv, "{0,5} {1,12:F6} {2,12:F6} {3,12:F6}", n, step.X, step.Y, step.Z));
        }
        foreach (var site in structure.Sites)
        {
            var r = structure.Lattice.ToCartesian(site.Frac) * BohrPerAngstrom;
            w.WriteLine(string.Format(inv, "{0,5} {1,12:F6} {2,12:F6} {3,12:F6} {4,12:F6}", Elements.BySymbol(site.Element).Z, 0.0, r.X, r.Y, r.Z));
        }
        var line = new StringBuilder();
        for (int i = 0; i < grid.Na; i++)
            for (int j = 0; j < grid.Nb; j++)
            {
                for (int k = 0; k < grid.Nc; k++)
                {
                    line.Append(' ').Append(grid[i, j, k].ToString("E6", inv));
                    if (k % 6 == 5 || k == grid.Nc - 1) { w.WriteLine(line.ToString()); line.Clear(); }
                }
            }
    }

    /// <summary>Reads the grid back (the atoms are skipped); the lattice is rebuilt from the voxel vectors.</summary>
    public static EnergyGrid Read(string path)
    {
        var tokens = new Queue<string>();
        using var r = new StreamReader(path);
        r.ReadLine(); r.ReadLine();
        double Num(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        string[] Fields() => (r.ReadLine() ?? throw new FormatException("cube file ends early")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int atoms = Math.Abs(int.Parse(Fields()[0], CultureInfo.InvariantCulture));
        var counts = new int[3];
        var vectors = new Vec3[3];
        for (int a = 0; a < 3; a++)
        {
            var f = Fields();
            counts[a] = int.Parse(f[0], CultureInfo.InvariantCulture);
            vectors[a] = new Vec3(Num(f[1]), Num(f[2]), Num(f[3])) * (counts[a] / BohrPerAngstrom);
        }
        for (int a = 0; a < atoms; a++) Fields();
        var values = new double[counts[0] * counts[1] * counts[2]];
        int n = 0;
        while (n < values.Length && r.ReadLine() is { } l)
            foreach (var t in l.Split(' ', StringSplitOptions.RemoveEmptyEntries)) values[n++] = Num(t);
        if (n != values.Length) throw new FormatException($"cube file holds {n} values, expected {values.Length}");
        return new EnergyGrid(new Lattice(vectors[0], vectors[1], vectors[2]), counts[0], counts[1], counts[2], values);
    }
}
