using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Descriptors that name what blocks the straight hop, measured against the sizes of the atoms rather than in bare
/// Å: the highest barriers in the data are hops whose straight line runs into (or through) a host atom or squeezes
/// through a small window, and a bare distance cannot tell a 1.9 Å gap to an O²⁻ from one to a small cation.
/// Contact distance of the ion with a host atom = the ion's Shannon radius + the host atom's radius: its Shannon
/// anion radius for an anion, its covalent radius for a cation (no single ionic radius fits every cation's charge
/// and coordination; the covalent radius is the conservative size).
/// <list type="bullet">
/// <item><c>contact_min_ratio</c>: min over host atoms of (distance from the straight path) / (contact distance);
/// below 1 the ion must push the atom away or bend round it.</item>
/// <item><c>blocking_atoms</c>: host atoms closer to the path than their contact distance.</item>
/// <item><c>window3</c>, <c>window3_minus_radius</c>: the third-nearest host atom's distance from the path at the path's
/// tightest point (the ring of three atoms the ion must pass through), bare and less the ion's radius.</item>
/// <item><c>mid_contacts</c>: host atoms within 1.2 × contact distance of the hop's midpoint.</item>
/// </list>
/// Every value comes from distances between the path and host atoms' periodic images, so it does not depend on atom
/// order, origin or the choice of cell; a hop with no host atom near the path reads the environment radius.
/// </summary>
internal static class BlockageDescriptors
{
    /// <summary>Descriptor names, in the order of <see cref="Compute(BarrierEntry)"/>'s values.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { "contact_min_ratio", "blocking_atoms", "window3", "window3_minus_radius", "mid_contacts" };

    /// <summary>Multiple of the contact distance within which a host atom counts as touching the ion at the midpoint.</summary>
    public const double MidContactFactor = 1.2;

    /// <summary>Descriptors of an entry's band (or the straight band between its endpoints).</summary>
    public static double[] Compute(BarrierEntry entry) => Compute(HopGeometry.Of(entry.AsBand()));

    /// <summary>Descriptors of a hop's geometry.</summary>
    public static double[] Compute(HopGeometry g)
    {
        double minRatio = double.PositiveInfinity;
        int blocking = 0, midContacts = 0;
        var mid = g.Start + g.Hop * 0.5;
        var contact = g.HostElements.Select((el, h) => g.Radius + (g.IsAnion[h] ? IonicRadii.Anion(el) : Elements.BySymbol(el).CovalentRadius)).ToArray();
        var pathDistances = new List<double>(g.Environment.Count);
        foreach (var (pos, h) in g.Environment)
        {
            double d = DistanceToPath(pos, g.Start, g.Hop);
            pathDistances.Add(d);
            minRatio = Math.Min(minRatio, d / contact[h]);
            if (d < contact[h]) blocking++;
            if ((pos - mid).Norm < MidContactFactor * contact[h]) midContacts++;
        }
        double window = WindowAtNarrowest(g);
        if (double.IsPositiveInfinity(minRatio)) minRatio = HopDescriptors.EnvironmentRadius / g.Radius;
        return new[] { minRatio, blocking, window, window - g.Radius, midContacts };
    }

    /// <summary>Distance from <paramref name="p"/> to the segment from <paramref name="a"/> to a + <paramref name="hop"/>.</summary>
    private static double DistanceToPath(Vec3 p, Vec3 a, Vec3 hop)
    {
        double t = Math.Clamp((p - a).Dot(hop) / hop.NormSquared, 0, 1);
        return (p - (a + hop * t)).Norm;
    }

    /// <summary>
    /// The third-smallest distance from the point of the path nearest any host atom to the host atoms: the radius of the
    /// smallest ring of three atoms around the ion at its tightest point. The narrowest position is folded (t ≤ 0.5);
    /// both t and 1 − t are probed and the tighter ring kept, so the value does not depend on the hop's direction.
    /// </summary>
    private static double WindowAtNarrowest(HopGeometry g)
    {
        double t = g.Narrowest.Position;
        return Math.Min(ThirdNearest(g, g.Start + g.Hop * t), ThirdNearest(g, g.Start + g.Hop * (1 - t)));
    }

    private static double ThirdNearest(HopGeometry g, Vec3 q)
    {
        var d = g.Environment.Select(e => (e.Pos - q).Norm).Order().Take(3).ToList();
        return d.Count < 3 ? HopDescriptors.EnvironmentRadius : Math.Min(d[2], HopDescriptors.EnvironmentRadius);
    }
}
