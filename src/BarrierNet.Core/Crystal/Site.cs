namespace BarrierNet.Core.Crystal;

/// <summary>
/// One atom site: an element at fractional coordinates, with its occupancy (1 for an ordered site).
/// A mixed site (say Li 0.5 / Al 0.25) is several <see cref="Site"/>s at the same position, as in a CIF.
/// </summary>
/// <param name="Element">Element symbol ("Li"), without charge.</param>
/// <param name="Frac">Fractional coordinates in the structure's lattice.</param>
/// <param name="Occupancy">Fraction of cells in which the site holds this element, in (0, 1].</param>
/// <param name="Label">The file's site label ("Li1"), or null.</param>
/// <param name="OxidationState">Formal charge when the file gives one ("Fe3+" → 3), or null.</param>
public sealed record Site(string Element, Vec3 Frac, double Occupancy = 1.0, string? Label = null, double? OxidationState = null)
{
    /// <summary>True for a fully occupied site (occupancy 1 within 10⁻⁶).</summary>
    public bool IsOrdered => Math.Abs(Occupancy - 1.0) < 1e-6;
}
