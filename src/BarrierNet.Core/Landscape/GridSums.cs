using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// The sums that put a landscape on an Na×Nb×Nc grid: each framework atom adds its term to the grid points within its
/// cutoff, walked in unwrapped index space so that every periodic image of the atom is counted once, however small the
/// cell is against the cutoff. The whole grid (<see cref="All"/>) and one row (i, j) alone (<see cref="Row"/>) add the
/// terms to a point in the same order — atoms in order, each atom's unwrapped images (i, j) in increasing i, then j —
/// so both give every point the same number to the last bit.
/// </summary>
internal sealed class GridSums
{
    private readonly int _na, _nb, _nc;
    private readonly Vec3 _stepA, _stepB, _stepC;
    private readonly double _cc;
    private readonly Reach[] _atoms;

    /// <summary>One framework atom: Cartesian position in the home cell, occupancy, pair term, and the unwrapped index ranges its cutoff sphere can reach.</summary>
    private readonly record struct Reach(Vec3 Position, double Weight, PairPotential Potential, double Cut2, int I0, int I1, int J0, int J1, int K0, int K1);

    public GridSums(Lattice lattice, IEnumerable<(Vec3 Position, double Weight, PairPotential Potential)> terms, int na, int nb, int nc)
    {
        if (na < 1 || nb < 1 || nc < 1) throw new ArgumentException("grid dimensions must be positive");
        _na = na; _nb = nb; _nc = nc;
        _stepA = lattice.A / na; _stepB = lattice.B / nb; _stepC = lattice.C / nc;
        _cc = _stepC.Dot(_stepC);
        var recip = lattice.Reciprocal;
        double ra = recip.A.Norm, rb = recip.B.Norm, rc = recip.C.Norm;
        _atoms = terms.Select(t =>
        {
            double cutoff = t.Potential.Cutoff;
            var f = lattice.ToFractional(t.Position);
            return new Reach(t.Position, t.Weight, t.Potential, cutoff * cutoff,
                (int)Math.Ceiling((f.X - cutoff * ra) * na), (int)Math.Floor((f.X + cutoff * ra) * na),
                (int)Math.Ceiling((f.Y - cutoff * rb) * nb), (int)Math.Floor((f.Y + cutoff * rb) * nb),
                (int)Math.Ceiling((f.Z - cutoff * rc) * nc), (int)Math.Floor((f.Z + cutoff * rc) * nc));
        }).ToArray();
    }

    /// <summary>Every point of the grid, in flat order.</summary>
    public double[] All()
    {
        var energies = new double[checked(_na * _nb * _nc)];
        foreach (ref readonly var atom in _atoms.AsSpan())
            for (int i = atom.I0; i <= atom.I1; i++)
            {
                int iw = GridSampling.Mod(i, _na);
                for (int j = atom.J0; j <= atom.J1; j++)
                    AddImage(energies.AsSpan((iw * _nb + GridSampling.Mod(j, _nb)) * _nc, _nc), atom, i, j);
            }
        return energies;
    }

    /// <summary>Adds the energies of row (<paramref name="i"/>, <paramref name="j"/>) of the grid, all k, to <paramref name="row"/>.</summary>
    public void Row(int i, int j, Span<double> row)
    {
        foreach (ref readonly var atom in _atoms.AsSpan())
            for (int ii = FirstImage(atom.I0, i, _na); ii <= atom.I1; ii += _na)
                for (int jj = FirstImage(atom.J0, j, _nb); jj <= atom.J1; jj += _nb)
                    AddImage(row, atom, ii, jj);
    }

    /// <summary>The lowest unwrapped index from <paramref name="low"/> up that wraps to <paramref name="wrapped"/>.</summary>
    private static int FirstImage(int low, int wrapped, int n) => low + GridSampling.Mod(wrapped - low, n);

    /// <summary>The atom's term along unwrapped row (i, j): the points k where it is within the cutoff, from a quadratic in k.</summary>
    private void AddImage(Span<double> row, in Reach atom, int i, int j)
    {
        // d(k) = d0 + k·stepC; |d(k)|² ≤ cutoff² is a quadratic in k, solved for the exact range.
        var d0 = i * _stepA + j * _stepB - atom.Position;
        double bq = d0.Dot(_stepC), c0 = d0.Dot(d0) - atom.Cut2;
        double disc = bq * bq - _cc * c0;
        if (disc < 0) return;
        double root = Math.Sqrt(disc);
        int kLo = Math.Max(atom.K0, (int)Math.Ceiling((-bq - root) / _cc)), kHi = Math.Min(atom.K1, (int)Math.Floor((-bq + root) / _cc));
        atom.Potential.AddAlongRow(row, kLo, kHi, new RowDistances(c0 + atom.Cut2, 2 * bq, _cc), atom.Weight);
    }
}
