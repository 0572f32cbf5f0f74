using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Linearly interpolated NEB images of a band, for users who want to check a hop with DFT: structure k (k = 0 … n−1)
/// has the migrating ion at fraction k/(n−1) of the straight path and the band's host unchanged, the ion first, so
/// every image lists atoms in the same order (VASP needs that). The default 7 structures are VASP's 00 … 06:
/// the two endpoints and 5 intermediate images.
/// </summary>
internal static class NebImages
{
    public const int DefaultCount = 7;

    public static IReadOnlyList<Structure> Linear(Band band, int count = DefaultCount) =>
        Along(band, t => null, count);

    /// <summary>
    /// Images along a curved path (a minimum-energy path on the landscape): structure k has the migrating ion at
    /// fraction k/(n−1) of the path's length. <paramref name="path"/> gives the ion's fractional coordinates in the
    /// band's supercell at a fraction t of the path, starting at the band's first image and ending at its last.
    /// </summary>
    public static IReadOnlyList<Structure> Along(Band band, Func<double, Vec3?> path, int count = DefaultCount)
    {
        if (count < 2) throw new ArgumentException("an NEB needs at least the two endpoints");
        var start = band.Start;
        var end = band.End;
        var host = band.Host.Sites;
        var images = new List<Structure>(count);
        for (int k = 0; k < count; k++)
        {
            double t = k / (double)(count - 1);
            var position = path(t) ?? start.Frac + t * (end.Frac - start.Frac);
            var sites = new List<Site>(host.Count + 1) { start with { Frac = position } };
            sites.AddRange(host);
            images.Add(new Structure(band.Lattice, sites, name: $"{band.Name} image {k:00}"));
        }
        return images;
    }
}
