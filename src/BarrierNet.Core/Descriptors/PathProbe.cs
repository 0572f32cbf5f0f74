using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// What the ion sees at one point of its path: the distances to the nearest host atoms, the nearest anion and cation,
/// how many atoms crowd it, its anion coordination and the electronegativity of its four nearest neighbours. Missing
/// neighbours count as being at <see cref="HopDescriptors.EnvironmentRadius"/>; symmetric ties are shared so that no
/// value depends on atom order.
/// </summary>
internal static class PathProbe
{
    /// <summary>Distances to host atoms closer than this (Å) are the same neighbour shell (symmetry-equivalent atoms, rounding noise).</summary>
    public const double TieTolerance = 1e-6;

    /// <summary>What the ion sees at one point of the path.</summary>
    public readonly record struct Result(double Nearest, double Mean4, double Anion, double AnionRadius, double Cation,
        int Within25, int Within30, int Coordination, double NeighbourEn);

    /// <summary>The view from Cartesian point <paramref name="q"/> of the host atom images <paramref name="env"/>.</summary>
    public static Result At(Vec3 q, List<(Vec3 Pos, int Host)> env, bool[] isAnion, double?[] hostEn, string[] hostEl)
    {
        var d = new (double D, int Host)[env.Count];
        for (int i = 0; i < env.Count; i++) d[i] = ((env[i].Pos - q).Norm, env[i].Host);
        Array.Sort(d, (x, y) => x.D.CompareTo(y.D));
        double R = HopDescriptors.EnvironmentRadius;
        double nearest = d.Length > 0 ? Math.Min(d[0].D, R) : R;
        double sum4 = 0;
        for (int k = 0; k < 4; k++) sum4 += k < d.Length ? Math.Min(d[k].D, R) : R;
        // Electronegativity of the four nearest: atoms tied with the fourth (symmetric sites, within TieTolerance) share
        // the remaining places equally, so that the value does not depend on the order rounding puts them in.
        double enSum = 0, enWeight = 0;
        if (d.Length > 0)
        {
            double d4 = d[Math.Min(3, d.Length - 1)].D;
            int closer = d.Count(x => x.D < d4 - TieTolerance);
            var tied = d.Where(x => Math.Abs(x.D - d4) <= TieTolerance).ToList();
            double share = (Math.Min(4, d.Length) - closer) / (double)tied.Count;
            foreach (var (_, h) in d.Where(x => x.D < d4 - TieTolerance))
                if (hostEn[h] is double en) { enSum += en; enWeight += 1; }
            foreach (var (_, h) in tied)
                if (hostEn[h] is double en) { enSum += share * en; enWeight += share; }
        }
        double anion = R, cation = R, anionRadius = 0;
        bool haveAnion = false, haveCation = false;
        int w25 = 0, w30 = 0;
        foreach (var (dist, h) in d)
        {
            if (dist <= 2.5) w25++;
            if (dist <= 3.0) w30++;
            if (!haveAnion && isAnion[h] && dist <= R) { anion = dist; haveAnion = true; }
            if (!haveCation && !isAnion[h] && dist <= R) { cation = dist; haveCation = true; }
        }
        // Radius of the nearest anion; among symmetric ties the largest, whatever their order.
        if (haveAnion)
            foreach (var (dist, h) in d)
                if (isAnion[h] && dist <= anion + TieTolerance) anionRadius = Math.Max(anionRadius, IonicRadii.Anion(hostEl[h]));
        // First anion shell: anions within 1.2 × the nearest anion distance (at least 1.6 Å, so that a host atom sitting
        // on the image does not shrink the shell to nothing).
        int coord = 0;
        if (haveAnion)
        {
            double shell = 1.2 * Math.Max(anion, 1.6);
            foreach (var (dist, h) in d) if (isAnion[h] && dist <= shell) coord++;
        }
        return new Result(nearest, sum4 / 4, anion, anionRadius, cation, w25, w30, coord, enWeight > 0 ? enSum / enWeight : 0);
    }
}
