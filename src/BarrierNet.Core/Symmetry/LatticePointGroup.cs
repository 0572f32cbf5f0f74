using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// The rotations (proper and improper) that map the lattice onto itself, as integer matrices acting on fractional
/// coordinates of the given cell. A lattice rotation sends each basis vector to a lattice vector of the same length
/// with the same mutual angles (the metric tensor G = L·Lᵀ is preserved), so we enumerate all lattice vectors
/// as long as a basis vector and keep the unimodular triples that preserve G. Enumerating the lattice vectors
/// explicitly, rather than only matrices with entries in {-1,0,1}, makes this exact for skewed, supercell and
/// non-reduced cells too.
/// </summary>
internal static class LatticePointGroup
{
    /// <param name="lengthTolerance">Allowed change of a vector length in Å (the site tolerance).</param>
    public static List<int[,]> Find(Lattice lattice, double lengthTolerance)
    {
        var basis = new[] { lattice.A, lattice.B, lattice.C };
        var len = basis.Select(v => v.Norm).ToArray();
        double rmax = len.Max() + lengthTolerance;
        var w = lattice.PerpendicularWidths;
        int[] lim = { (int)Math.Ceiling(rmax / w.X), (int)Math.Ceiling(rmax / w.Y), (int)Math.Ceiling(rmax / w.Z) };

        // Candidate images of each basis vector: lattice vectors of (nearly) the same length.
        var cands = new List<(int[] N, Vec3 V)>[3] { new(), new(), new() };
        for (int i = -lim[0]; i <= lim[0]; i++)
            for (int j = -lim[1]; j <= lim[1]; j++)
                for (int k = -lim[2]; k <= lim[2]; k++)
                {
                    var v = i * basis[0] + j * basis[1] + k * basis[2];
                    double l = v.Norm;
                    for (int b = 0; b < 3; b++)
                        if (Math.Abs(l - len[b]) <= lengthTolerance) cands[b].Add((new[] { i, j, k }, v));
                }

        // Angles must agree so that the vector ends move by less than the tolerance: sin(Δθ)·(|u|+|v|)/2 < tol,
        // the criterion spglib uses when no separate angle tolerance is given.
        bool SameDot(Vec3 u, Vec3 v, int a, int b)
        {
            double c0 = Math.Clamp(basis[a].Dot(basis[b]) / (len[a] * len[b]), -1, 1);
            double c1 = Math.Clamp(u.Dot(v) / (u.Norm * v.Norm), -1, 1);
            double dTheta = Math.Abs(Math.Acos(c1) - Math.Acos(c0));
            return Math.Sin(dTheta) * (len[a] + len[b]) / 2 < lengthTolerance;
        }

        var result = new List<int[,]>();
        foreach (var ca in cands[0])
            foreach (var cb in cands[1])
            {
                if (!SameDot(ca.V, cb.V, 0, 1)) continue;
                foreach (var cc in cands[2])
                {
                    if (!SameDot(ca.V, cc.V, 0, 2) || !SameDot(cb.V, cc.V, 1, 2)) continue;
                    // Rows of N are the images of a, b, c in the basis; fractional coordinates transform with Nᵀ.
                    var r = new int[3, 3];
                    for (int x = 0; x < 3; x++)
                    {
                        r[x, 0] = ca.N[x]; r[x, 1] = cb.N[x]; r[x, 2] = cc.N[x];
                    }
                    if (Math.Abs(Det(r)) == 1) result.Add(r);
                }
            }
        return result;
    }

    public static int Det(int[,] r) =>
        r[0, 0] * (r[1, 1] * r[2, 2] - r[1, 2] * r[2, 1])
        - r[0, 1] * (r[1, 0] * r[2, 2] - r[1, 2] * r[2, 0])
        + r[0, 2] * (r[1, 0] * r[2, 1] - r[1, 1] * r[2, 0]);
}
