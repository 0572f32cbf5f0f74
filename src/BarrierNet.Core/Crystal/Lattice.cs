namespace BarrierNet.Core.Crystal;

/// <summary>
/// A periodic lattice whose rows are the lattice vectors a, b, c in Å (pymatgen's convention), so that
/// Cartesian = fractional · M.
/// </summary>
public sealed class Lattice
{
    private readonly double[,] _m;
    private readonly double[,] _inv;

    /// <summary>A lattice from its three vectors in Cartesian Å.</summary>
    /// <param name="a">First lattice vector, Å.</param>
    /// <param name="b">Second lattice vector, Å.</param>
    /// <param name="c">Third lattice vector, Å.</param>
    /// <exception cref="ArgumentException">A vector is not finite, or the three are linearly dependent.</exception>
    public Lattice(Vec3 a, Vec3 b, Vec3 c)
    {
        A = a; B = b; C = c;
        if (!a.IsFinite || !b.IsFinite || !c.IsFinite)
            throw new ArgumentException("lattice vectors must be finite numbers");
        Volume = Math.Abs(a.Dot(b.Cross(c)));
        if (!(Volume > 1e-6))
            throw new ArgumentException("lattice vectors are linearly dependent (zero cell volume)");
        _m = new[,] { { a.X, a.Y, a.Z }, { b.X, b.Y, b.Z }, { c.X, c.Y, c.Z } };
        _inv = Invert(_m);
    }

    /// <summary>Lattice vector a, Cartesian Å.</summary>
    public Vec3 A { get; }
    /// <summary>Lattice vector b, Cartesian Å.</summary>
    public Vec3 B { get; }
    /// <summary>Lattice vector c, Cartesian Å.</summary>
    public Vec3 C { get; }
    /// <summary>Cell volume, Å³.</summary>
    public double Volume { get; }

    /// <summary>Lattice vector <paramref name="i"/> (0 → a, 1 → b, 2 → c), Cartesian Å.</summary>
    /// <param name="i">0, 1 or 2.</param>
    /// <returns>The lattice vector.</returns>
    public Vec3 this[int i] => i switch { 0 => A, 1 => B, 2 => C, _ => throw new ArgumentOutOfRangeException(nameof(i)) };

    /// <summary>Row-major copy of the matrix (rows are lattice vectors).</summary>
    public double[,] Matrix => (double[,])_m.Clone();

    /// <summary>|a|, Å.</summary>
    public double LengthA => A.Norm;
    /// <summary>|b|, Å.</summary>
    public double LengthB => B.Norm;
    /// <summary>|c|, Å.</summary>
    public double LengthC => C.Norm;
    /// <summary>Cell lengths |a|, |b|, |c|, Å.</summary>
    public (double A, double B, double C) Lengths => (A.Norm, B.Norm, C.Norm);

    /// <summary>Cell angles α (b,c), β (a,c), γ (a,b) in degrees.</summary>
    public (double Alpha, double Beta, double Gamma) Angles => (Angle(B, C), Angle(A, C), Angle(A, B));

    /// <summary>Builds a lattice from cell parameters in the standard (a along x, b in the xy plane) orientation, as CIF readers do.</summary>
    public static Lattice FromParameters(double a, double b, double c, double alphaDeg, double betaDeg, double gammaDeg)
    {
        if (!(a > 0) || !(b > 0) || !(c > 0)) throw new ArgumentException("cell lengths must be positive");
        if (!(alphaDeg > 0 && alphaDeg < 180 && betaDeg > 0 && betaDeg < 180 && gammaDeg > 0 && gammaDeg < 180))
            throw new ArgumentException("cell angles must lie strictly between 0 and 180 degrees");
        double al = alphaDeg * Math.PI / 180, be = betaDeg * Math.PI / 180, ga = gammaDeg * Math.PI / 180;
        double cg = Math.Cos(ga), sg = Math.Sin(ga), cb = Math.Cos(be), ca = Math.Cos(al);
        var va = new Vec3(a, 0, 0);
        var vb = new Vec3(b * cg, b * sg, 0);
        double cx = c * cb;
        double cy = c * (ca - cb * cg) / sg;
        double cz2 = c * c - cx * cx - cy * cy;
        if (!(cz2 > 1e-12)) throw new ArgumentException("cell angles do not describe a valid cell");
        return new Lattice(va, vb, new Vec3(cx, cy, Math.Sqrt(cz2)));
    }

    /// <summary>A lattice from a 3×3 matrix whose rows are a, b, c in Cartesian Å (pymatgen's <c>Lattice.matrix</c>).</summary>
    /// <param name="m">Row-major 3×3 matrix, Å.</param>
    /// <returns>The lattice.</returns>
    public static Lattice FromMatrix(double[,] m) =>
        new(new Vec3(m[0, 0], m[0, 1], m[0, 2]), new Vec3(m[1, 0], m[1, 1], m[1, 2]), new Vec3(m[2, 0], m[2, 1], m[2, 2]));

