using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// An energy (eV) sampled on a periodic grid over one unit cell: point (i, j, k) sits at fractional coordinates
/// (i/Na, j/Nb, k/Nc) and is stored at flat index (i·Nb + j)·Nc + k. The grid never repeats its first plane at
/// the far face: the point after (Na−1, j, k) along a is (0, j, k) of the next cell.
/// <para>A grid may be filled row by row as it is read (<see cref="Lazy"/>): the path searches of `hops` read a
/// small part of the cell, so only the rows (i, j) they touch are summed. Every reader sees the same numbers as in a
/// grid computed whole; readers of the whole grid (<see cref="Energies"/>, <see cref="Minimum"/>, …) fill the rest
/// first.</para>
/// </summary>
internal sealed class EnergyGrid
{
    /// <summary>Writes the energies of row (i, j), all k, into a row of zeros.</summary>
    public delegate void RowFiller(int i, int j, Span<double> row);

    private readonly double[] _energies;
    private readonly RowFiller? _fill;
    private readonly bool[]? _filled;   // per row (i·Nb + j), for a grid filled as read
    private readonly object _filling = new();

    public EnergyGrid(Lattice lattice, int na, int nb, int nc, double[] energies)
    {
        if (na < 1 || nb < 1 || nc < 1) throw new ArgumentException("grid dimensions must be positive");
        if (energies.Length != (long)na * nb * nc) throw new ArgumentException($"expected {(long)na * nb * nc} energies, got {energies.Length}");
        Lattice = lattice;
        Na = na; Nb = nb; Nc = nc;
        _energies = (double[])energies.Clone();
    }

    private EnergyGrid(Lattice lattice, int na, int nb, int nc, RowFiller fill)
    {
        if (na < 1 || nb < 1 || nc < 1) throw new ArgumentException("grid dimensions must be positive");
        Lattice = lattice;
        Na = na; Nb = nb; Nc = nc;
        _energies = new double[checked(na * nb * nc)];
        _fill = fill;
        _filled = new bool[na * nb];
    }

    /// <summary>A grid whose row (i, j) is computed by <paramref name="fill"/> when first read (safe to read from several threads).</summary>
    public static EnergyGrid Lazy(Lattice lattice, int na, int nb, int nc, RowFiller fill) => new(lattice, na, nb, nc, fill);

    public Lattice Lattice { get; }
    public int Na { get; }
    public int Nb { get; }
    public int Nc { get; }
    public int Count => _energies.Length;

    /// <summary>Energies in flat order (read-only view).</summary>
    public IReadOnlyList<double> Energies { get { Complete(); return _energies; } }

    public double this[int flat]
    {
        get
        {
            if (_filled is not null) EnsureRow(flat / Nc);
            return _energies[flat];
        }
    }

    /// <summary>Energy at grid point (i, j, k), indices taken modulo the grid so any integer triple is valid.</summary>
    public double this[int i, int j, int k] => this[Index(i, j, k)];

    /// <summary>
    /// Flat index of point (i, j, 0), the start of row (<paramref name="i"/>, <paramref name="j"/>), both within the grid, with the row
    /// ready to read through <see cref="InRow"/>: a reader of many points of few rows checks each row once.
    /// </summary>
    public int Row(int i, int j)
    {
        int row = i * Nb + j;
        if (_filled is not null) EnsureRow(row);
        return row * Nc;
    }

    /// <summary>Point <paramref name="k"/> (within the grid) of the row that <see cref="Row"/> returned <paramref name="rowStart"/> for.</summary>
    public double InRow(int rowStart, int k) => _energies[rowStart + k];

    public int Index(int i, int j, int k) => (Mod(i, Na) * Nb + Mod(j, Nb)) * Nc + Mod(k, Nc);

    public (int I, int J, int K) Point(int flat) => (flat / (Nb * Nc), flat / Nc % Nb, flat % Nc);

    public Vec3 Fractional(int i, int j, int k) => new((double)i / Na, (double)j / Nb, (double)k / Nc);

    public Vec3 Fractional(int flat)
    {
        var (i, j, k) = Point(flat);
        return Fractional(i, j, k);
    }

    public double Minimum { get { Complete(); return _energies.Min(); } }
    public double Maximum { get { Complete(); return _energies.Max(); } }

    /// <summary>How many rows (i, j) hold their energies: all Na·Nb unless the grid is filled as read.</summary>
    public int FilledRows { get { if (_filled is null) return Na * Nb; lock (_filling) return _filled.Count(f => f); } }

    /// <summary>Copy of the energies, for writers and callers that need an array.</summary>
    public double[] ToArray() { Complete(); return (double[])_energies.Clone(); }

    private void EnsureRow(int row)
    {
        if (!Volatile.Read(ref _filled![row])) FillRow(row);
    }

    private void FillRow(int row)
    {
        lock (_filling)
        {
            if (_filled![row]) return;
            _fill!(row / Nb, row % Nb, _energies.AsSpan(row * Nc, Nc));
            Volatile.Write(ref _filled[row], true);
        }
    }

    /// <summary>Fills every row not read yet.</summary>
    private void Complete()
    {
        if (_filled is null) return;
        for (int row = 0; row < _filled.Length; row++) EnsureRow(row);
    }

    private static int Mod(int x, int n) => ((x % n) + n) % n;
}
