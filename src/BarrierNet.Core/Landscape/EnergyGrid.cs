using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// An energy (eV) sampled on a periodic grid over one unit cell: point (i, j, k) sits at fractional coordinates
/// (i/Na, j/Nb, k/Nc) and is stored at flat index (i·Nb + j)·Nc + k. The grid never repeats its first plane at
/// the far face: the point after (Na−1, j, k) along a is (0, j, k) of the next cell.
/// </summary>
internal sealed class EnergyGrid
{
    private readonly double[] _energies;

    public EnergyGrid(Lattice lattice, int na, int nb, int nc, double[] energies) : this(lattice, na, nb, nc, energies, copy: true) { }

    private EnergyGrid(Lattice lattice, int na, int nb, int nc, double[] energies, bool copy)
    {
        if (na < 1 || nb < 1 || nc < 1) throw new ArgumentException("grid dimensions must be positive");
        if (energies.Length != (long)na * nb * nc) throw new ArgumentException($"expected {(long)na * nb * nc} energies, got {energies.Length}");
        Lattice = lattice;
        Na = na; Nb = nb; Nc = nc;
        _energies = copy ? (double[])energies.Clone() : energies;
    }

    /// <summary>A grid over energies just computed for it, taken without a copy: the caller keeps no other use of the array.</summary>
    public static EnergyGrid Adopt(Lattice lattice, int na, int nb, int nc, double[] energies) => new(lattice, na, nb, nc, energies, copy: false);

    public Lattice Lattice { get; }
    public int Na { get; }
    public int Nb { get; }
    public int Nc { get; }
    public int Count => _energies.Length;

    /// <summary>Energies in flat order (read-only view).</summary>
    public IReadOnlyList<double> Energies => _energies;

    public double this[int flat] => _energies[flat];

    /// <summary>Energy at grid point (i, j, k), indices taken modulo the grid so any integer triple is valid.</summary>
    public double this[int i, int j, int k] => _energies[Index(i, j, k)];

    public int Index(int i, int j, int k) => (Mod(i, Na) * Nb + Mod(j, Nb)) * Nc + Mod(k, Nc);

    public (int I, int J, int K) Point(int flat) => (flat / (Nb * Nc), flat / Nc % Nb, flat % Nc);

    public Vec3 Fractional(int i, int j, int k) => new((double)i / Na, (double)j / Nb, (double)k / Nc);

    public Vec3 Fractional(int flat)
    {
        var (i, j, k) = Point(flat);
        return Fractional(i, j, k);
    }

    public double Minimum => _energies.Min();
    public double Maximum => _energies.Max();

    /// <summary>Copy of the energies, for writers and callers that need an array.</summary>
    public double[] ToArray() => (double[])_energies.Clone();

    private static int Mod(int x, int n) => ((x % n) + n) % n;
}