    /// <summary>Cartesian position of a point given in fractional coordinates.</summary>
    /// <param name="f">Fractional coordinates.</param>
    /// <returns>Cartesian coordinates, Å.</returns>
    public Vec3 ToCartesian(Vec3 f) => new(
        f.X * _m[0, 0] + f.Y * _m[1, 0] + f.Z * _m[2, 0],
        f.X * _m[0, 1] + f.Y * _m[1, 1] + f.Z * _m[2, 1],
        f.X * _m[0, 2] + f.Y * _m[1, 2] + f.Z * _m[2, 2]);

    /// <summary>Fractional coordinates of a Cartesian position.</summary>
    /// <param name="r">Cartesian coordinates, Å.</param>
    /// <returns>Fractional coordinates (not wrapped into [0, 1)).</returns>
    public Vec3 ToFractional(Vec3 r) => new(
        r.X * _inv[0, 0] + r.Y * _inv[1, 0] + r.Z * _inv[2, 0],
        r.X * _inv[0, 1] + r.Y * _inv[1, 1] + r.Z * _inv[2, 1],
        r.X * _inv[0, 2] + r.Y * _inv[1, 2] + r.Z * _inv[2, 2]);

    /// <summary>Reciprocal lattice without the 2π factor (rows b_i with a_i·b_j = δ_ij), as crystallographers use it.</summary>
    public Lattice Reciprocal => new(
        new Vec3(_inv[0, 0], _inv[1, 0], _inv[2, 0]),
        new Vec3(_inv[0, 1], _inv[1, 1], _inv[2, 1]),
        new Vec3(_inv[0, 2], _inv[1, 2], _inv[2, 2]));

    /// <summary>Distance between opposite faces of the cell along each reciprocal direction: the widths a cell-list search must respect.</summary>
    public Vec3 PerpendicularWidths
    {
        get
        {
            var r = Reciprocal;
            return new Vec3(1 / r.A.Norm, 1 / r.B.Norm, 1 / r.C.Norm);
        }
    }

    /// <summary>
    /// Shortest Cartesian displacement from fractional point <paramref name="from"/> to any periodic image of <paramref name="to"/>,
    /// searched over the neighbouring 27 cells after wrapping, which is exact for reduced and mildly skewed cells.
    /// Returns the displacement and the image offset (in lattice vectors) of <paramref name="to"/>.
    /// </summary>
    public (Vec3 Displacement, (int A, int B, int C) Image) MinimumImage(Vec3 from, Vec3 to)
    {
        var d = to - from;
        var shift = d.Round();
        d -= shift;
        Vec3 best = default; double bestLen = double.PositiveInfinity; (int, int, int) bestImg = default;
        for (int i = -1; i <= 1; i++)
            for (int j = -1; j <= 1; j++)
                for (int k = -1; k <= 1; k++)
                {
                    var cart = ToCartesian(new Vec3(d.X + i, d.Y + j, d.Z + k));
                    var l = cart.NormSquared;
                    if (l < bestLen - 1e-12)
                    {
                        bestLen = l; best = cart;
                        bestImg = ((int)(i - shift.X), (int)(j - shift.Y), (int)(k - shift.Z));
                    }
                }
        // to + image is the nearest copy of `to`.
        return (best, bestImg);
    }

    /// <summary>Distance between two points over periodic images, as <see cref="MinimumImage"/>.</summary>
    /// <param name="from">Fractional coordinates of the first point.</param>
    /// <param name="to">Fractional coordinates of the second point.</param>
    /// <returns>The shortest distance, Å.</returns>
    public double MinimumImageDistance(Vec3 from, Vec3 to) => MinimumImage(from, to).Displacement.Norm;

    /// <summary>A lattice scaled by integer repeats along a, b, c.</summary>
    public Lattice Supercell(int na, int nb, int nc) => new(na * A, nb * B, nc * C);

    private static double Angle(Vec3 u, Vec3 v) =>
        Math.Acos(Math.Clamp(u.Dot(v) / (u.Norm * v.Norm), -1, 1)) * 180 / Math.PI;

    private static double[,] Invert(double[,] m)
    {
        double det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
                   - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
                   + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var r = new double[3, 3];
        r[0, 0] = (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) / det;
        r[0, 1] = (m[0, 2] * m[2, 1] - m[0, 1] * m[2, 2]) / det;
        r[0, 2] = (m[0, 1] * m[1, 2] - m[0, 2] * m[1, 1]) / det;
        r[1, 0] = (m[1, 2] * m[2, 0] - m[1, 0] * m[2, 2]) / det;
        r[1, 1] = (m[0, 0] * m[2, 2] - m[0, 2] * m[2, 0]) / det;
        r[1, 2] = (m[0, 2] * m[1, 0] - m[0, 0] * m[1, 2]) / det;
        r[2, 0] = (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]) / det;
        r[2, 1] = (m[0, 1] * m[2, 0] - m[0, 0] * m[2, 1]) / det;
        r[2, 2] = (m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]) / det;
        return r;
    }
}
