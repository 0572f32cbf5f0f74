using BarrierNet.Core.Landscape;

namespace BarrierNet.Tests.Landscape;

/// <summary>
/// The first implementation of <see cref="BvseLandscape.Grid(int, int, int)"/>, one grid point at a time, kept to
/// check the grid computed several points at a time against it bit for bit.
/// </summary>
internal static class ReferenceLandscapeGrid
{
    public static double[] Grid(BvseLandscape landscape, int na, int nb, int nc)
    {
        var lattice = landscape.Structure.Lattice;
        var energies = new double[na * nb * nc];
        var stepA = lattice.A / na; var stepB = lattice.B / nb; var stepC = lattice.C / nc;
        var recip = lattice.Reciprocal;
        double ra = recip.A.Norm, rb = recip.B.Norm, rc = recip.C.Norm;
        double cc = stepC.Dot(stepC);
        foreach (var (p, w, pot) in landscape.Terms)
        {
            double cutoff = pot.Cutoff, cut2 = cutoff * cutoff;
            var f = lattice.ToFractional(p);
            int i0 = (int)Math.Ceiling((f.X - cutoff * ra) * na), i1 = (int)Math.Floor((f.X + cutoff * ra) * na);
            int j0 = (int)Math.Ceiling((f.Y - cutoff * rb) * nb), j1 = (int)Math.Floor((f.Y + cutoff * rb) * nb);
            int k0 = (int)Math.Ceiling((f.Z - cutoff * rc) * nc), k1 = (int)Math.Floor((f.Z + cutoff * rc) * nc);
            for (int i = i0; i <= i1; i++)
            {
                int iw = Mod(i, na);
                for (int j = j0; j <= j1; j++)
                {
                    int row = (iw * nb + Mod(j, nb)) * nc;
                    var d0 = i * stepA + j * stepB - p;
                    double bq = d0.Dot(stepC), c0 = d0.Dot(d0) - cut2;
                    double disc = bq * bq - cc * c0;
                    if (disc < 0) continue;
                    double root = Math.Sqrt(disc);
                    int kLo = Math.Max(k0, (int)Math.Ceiling((-bq - root) / cc)), kHi = Math.Min(k1, (int)Math.Floor((-bq + root) / cc));
                    int kw = Mod(kLo, nc);
                    for (int k = kLo; k <= kHi; k++, kw = kw + 1 == nc ? 0 : kw + 1)
                    {
                        double r2 = c0 + cut2 + k * (2 * bq + k * cc);
                        if (r2 <= cut2) energies[row + kw] += w * pot.EnergyFromSquare(Math.Max(r2, 0));
                    }
                }
            }
        }
        return energies;
    }

    private static int Mod(int x, int n) => ((x % n) + n) % n;
}
