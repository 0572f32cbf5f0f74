namespace BarrierNet.Core.Crystal;

/// <summary>
/// The Niggli-reduced basis of a lattice (Křivý–Gruber algorithm with the tolerances of Grosse-Kunstleve, Sauter &amp;
/// Adams, Acta Cryst. A60, 1, 2004): the unique reduced cell, so two cells of one lattice (a supercell's primitive
/// cell and the parent's own primitive cell) reduce to bases with equal lengths and angles, and work done in the
/// reduced cell does not depend on which cell the file used. The result is right-handed.
/// </summary>
internal static class LatticeReduction
{
    public static Lattice Reduce(Lattice lattice)
    {
        var (a, b, c) = (lattice.A, lattice.B, lattice.C);
        if (a.Dot(b.Cross(c)) < 0) (a, b, c) = (-a, -b, -c);
        double eps = 1e-5 * Math.Pow(lattice.Volume, 2.0 / 3.0);
        for (int step = 0; step < 10_000; step++)
        {
            double A = a.NormSquared, B = b.NormSquared, C = c.NormSquared;
            double xi = 2 * b.Dot(c), eta = 2 * a.Dot(c), zeta = 2 * a.Dot(b);
            if (A > B + eps || (Math.Abs(A - B) <= eps && Math.Abs(xi) > Math.Abs(eta) + eps)) { (a, b, c) = (-b, -a, -c); continue; }
            if (B > C + eps || (Math.Abs(B - C) <= eps && Math.Abs(eta) > Math.Abs(zeta) + eps)) { (a, b, c) = (-a, -c, -b); continue; }
            if (!SignsConform(a, b, c, eps)) { (a, b, c) = ConformSigns(a, b, c, eps); continue; }
            if (Math.Abs(xi) > B + eps || (Math.Abs(xi - B) <= eps && 2 * eta < zeta - eps) || (Math.Abs(xi + B) <= eps && zeta < -eps))
            { c -= Math.Sign(xi) * b; continue; }
            if (Math.Abs(eta) > A + eps || (Math.Abs(eta - A) <= eps && 2 * xi < zeta - eps) || (Math.Abs(eta + A) <= eps && zeta < -eps))
            { c -= Math.Sign(eta) * a; continue; }
            if (Math.Abs(zeta) > A + eps || (Math.Abs(zeta - A) <= eps && 2 * xi < eta - eps) || (Math.Abs(zeta + A) <= eps && eta < -eps))
            { b -= Math.Sign(zeta) * a; continue; }
            double sum = xi + eta + zeta + A + B;
            if (sum < -eps || (Math.Abs(sum) <= eps && 2 * (A + eta) + zeta > eps)) { c = a + b + c; continue; }
            break;
        }
        return new Lattice(a, b, c);
    }

    private static int Sign(double v, double eps) => v > eps ? 1 : v < -eps ? -1 : 0;

    /// <summary>Niggli's sign rule: the three scalar products all positive, or all ≤ 0.</summary>
    private static bool SignsConform(Vec3 a, Vec3 b, Vec3 c, double eps)
    {
        int l = Sign(b.Dot(c), eps), m = Sign(a.Dot(c), eps), n = Sign(a.Dot(b), eps);
        return (l == 1 && m == 1 && n == 1) || (l <= 0 && m <= 0 && n <= 0);
    }

    /// <summary>
    /// Flips vector signs to satisfy <see cref="SignsConform"/>, keeping the basis right-handed: an even number of
    /// flips reaches every sign pattern an odd number does (negating all three leaves the products as they are).
    /// </summary>
    private static (Vec3, Vec3, Vec3) ConformSigns(Vec3 a, Vec3 b, Vec3 c, double eps)
    {
        int l = Sign(b.Dot(c), eps), m = Sign(a.Dot(c), eps), n = Sign(a.Dot(b), eps);
        bool positive = l * m * n == 1;
        foreach (int i in new[] { 1, -1 })
            foreach (int j in new[] { 1, -1 })
                foreach (int k in new[] { 1, -1 })
                {
                    if (i * j * k != 1) continue;
                    var (x, y, z) = (i * a, j * b, k * c);
                    int l2 = Sign(y.Dot(z), eps), m2 = Sign(x.Dot(z), eps), n2 = Sign(x.Dot(y), eps);
                    bool ok = positive ? l2 == 1 && m2 == 1 && n2 == 1 : l2 <= 0 && m2 <= 0 && n2 <= 0;
                    if (ok) return (x, y, z);
                }
        return (a, b, c);
    }
}
