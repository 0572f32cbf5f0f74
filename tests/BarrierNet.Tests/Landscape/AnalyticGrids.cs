using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;

namespace BarrierNet.Tests.Landscape;

/// <summary>Energy grids of periodic potentials whose minima and saddles are known exactly.</summary>
internal static class AnalyticGrids
{
    public static EnergyGrid Sample(Lattice lattice, int na, int nb, int nc, Func<Vec3, double> potential)
    {
        var e = new double[na * nb * nc];
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    e[(i * nb + j) * nc + k] = potential(new Vec3(i / (double)na, j / (double)nb, k / (double)nc));
        return new EnergyGrid(lattice, na, nb, nc, e);
    }

    public static double Cos(double f) => Math.Cos(2 * Math.PI * f);

    /// <summary>−cos 2πx − cos 2πy − cos 2πz: one minimum per cell at the origin (−3), saddles at face centres of the
    /// Wigner–Seitz cell, e.g. (½, 0, 0) at −1, so every hop to a neighbouring cell has a barrier of exactly 2 eV.</summary>
    public static double SimpleCubic(Vec3 f) => -Cos(f.X) - Cos(f.Y) - Cos(f.Z);

    /// <summary>−cos 2πx · cos 2πy − ½ cos 2πz: minima at (0, 0, 0) and (½, ½, 0) (−1.5), a maximum at (½, 0, 0)
    /// (+0.5) and the level 0 − ½ on the planes x = ¼, ¾: the hop (0,0,0) → (1,0,0) has a straight-line barrier of
    /// 2 eV but a minimum-energy path through (½, ±½, 0) with a barrier of exactly 1 eV.</summary>
    public static double Checkerboard(Vec3 f) => -Cos(f.X) * Cos(f.Y) - 0.5 * Cos(f.Z);
}
