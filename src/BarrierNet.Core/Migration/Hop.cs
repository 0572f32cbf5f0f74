using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// One symmetry-distinct hop of the mobile ion between two sites of its sublattice, as a crystallographer lists it.
/// The hop goes from ion site <see cref="FromSite"/> in the home cell to ion site <see cref="ToSite"/> in the cell
/// shifted by <see cref="Image"/> lattice vectors.
/// </summary>
/// <param name="Index">0-based position in the list of distinct hops (sorted by length).</param>
/// <param name="Ion">Element symbol of the migrating ion.</param>
/// <param name="FromSite">Index into <see cref="IonFramework.IonSites"/>.</param>
/// <param name="FromLabel">Label of the from-site, as in <see cref="IonSite.Label"/>.</param>
/// <param name="FromClass">Symmetry-equivalence class of the from-site.</param>
/// <param name="ToSite">Index of the to-site into <see cref="IonFramework.IonSites"/>.</param>
/// <param name="ToLabel">Label of the to-site.</param>
/// <param name="ToClass">Symmetry-equivalence class of the to-site.</param>
/// <param name="Image">Lattice translation (a, b, c) of the cell holding the to-site.</param>
/// <param name="Length">Straight-line length in Å.</param>
/// <param name="Multiplicity">How many equivalent (undirected) hops one unit cell holds.</param>
/// <param name="Bottleneck">Smallest distance (Å) from the straight path to any host-framework atom (ions excluded).</param>
/// <param name="FromFrac">From-site fractional coordinates (unit cell, in [0, 1)).</param>
/// <param name="ToFrac">To-site fractional coordinates including the image offset (may lie outside [0, 1)).</param>
/// <param name="FromCartesian">From-site Cartesian coordinates, Å.</param>
/// <param name="ToCartesian">To-site Cartesian coordinates including the image offset, Å.</param>
public sealed record Hop(
    int Index,
    string Ion,
    int FromSite, string FromLabel, int FromClass,
    int ToSite, string ToLabel, int ToClass,
    (int A, int B, int C) Image,
    double Length,
    int Multiplicity,
    double Bottleneck,
    Vec3 FromFrac, Vec3 ToFrac,
    Vec3 FromCartesian, Vec3 ToCartesian);
