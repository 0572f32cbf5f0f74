using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// One site of the mobile-ion sublattice: a hop endpoint. Partially occupied sites are kept with their occupancy
/// (in garnets or argyrodites every Li site is partial), because a hop connects sites, not atoms.
/// </summary>
/// <param name="Index">Position in <see cref="IonFramework.IonSites"/>.</param>
/// <param name="Element">Element symbol of the ion.</param>
/// <param name="Frac">Fractional coordinates wrapped into [0, 1).</param>
/// <param name="Occupancy">Occupancy of the ion on this site (co-occupants already removed by the disorder policy).</param>
/// <param name="Label">The file's site label when every site of its class carries it, else the element plus class number ("Li1").</param>
/// <param name="EquivalenceClass">Symmetry-equivalent sites share a class (0, 1, … in order of first appearance); −1 before classification.</param>
/// <param name="SharedWith">Majority host species of a position the ion only co-occupies (La on an LLTO A site), or null;
/// bands put that species on the shared sites that hold no ion.</param>
/// <param name="SharedOccupancy">Occupancy of <paramref name="SharedWith"/> on this position.</param>
public sealed record IonSite(int Index, string Element, Vec3 Frac, double Occupancy, string Label, int EquivalenceClass = -1,
    string? SharedWith = null, double SharedOccupancy = 0);
