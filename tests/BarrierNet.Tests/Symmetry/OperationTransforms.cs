using MathNet.Numerics.LinearAlgebra;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Tests.Symmetry;

/// <summary>Rewrites a group's operations in another cell and origin, as a different setting of the same group.</summary>
internal static class OperationTransforms
{
    /// <summary>
    /// Operations in the cell whose rows are <paramref name="p"/> (new basis vectors in old fractional units, possibly
    /// rational for a primitive cell of a centred lattice) with the origin moved by <paramref name="shift"/> (new
    /// fractional units). Duplicates modulo the new lattice are dropped.
    /// </summary>
    public static List<SymmetryOperation> Transform(IReadOnlyList<SymmetryOperation> ops, double[,] p, Vec3 shift)
    {
        // f_old = Q·f_new with Q = Pᵀ; W' = Q⁻¹ W Q, t' = Q⁻¹ t, then the origin shift.
        var q = new double[3, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) q[i, j] = p[j, i];
        var qi = Matrix<double>.Build.DenseOfArray(q).Inverse().ToArray();
        var result = new List<SymmetryOperation>();
        foreach (var op in ops)
        {
            var w = new double[3, 3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 3; k++)
                        for (int l = 0; l < 3; l++)
                            w[i, j] += qi[i, k] * op.Rotation[k, l] * q[l, j];
            var r = new int[3, 3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    r[i, j] = (int)Math.Round(w[i, j]);
                    if (Math.Abs(w[i, j] - r[i, j]) > 1e-6) throw new ArgumentException("the new cell is not compatible with the group");
                }
            var t = Mul(qi, op.Translation);
            var rs = new SymmetryOperation(r, Vec3.Zero).RotateOnly(shift);
            var moved = new SymmetryOperation(r, (t + shift - rs).Wrap());
            if (!result.Contains(moved)) result.Add(moved);
        }
        return result;
    }

    /// <summary>A random integer matrix of determinant <paramref name="det"/> (±1) from a few unit shears and a permutation.</summary>
    public static double[,] RandomUnimodular(Random rng, int det = 1)
    {
        var m = new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        for (int s = 0; s < 2; s++)
        {
            int i = rng.Next(3), j = (i + 1 + rng.Next(2)) % 3;
            int f = rng.Next(2) == 0 ? 1 : -1;
            for (int c = 0; c < 3; c++) m[i, c] += f * m[j, c]; // row_i += ±row_j keeps det
        }
        // Cyclic permutation keeps the handedness; a sign flip of one row reverses it.
        int shiftRows = rng.Next(3);
        var o = new double[3, 3];
        for (int i = 0; i < 3; i++) for (int c = 0; c < 3; c++) o[i, c] = m[(i + shiftRows) % 3, c];
        if (det < 0) for (int c = 0; c < 3; c++) o[0, c] = -o[0, c];
        return o;
    }

    public static double[,] Mul(double[,] a, double[,] b)
    {
        var o = new double[3, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) o[i, j] += a[i, k] * b[k, j];
        return o;
    }

    /// <summary>Rows of a primitive cell of the centring named by the symbol's first letter (hexagonal axes for R).</summary>
    public static double[,]? PrimitiveOf(string symbol) => symbol[0] switch
    {
        'C' => new[,] { { 0.5, -0.5, 0 }, { 0.5, 0.5, 0 }, { 0, 0, 1 } },
        'A' => new[,] { { 1, 0, 0 }, { 0, 0.5, -0.5 }, { 0, 0.5, 0.5 } },
        'I' => new[,] { { -0.5, 0.5, 0.5 }, { 0.5, -0.5, 0.5 }, { 0.5, 0.5, -0.5 } },
        'F' => new[,] { { 0, 0.5, 0.5 }, { 0.5, 0, 0.5 }, { 0.5, 0.5, 0 } },
        'R' => KnownStructures.RhombohedralFromHexagonal,
        _ => null,
    };

    private static Vec3 Mul(double[,] m, Vec3 v) => new(
        m[0, 0] * v.X + m[0, 1] * v.Y + m[0, 2] * v.Z,
        m[1, 0] * v.X + m[1, 1] * v.Y + m[1, 2] * v.Z,
        m[2, 0] * v.X + m[2, 1] * v.Y + m[2, 2] * v.Z);
}
