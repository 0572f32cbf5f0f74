using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// The narrowest gap a straight hop must squeeze through: the smallest distance from the segment between the two
/// sites to any host-framework atom, over all periodic images. Other mobile ions are not counted, because in a
/// vacancy hop they are neighbours, not obstacles fixed by the framework.
/// </summary>
internal static class Bottleneck
{
    public static double Of(Lattice lattice, IReadOnlyList<Site> host, Vec3 fromFrac, Vec3 toFrac)
    {
        if (host.Count == 0) return double.PositiveInfinity;
        var a = lattice.ToCartesian(fromFrac);
        var b = lattice.ToCartesian(toFrac);
        var mid = 0.5 * (fromFrac + toFrac);
        double half = 0.5 * (b - a).Norm;
        var w = lattice.PerpendicularWidths;

        // The midpoint lies on the segment, so the nearest host atom to it bounds the answer from above (U); an image
        // can only beat U if it lies within U + half of the midpoint.
        double upper = double.PositiveInfinity;
        foreach (var h in host)
        {
            var d = h.Frac - mid;
            upper = Math.Min(upper, lattice.ToCartesian(d - d.Round()).Norm);
        }
        double radius = upper + half + 1e-9;

        // A point within `radius` of the midpoint has |Δf_i| ≤ radius / width_i along each axis (distance to the
        // lattice plane through the midpoint), which bounds the images to visit exactly, whatever the cell's shape.
        double result = upper;
        foreach (var h in host)
        {
            var d = h.Frac - mid;
            int a0 = (int)Math.Ceiling(-radius / w.X - d.X), a1 = (int)Math.Floor(radius / w.X - d.X);
            int b0 = (int)Math.Ceiling(-radius / w.Y - d.Y), b1 = (int)Math.Floor(radius / w.Y - d.Y);
            int c0 = (int)Math.Ceiling(-radius / w.Z - d.Z), c1 = (int)Math.Floor(radius / w.Z - d.Z);
            for (int i = a0; i <= a1; i++)
                for (int j = b0; j <= b1; j++)
                    for (int k = c0; k <= c1; k++)
                    {
                        var p = lattice.ToCartesian(h.Frac + new Vec3(i, j, k));
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
