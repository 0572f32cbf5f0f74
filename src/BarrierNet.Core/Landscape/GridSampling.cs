using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>Reads an <see cref="EnergyGrid"/> between its points: periodic wrap and trilinear interpolation.</summary>
internal static class GridSampling
{
    /// <summary>Energy at grid point (i, j, k) given in unwrapped integers (any cell).</summary>
    public static double At(EnergyGrid grid, int i, int j, int k) =>
        grid[grid.Index(i, j, k)];

    /// <summary>Trilinear interpolation of the periodic grid at fractional coordinates (any cell).</summary>
    public static double Interpolate(EnergyGrid grid, Vec3 frac)
    {
        double x = frac.X * grid.Na, y = frac.Y * grid.Nb, z = frac.Z * grid.Nc;
        int i = (int)Math.Floor(x), j = (int)Math.Floor(y), k = (int)Math.Floor(z);
        double fx = x - i, fy = y - j, fz = z - k;
        double e = 0;
        for (int di = 0; di < 2; di++)
            for (int dj = 0; dj < 2; dj++)
                for (int dk = 0; dk < 2; dk++)
                {
                    double w = (di == 0 ? 1 - fx : fx) * (dj == 0 ? 1 - fy : fy) * (dk == 0 ? 1 - fz : fz);
                    if (w != 0) e += w * At(grid, i + di, j + dj, k + dk);
                }
        return e;
    }

    public static int Mod(int v, int n) { int r = v % n; return r < 0 ? r + n : r; }
}
