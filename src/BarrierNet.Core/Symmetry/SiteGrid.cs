using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// Finds the site of a given species within a tolerance of a fractional point, periodically, using a grid of bins
/// at least as wide as the tolerance so that only the 27 surrounding bins need to be searched. This keeps checking a
/// candidate operation linear in the number of sites instead of quadratic.
/// </summary>
internal sealed class SiteGrid
{
    private readonly Lattice _lattice;
    private readonly Vec3[] _frac;
    private readonly int[] _species;
    private readonly double _tol;
    private readonly int[] _n = new int[3];
    private readonly List<int>[] _bins;
    private readonly int[][][] _neighbours = new int[3][][];

    public SiteGrid(Structure s, int[] species, double tolerance)
    {
        _lattice = s.Lattice;
        _species = species;
        _tol = tolerance;
        _frac = s.Sites.Select(x => x.Frac.Wrap()).ToArray();
        var w = s.Lattice.PerpendicularWidths;
        // Bins of about 1 Å (never thinner than the tolerance): few atoms per bin, few empty bins.
        double binWidth = Math.Max(tolerance, 1.0);
        for (int k = 0; k < 3; k++) _n[k] = Math.Clamp((int)Math.Floor(w[k] / binWidth), 1, 200);
        _bins = new List<int>[_n[0] * _n[1] * _n[2]];
        for (int i = 0; i < _bins.Length; i++) _bins[i] = new List<int>();
        for (int i = 0; i < _frac.Length; i++) _bins[BinOf(_frac[i])].Add(i);
        for (int k = 0; k < 3; k++)
        {
            int n = _n[k];
            _neighbours[k] = Enumerable.Range(0, n).Select(b => Neighbours(b, n)).ToArray();
        }
    }

    public Vec3 FracOf(int i) => _frac[i];

    /// <summary>
    /// The nearest site of <paramref name="species"/> within the tolerance of <paramref name="p"/> (any periodic image),
    /// with its fractional displacement from p (minimum image), or -1 when there is none.
    /// </summary>
    public (int Index, Vec3 Residual) Find(Vec3 p, int species)
    {
        var q = p.Wrap();
        int bx = Cell(q.X, 0), by = Cell(q.Y, 1), bz = Cell(q.Z, 2);
        int best = -1; Vec3 bestD = default; double bestLen = _tol * _tol;
        var nx = _neighbours[0][bx]; var ny = _neighbours[1][by]; var nz = _neighbours[2][bz];
        foreach (int ix in nx)
            foreach (int iy in ny)
                foreach (int iz in nz)
                    foreach (int j in _bins[(ix * _n[1] + iy) * _n[2] + iz])
                    {
                        if (_species[j] != species) continue;
                        // For displacements shorter than half a cell width, rounding each fractional component
                        // gives exactly the shortest periodic image.
                        var d = _frac[j] - q;
                        d -= d.Round();
                        double l = _lattice.ToCartesian(d).NormSquared;
                        if (l <= bestLen) { bestLen = l; best = j; bestD = d; }
                    }
        return (best, bestD);
    }

    private int BinOf(Vec3 f) => (Cell(f.X, 0) * _n[1] + Cell(f.Y, 1)) * _n[2] + Cell(f.Z, 2);

    private int Cell(double f, int axis) => Math.Clamp((int)Math.Floor(f * _n[axis]), 0, _n[axis] - 1);

    /// <summary>Bins along one axis to search around bin b: b−1, b, b+1 periodically, or all bins when there are fewer than 3.</summary>
    private static int[] Neighbours(int b, int n) =>
        n < 3 ? Enumerable.Range(0, n).ToArray() : new[] { (b - 1 + n) % n, b, (b + 1) % n };
}
