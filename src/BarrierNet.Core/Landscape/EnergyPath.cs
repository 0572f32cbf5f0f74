using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// A migration path through the energy landscape: points from the from-site to the to-site (fractional, unwrapped,
/// so consecutive points are close even across a cell face), evenly spaced along the path, with the energy at each.
/// </summary>
/// <param name="Points">Fractional coordinates; the first is the from-site, the last the to-site.</param>
/// <param name="Distance">Arc length (Å) from the from-site to each point.</param>
/// <param name="Energies">Interpolated landscape energy (eV) at each point.</param>
/// <param name="GridSaddle">Highest grid energy on the best grid path (eV): the exact minimax barrier top at the grid's resolution.</param>
public sealed record EnergyPath(IReadOnlyList<Vec3> Points, IReadOnlyList<double> Distance, IReadOnlyList<double> Energies, double GridSaddle)
{
    /// <summary>Energy of the lower endpoint, the reference of <see cref="Barrier"/>.</summary>
    public double LowerEndpoint => Math.Min(Energies[0], Energies[^1]);

    /// <summary>Highest energy along the path above the lower endpoint (eV).</summary>
    public double Barrier => Energies.Max() - LowerEndpoint;

    /// <summary>Length of the path, Å.</summary>
    public double Length => Distance[^1];

    /// <summary>The path's point nearest to fraction <paramref name="t"/> (0…1) of its length, linearly interpolated.</summary>
    public Vec3 At(double t)
    {
        double target = Math.Clamp(t, 0, 1) * Length;
        for (int p = 1; p < Points.Count; p++)
            if (Distance[p] >= target - 1e-12)
            {
                double span = Distance[p] - Distance[p - 1];
                double w = span > 1e-12 ? (target - Distance[p - 1]) / span : 1;
                return Points[p - 1] + w * (Points[p] - Points[p - 1]);
            }
        return Points[^1];
    }
}
