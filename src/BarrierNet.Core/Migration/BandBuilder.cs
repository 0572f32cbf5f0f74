using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Builds the model's input for one hop exactly like the training bands (docs/bands.md): a supercell of the input
/// (<see cref="BandSupercell"/>) with the ion's five images evenly spaced on the straight line from the from-site to
/// the to-site, in fractional coordinates of the supercell (not wrapped, so the line stays straight even across a
/// cell face, as in the training files), and the host: the ordered framework, then the other ions, the two endpoint
/// sites left empty (a vacancy hop). A disordered structure becomes one ordered snapshot: by default the
/// deterministic one of docs/disorder.md; with <see cref="Options.OrderingSeed"/>, a random ordering drawn by
/// <see cref="OrderingSampler"/>.
/// </summary>
public static class BandBuilder
{
    /// <param name="OrderingSeed">Null: the deterministic snapshot (majority host species, farthest-point ions).
    /// A number: a random ordering of the partially occupied sublattices drawn with this seed.</param>
    public sealed record Options(double MinimumWidth = BandSupercell.DefaultMinimumWidth, int? OrderingSeed = null);

    /// <summary>The band of one hop.</summary>
    /// <param name="framework">The ion sublattice and host the hop was found in (<see cref="HopAnalysis.Framework"/>).</param>
    /// <param name="hop">The hop.</param>
    /// <param name="options">Supercell settings; null for the defaults.</param>
    /// <returns>The band in a supercell: the ion's images along the hop (fractional, not wrapped) and the host.</returns>
    public static Band Build(IonFramework framework, Hop hop, Options? options = null)
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

        var images = new Site[Band.PublishedImageCount];
        for (int k = 0; k < images.Length; k++)
        {
            double t = k / (double)(images.Length - 1);
            images[k] = new Site(framework.Ion, from + t * (to - from));
        }
        var host = new List<Site>(capacity: (framework.Host.Count + framework.IonSites.Count) * na * nb * nc);

        var translations = new List<Vec3>();
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    translations.Add(new Vec3(i, j, k));

        var random = options.OrderingSeed is int seed ? new Random(seed) : null;
        var hostSpecies = HostSpecies(framework, translations.Count, random);
        for (int h = 0; h < framework.Host.Count; h++)
            for (int t = 0; t < translations.Count; t++)
            {
                var site = framework.Host[h];
                string element = hostSpecies[h][t];
                host.Add(new Site(element, ToSuper(site.Frac.Wrap() + translations[t]), 1.0, site.Label,
                    element == site.Element ? site.OxidationState : null));
            }

        // Ion sublattice of the supercell minus the two endpoints, thinned to the right ion count.
        var candidates = new List<Vec3>();
        var occupancies = new List<double>();
        var sharedWith = new List<string?>();
        double totalIons = 0, totalShared = 0;
        foreach (var s in framework.IonSites)
            foreach (var t in translations)
            {
                var f = ToSuper(s.Frac.Wrap() + t);
                totalIons += s.Occupancy;
                totalShared += s.SharedWith is null ? 0 : s.SharedOccupancy;
                // Interstitial sites from the landscape (occupancy 0) are endpoints only: the host's ions stay on listed sites.
                if (s.Occupancy <= 0) continue;
                if (supercell.MinimumImageDistance(f, from) < 1e-3 || supercell.MinimumImageDistance(f, toWrapped) < 1e-3) continue;
                candidates.Add(f);
                occupancies.Add(s.Occupancy);
                sharedWith.Add(s.SharedWith);
            }
        int keep = (int)Math.Round(totalIons, MidpointRounding.AwayFromZero) - 2;
        var endpoints = new[] { from, toWrapped };
        var ions = random is null
            ? IonSublatticeThinning.Select(supercell, candidates, occupancies, endpoints, keep)
            : OrderingSampler.Ions(supercell, candidates, occupancies, endpoints, keep, random);
        foreach (int i in ions) host.Add(new Site(framework.Ion, candidates[i]));
        host.AddRange(SharedHost(supercell, candidates, occupancies, sharedWith, ions, endpoints,
            (int)Math.Round(totalShared, MidpointRounding.AwayFromZero), random));

        var name = $"{framework.Source.ReducedFormula}_{framework.Ion}_hop{hop.Index + 1}";
        return Band.Create(supercell, images, host, name);
    }

    /// <summary>
    /// Species of every supercell copy of every host position: the majority species, or with a random generator,
    /// a sampled ordering of each mixed sublattice (positions with the same species and occupancies).
    /// </summary>
    private static string[][] HostSpecies(IonFramework framework, int copies, Random? random)
    {
        var species = framework.Host.Select(h => Enumerable.Repeat(h.Element, copies).ToArray()).ToArray();
        if (random is null) return species;
        var sublattices = framework.MixedHostSites
            .GroupBy(m => string.Join(";", m.Species.OrderBy(x => x.Element, StringComparer.Ordinal)
                .Select(x => FormattableString.Invariant($"{x.Element}:{x.Occupancy:0.###}"))));
        foreach (var sublattice in sublattices)
        {
            var members = sublattice.ToList();
            var drawn = OrderingSampler.Species(members.Count * copies, members[0].Species, random);
            for (int m = 0; m < members.Count; m++)
                for (int t = 0; t < copies; t++) species[members[m].HostIndex][t] = drawn[m * copies + t];
        }
        return species;
    }

    /// <summary>
    /// The host species on the shared sites (LLTO A sites) that hold no ion: round(Σ its occupancy) of them, spread
    /// by farthest-point selection from the ions and endpoints, or chosen at random with a generator.
    /// </summary>
    private static IEnumerable<Site> SharedHost(Lattice supercell, List<Vec3> candidates, List<double> occupancies, List<string?> sharedWith,
        int[] ions, Vec3[] endpoints, int count, Random? random)
    {
        var holdsIon = new HashSet<int>(ions);
        var free = Enumerable.Range(0, candidates.Count).Where(i => sharedWith[i] is not null && !holdsIon.Contains(i)).ToList();
        if (free.Count == 0 || count <= 0) yield break;
        var picked = random is null
            ? IonSublatticeThinning.Select(supercell, free.Select(i => candidates[i]).ToList(), free.Select(i => 1 - occupancies[i]).ToList(),
                endpoints.Concat(ions.Select(i => candidates[i])).ToList(), count)
            : OrderingSampler.Subset(free.Count, count, random);
        foreach (int k in picked) yield return new Site(sharedWith[free[k]]!, candidates[free[k]]);
    }

    /// <summary>
    /// A path of the unit cell (starting at the hop's from-site) in the fractional coordinates of the hop's band, as a
    /// function of the fraction t of its length: for NEB images along the landscape's minimum-energy path.
    /// </summary>
    public static Func<double, Vec3?> PathInBand(IonFramework framework, Hop hop, Landscape.EnergyPath path, Options? options = null)
    {
        var (na, nb, nc) = Repeats(framework, options);
        var shift = hop.FromFrac.Wrap() - path.Points[0];
        return t => { var f = path.At(t) + shift; return new Vec3(f.X / na, f.Y / nb, f.Z / nc); };
    }

    /// <summary>The supercell repeats a band of this framework uses (for reports).</summary>
    public static (int A, int B, int C) Repeats(IonFramework framework, Options? options = null) =>
        BandSupercell.Repeats(framework.Lattice, (options ?? new Options()).MinimumWidth);
}
