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
    IReadOnlyList<string> Notes,
    IReadOnlyList<MixedHostSite>? MixedHost = null)
{
    /// <summary>Host positions that hold several species (given their majority in <see cref="Host"/>), for samplers of orderings.</summary>
    public IReadOnlyList<MixedHostSite> MixedHostSites => MixedHost ?? Array.Empty<MixedHostSite>();

    /// <summary>True when any part of the structure is disordered: partial ion sites, shared sites or mixed host positions.
    /// Empty interstitial sites from the landscape (occupancy 0) hold no ion in any ordering and do not count.</summary>
    public bool IsDisordered => IonSites.Any(s => s.Occupancy > 0 && s.Occupancy < 1 - 1e-6) || IonSites.Any(s => s.SharedWith is not null) || MixedHostSites.Count > 0;

    /// <summary>The lattice of the structure the framework was built from.</summary>
    public Lattice Lattice => Source.Lattice;

    /// <summary>True when the ion sublattice has partially occupied sites and the band must thin it.</summary>
    public bool IonSublatticeIsPartial => IonSites.Any(s => s.Occupancy < 1 - 1e-6);

    /// <summary>Number of ions per unit cell (sum of ion-site occupancies).</summary>
    public double IonsPerCell => IonSites.Sum(s => s.Occupancy);
}

/// <summary>A host position with several species: index into <see cref="IonFramework.Host"/> and each species' occupancy.</summary>
public sealed record MixedHostSite(int HostIndex, IReadOnlyList<(string Element, double Occupancy)> Species);
