using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// How close the migrating ion may come to the centre of a host atom. A straight hop whose bottleneck is below
/// <see cref="Minimum"/> runs through that atom: the real path must bend around it, so a barrier computed or learnt
/// on the straight line is not a barrier of any real path, and an NEB started on it puts two nuclei almost on top of
/// each other (no DFT code converges from there). 1 Å is well below every cation–anion bond (Li–O 1.9 Å, Li–F 1.8 Å,
/// H–O 1.0 Å aside) and above the 0.00–0.5 Å that marks a path through an atom.
/// </summary>
internal static class PathClearance
{
    public const double Minimum = 1.0;

    /// <summary>Does a straight path with this bottleneck (Å) run through a host atom?</summary>
    public static bool IsBlocked(double bottleneck) => bottleneck < Minimum;

    /// <summary>
    /// The smallest distance (Å, over periodic images) between atom <paramref name="atom"/> and every other atom of
    /// the structure; infinity for a structure of one atom.
    /// </summary>
    public static double NearestNeighbour(Structure s, int atom)
    {
        var others = s.Sites.Where((_, i) => i != atom).ToList();
        var p = s.Sites[atom].Frac;
        return Bottleneck.Of(s.Lattice, others, p, p);
    }
}
