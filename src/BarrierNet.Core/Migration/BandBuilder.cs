using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Builds the model's input for one hop exactly like the training bands (docs/bands.md): a supercell of the input
/// (<see cref="BandSupercell"/>) whose atoms 0–4 are the ion at five evenly spaced points on the straight line from
/// the from-site to the to-site, in fractional coordinates of the supercell (not wrapped, so the line stays straight
/// even across a cell face, as in the training files), followed by the host: the ordered framework, then the other
/// ions, the two endpoint sites left empty (a vacancy hop). Endpoints follow with
/// <see cref="BarrierEntry.EndpointsFromBand"/>.
/// </summary>
public static class BandBuilder
{
    /// <summary>How the band's supercell is chosen.</summary>
    /// <param name="MinimumWidth">Smallest distance between opposite faces of the supercell, Å (7 Å, as the training bands).</param>
    public sealed record Options(double MinimumWidth = BandSupercell.DefaultMinimumWidth);

    /// <summary>The band of one hop.</summary>
    /// <param name="framework">The ion sublattice and host the hop was found in (<see cref="HopAnalysis.Framework"/>).</param>
    /// <param name="hop">The hop.</param>
    /// <param name="options">Supercell settings; null for the defaults.</param>
    /// <returns>A supercell structure: atoms 0–4 the ion's images along the hop (fractional, not wrapped), then the host.</returns>
    public static Structure Build(IonFramework framework, Hop hop, Options? options = null)
    {
        options ??= new Options();
        var cell = framework.Lattice;
        var (na, nb, nc) = BandSupercell.Repeats(cell, options.MinimumWidth);
        Vec3 ToSuper(Vec3 f) => new(f.X / na, f.Y / nb, f.Z / nc);

        // Endpoints in the supercell; the to-site keeps its image offset so the path is the hop, not a wrapped copy.
        var from = ToSuper(hop.FromFrac.Wrap());
        var to = ToSuper(hop.FromFrac.Wrap() + (hop.ToFrac - hop.FromFrac));
        var toWrapped = to.Wrap();
        var supercell = cell.Supercell(na, nb, nc);
        if (supercell.MinimumImageDistance(from, toWrapped) < 1e-3)
            throw new HopException(FormattableString.Invariant($"hop {hop.Index + 1} ({hop.Length:0.00} Å) joins a site to its own periodic image in the {na}×{nb}×{nc} band supercell; use a larger minimum band width"));

        var sites = new List<Site>(capacity: 5 + (framework.Host.Count + framework.IonSites.Count) * na * nb * nc);
        for (int k = 0; k < BarrierEntry.ImageCount; k++)
        {
            double t = k / (double)(BarrierEntry.ImageCount - 1);
            sites.Add(new Site(framework.Ion, from + t * (to - from)));
        }

        var translations = new List<Vec3>();
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    translations.Add(new Vec3(i, j, k));

        foreach (var h in framework.Host)
            foreach (var t in translations)
                sites.Add(new Site(h.Element, ToSuper(h.Frac.Wrap() + t), 1.0, h.Label, h.OxidationState));

        // Ion sublattice of the supercell minus the two endpoints, thinned to the right ion count.
        var candidates = new List<Vec3>();
        var occupancies = new List<double>();
        double totalIons = 0;
        foreach (var s in framework.IonSites)
            foreach (var t in translations)
            {
                var f = ToSuper(s.Frac.Wrap() + t);
                totalIons += s.Occupancy;
                if (supercell.MinimumImageDistance(f, from) < 1e-3 || supercell.MinimumImageDistance(f, toWrapped) < 1e-3) continue;
                candidates.Add(f);
                occupancies.Add(s.Occupancy);
            }
        int keep = (int)Math.Round(totalIons, MidpointRounding.AwayFromZero) - 2;
        foreach (int i in IonSublatticeThinning.Select(supercell, candidates, occupancies, new[] { from, toWrapped }, keep))
            sites.Add(new Site(framework.Ion, candidates[i]));

        var name = $"{framework.Source.ReducedFormula}_{framework.Ion}_hop{hop.Index + 1}";
        return new Structure(supercell, sites, name: name);
    }

    /// <summary>The supercell repeats a band of this framework uses (for reports).</summary>
    public static (int A, int B, int C) Repeats(IonFramework framework, Options? options = null) =>
        BandSupercell.Repeats(framework.Lattice, (options ?? new Options()).MinimumWidth);
}
