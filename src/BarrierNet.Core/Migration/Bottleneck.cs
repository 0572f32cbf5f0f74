using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// The narrowest gap a straight hop must squeeze through: the smallest distance from the segment between the two
/// sites to any host-framework atom, over all periodic images. Other mobile ions are not counted, because in a
/// vacancy hop they are neighbours, not obstacles fixed by the framework.
/// </summary>
public static class Bottleneck
{
    public static double Of(Lattice lattice, IReadOnlyList<Site> host, Vec3 fromFrac, Vec3 toFrac)
    {
        if (host.Count == 0) return double.PositiveInfinity;
        var a = lattice.ToCartesian(fromFrac);
        var b = lattice.ToCartesian(toFrac);
        var mid = 0.5 * (fromFrac + toFrac);
        double half = 0.5 * (b - a).Norm;
        var widths = lattice.PerpendicularWidths;
        // Search radius around the midpoint: the nearest host atom to the midpoint bounds the answer from above.
        double best = double.PositiveInfinity;
        foreach (var h in host)
        {
            var d = h.Frac - mid;
            d -= d.Round();
            best = Math.Min(best, lattice.ToCartesian(d).Norm + half);
        }
        double reach = best + half;
        int ma = (int)Math.Ceiling(reach / widths.X) + 1, mb = (int)Math.Ceiling(reach / widths.Y) + 1, mc = (int)Math.Ceiling(reach / widths.Z) + 1;
        double result = double.PositiveInfinity;
        foreach (var h in host)
        {
            var d = h.Frac - mid;
            var baseShift = -d.Round();
            for (int i = -ma; i <= ma; i++)
                for (int j = -mb; j <= mb; j++)
                    for (int k = -mc; k <= mc; k++)
                    {
                        var p = lattice.ToCartesian(h.Frac + baseShift + new Vec3(i, j, k));
                        result = Math.Min(result, PointSegmentDistance(p, a, b));
                    }
        }
        return result;
    }

    public static double PointSegmentDistance(Vec3 p, Vec3 a, Vec3 b)
    {
        var ab = b - a;
        double l2 = ab.NormSquared;
        double t = l2 < 1e-24 ? 0 : Math.Clamp((p - a).Dot(ab) / l2, 0, 1);
        return (p - (a + t * ab)).Norm;
    }
}
