using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The mobile ion's energy sampled on a regular periodic grid of the cell: point (i, j, k) sits at fractional
/// (i/Na, j/Nb, k/Nc) and is stored at flat index (i·Nb + j)·Nc + k. Energies in eV.
/// </summary>
public sealed class EnergyGrid
{
    public EnergyGrid(Lattice lattice, int na, int nb, int nc, double[] energies)
    {
        if (na < 1 || nb < 1 || nc < 1) throw new ArgumentException("a grid needs at least one point along each axis");
        if (energies.Length != (long)na * nb * nc) throw new ArgumentException($"a {na}×{nb}×{nc} grid needs {na * nb * nc} energies, got {energies.Length}");
        Lattice = lattice;
        Na = na; Nb = nb; Nc = nc;
        Energies = energies;
    }

    public Lattice Lattice { get; }
    public int Na { get; }
    public int Nb { get; }
    public int Nc { get; }

    /// <summary>Energies (eV) in flat order; treat as read-only.</summary>
    public double[] Energies { get; }

    public int Index(int i, int j, int k) => (i * Nb + j) * Nc + k;

    public Vec3 Frac(int i, int j, int k) => new(i / (double)Na, j / (double)Nb, k / (double)Nc);
}
