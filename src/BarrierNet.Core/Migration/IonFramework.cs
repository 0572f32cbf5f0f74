using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// A structure split the way a migration calculation sees it: the sublattice of the mobile ion (hop endpoints,
/// possibly partially occupied) and an ordered host framework of every other atom (one species per position,
/// occupancy 1). Produced by <see cref="DisorderPolicy"/>; <see cref="Notes"/> records every decision it made so the
/// CLI can report it instead of guessing silently.
/// </summary>
/// <param name="Source">The structure as read.</param>
/// <param name="Ion">Element symbol of the mobile ion.</param>
/// <param name="IonSites">The ion's sites (hop endpoints), fractional, possibly partially occupied.</param>
/// <param name="Host">Every other atom, ordered (occupancy 1), fractional.</param>
/// <param name="Notes">One line per decision the disorder policy made.</param>
public sealed record IonFramework(
    Structure Source,
    string Ion,
    IReadOnlyList<IonSite> IonSites,
    IReadOnlyList<Site> Host,
    IReadOnlyList<string> Notes)
{
    /// <summary>The source structure's lattice; ion sites and host are in its fractional coordinates.</summary>
    public Lattice Lattice => Source.Lattice;

    /// <summary>True when the ion sublattice has partially occupied sites and the band must thin it.</summary>
    public bool IonSublatticeIsPartial => IonSites.Any(s => s.Occupancy < 1 - 1e-6);

    /// <summary>Number of ions per unit cell (sum of ion-site occupancies).</summary>
    public double IonsPerCell => IonSites.Sum(s => s.Occupancy);
}
