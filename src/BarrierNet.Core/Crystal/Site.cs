namespace BarrierNet.Core.Crystal;

/// <summary>
/// One atom site: an element at fractional coordinates, with its occupancy (1 for an ordered site).
/// A mixed site (say Li 0.5 / Al 0.25) is several <see cref="Site"/>s at the same position, as in a CIF.
/// </summary>
public sealed record Site(string Element, Vec3 Frac, double Occupancy = 1.0, string? Label = null, double? OxidationState = null)
{
    public bool IsOrdered => Math.Abs(Occupancy - 1.0) < 1e-6;
}
