using System.Globalization;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// Adds the minima of the mobile ion's energy landscape to the listed ion sites as empty interstitial sites
/// (occupancy 0): the M2 sites of a NASICON whose file lists only M1, the interstitials an ordered file never lists.
/// A minimum is a site when it lies within <see cref="Window"/> eV of the landscape's lowest point and farther than
/// <see cref="MinimumSeparation"/> Å from every listed ion site and every site already added; it is added with its
/// whole orbit under the space-group operations, so the sites keep the crystal's symmetry exactly (a minimum a few
/// hundredths of an ångström off a special position, as a grid finds it, is first moved onto it: the mean of its
/// images that land within <see cref="MinimumSeparation"/> of it).
/// </summary>
internal static class LandscapeSites
{
    /// <summary>Minima up to this many eV above the landscape's minimum become sites (BVSE site energies of occupied and interstitial Li sites span about 1 eV).</summary>
    public const double Window = 1.0;

    /// <summary>A minimum closer than this (Å) to a site is that site.</summary>
    public const double MinimumSeparation = 1.0;

    public static IonFramework Add(IonFramework framework, BvseLandscape landscape, EnergyGrid grid, IReadOnlyList<SymmetryOperation> operations)
    {
        var lattice = framework.Lattice;
        var ops = operations.Prepend(SymmetryOperation.Identity).Distinct().ToList();
        var sites = framework.IonSites.ToList();
        int listed = sites.Count, classes = 0;
        foreach (var minimum in LandscapeMinima.Find(grid, landscape, Window))
        {
            if (sites.Any(s => lattice.MinimumImageDistance(s.Frac, minimum.Frac) < MinimumSeparation)) continue;
            var position = Symmetrize(lattice, minimum.Frac, ops);
            classes++;
            string label = "i" + classes.ToString(CultureInfo.InvariantCulture);
            foreach (var op in ops)
            {
                var image = op.Apply(position).Wrap();
                if (sites.Any(s => lattice.MinimumImageDistance(s.Frac, image) < MinimumSeparation)) continue;
                sites.Add(new IonSite(sites.Count, framework.Ion, image, 0, label));
            }
        }
        if (sites.Count == listed) return framework;
        // Ion sites are numbered in order; classes are assigned by the hop finder.
        var note = FormattableString.Invariant(
            $"{sites.Count - listed} empty interstitial sites in {classes} classes (i1, i2, …) added from the landscape's minima within {Window:0.#} eV of its lowest point");
        return framework with { IonSites = sites, Notes = framework.Notes.Append(note).ToList() };
    }

    /// <summary>The mean of the images of <paramref name="frac"/> that fall within the merge distance of it: its nearest point of higher site symmetry.</summary>
    private static Vec3 Symmetrize(Lattice lattice, Vec3 frac, IReadOnlyList<SymmetryOperation> ops)
    {
        var sum = Vec3.Zero;
        int n = 0;
        foreach (var op in ops)
        {
            var d = op.Apply(frac) - frac;
            d -= d.Round();
            if (lattice.ToCartesian(d).Norm >= MinimumSeparation) continue;
            sum += frac + d;
            n++;
        }
        return (sum / n).Wrap();
    }
}
