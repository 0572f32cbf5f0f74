using System.Runtime.CompilerServices;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// A band whose inner images lie on the hop's minimum-energy path through the bond-valence site-energy landscape
/// (<see cref="MinimumEnergyPath"/>, the <c>bvse_path</c> of `hops`) instead of on the straight line: a NEB relaxes
/// the path towards the valley floor, so a network reading these images sees roughly where the ion really passes.
/// Images stand at equal arc length along the path; the endpoints and the host are unchanged. The landscape is that
/// of the band's host plus the ion at its from-site, on a <see cref="Resolution"/> grid; where it cannot be computed (no valence assignment,
/// no softBV parameters) or no finite path joins the sites, the band keeps its straight images and says so.
/// <para>The landscape does not depend on atom order, so neither do the images; an origin shift moves the grid's
/// points relative to the atoms, which moves the images by at most about one grid spacing.</para>
/// </summary>
internal static class MinimumEnergyBand
{
    /// <summary>Grid spacing (Å) of the landscape the path is found on: the landscape descriptors', coarse enough for a band's supercell.</summary>
    public const double Resolution = 0.3;

    /// <summary>Room (Å) around the straight hop the path may use (that of <c>bvse_path</c>).</summary>
    public const double Margin = MinimumEnergyPath.DefaultMargin;

    /// <summary>The band to read, and whether its inner images lie on the path (false: the straight band, kept).</summary>
    public readonly record struct Placement(Band Band, bool OnPath);

    private static readonly ConditionalWeakTable<BarrierEntry, StrongBox<Placement>> Cache = new();

    /// <summary>
    /// <see cref="Place"/> of an entry's band, computed once per loaded entry: cross-validation builds the same
    /// training bands fold after fold, and the landscape is the costly part (boxed, as the weak table stores classes only).
    /// </summary>
    public static Placement For(BarrierEntry entry) => Cache.GetValue(entry, e => new StrongBox<Placement>(Place(e.AsBand()))).Value;

    /// <summary>The band with its inner images at equal arc length along the minimum-energy path from its first image to its last.</summary>
    public static Placement Place(Band band)
    {
        var path = Find(band);
        if (path is null) return new Placement(band, false);
        var images = band.Images.ToArray();
        for (int k = 1; k < images.Length - 1; k++) images[k] = images[k] with { Frac = path.Points[k] };
        return new Placement(band.WithImages(images), true);
    }

    /// <summary>
    /// The path resampled to one point per image (equal arc length, the two sites exactly at its ends), or null when
    /// there is no landscape or no finite path between the sites inside the search box.
    /// </summary>
    public static EnergyPath? Find(Band band, int? points = null)
    {
        EnergyGrid grid;
        try { grid = Grid(band); }
        catch (LandscapeException) { return null; }
        try { return MinimumEnergyPath.Find(grid, band.Start.Frac, band.End.Frac, Margin, points ?? band.ImageCount); }
        catch (InvalidOperationException) { return null; }   // every route blocked (energies not finite)
        catch (SearchBoxTooLargeException) { return null; }
    }

    /// <summary>The landscape of the band's ion in its host plus the ion at its from-site (valences need the ion present).</summary>
    public static EnergyGrid Grid(Band band) =>
        BvseLandscape.For(band.InitialStructure(), Elements.BySymbol(band.Ion), new BvseOptions(Resolution)).Grid();
}
