using System.Globalization;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Migration;

/// <summary>
/// How a (possibly disordered) structure becomes an <see cref="IonFramework"/>: the ion sublattice plus an ordered
/// host. Disorder is the normal case for fast-ion conductors (garnets, argyrodites, NASICONs), so the default policy
/// always produces an answer, deterministically, and records each decision in <see cref="IonFramework.Notes"/>.
/// See docs/disorder.md for the reasoning.
///
/// <para><b>majority</b> (default):</para>
/// <list type="number">
/// <item>Sites closer than 0.05 Å form one position (a mixed site).</item>
/// <item>A position whose majority species is the ion is an ion site (a hop endpoint), with the ion's occupancy,
/// however small; its minority co-occupants (Al on a garnet Li site) are dropped.</item>
/// <item>When no position has the ion as its majority species, the positions it shares are its sites (Li with La on
/// the A site of an LLTO perovskite): hop endpoints that the band fills with the host species where no ion sits.</item>
/// <item>Every other position becomes one host atom of its majority species (ties: lower atomic number), provided its
/// total occupancy is at least 0.5; emptier host positions are dropped.</item>
/// <item>Host atoms closer than 0.7 Å to one another (split positions) are unphysical together: the one with the
/// higher occupancy is kept (ties: smaller fractional coordinates).</item>
/// <item>The ion sublattice is thinned only when a band is built (see <see cref="IonSublatticeThinning"/>).</item>
/// </list>
/// <para><b>strict</b>: refuses any partial occupancy or mixed site, for users who want to order the structure themselves.</para>
/// </summary>
public sealed class DisorderPolicy
{
    /// <summary>Host atoms closer than this (Å) are split positions of one atom; the more occupied one is kept.</summary>
    public const double SplitHostDistance = 0.7;
    /// <summary>Host positions with a total occupancy below this are left empty.</summary>
    public const double MinimumHostOccupancy = 0.5;

    private DisorderPolicy(string name) { Name = name; }

    /// <summary>"majority" or "strict", as the CLI's --disorder option takes it.</summary>
    public string Name { get; }

    /// <summary>Orders any structure deterministically (the default).</summary>
    public static DisorderPolicy Majority { get; } = new("majority");
    /// <summary>Refuses partial occupancy and mixed sites.</summary>
    public static DisorderPolicy Strict { get; } = new("strict");

    /// <summary>Every policy.</summary>
    public static IReadOnlyList<DisorderPolicy> All { get; } = new[] { Majority, Strict };

    /// <summary>The policy of a name (case-insensitive).</summary>
    /// <param name="name">"majority" or "strict"; null or blank for <see cref="Majority"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="HopException">An unknown name.</exception>
    public static DisorderPolicy Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Majority;
        return All.FirstOrDefault(p => p.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new HopException($"unknown disorder policy '{name}' (choose {string.Join(" or ", All.Select(p => p.Name))})");
    }

    /// <summary>The policy's <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    /// <summary>Splits a structure into the ion sublattice and an ordered host.</summary>
    /// <param name="structure">The structure as read.</param>
    /// <param name="ion">The mobile ion's element symbol.</param>
    /// <returns>The framework, with a note for every site it changed.</returns>
    /// <exception cref="HopException">The strict policy met disorder, or no position has the ion as its majority species.</exception>
    public IonFramework Apply(Structure structure, string ion)
    {
        var positions = MixedSites.Group(structure);
        var notes = new List<string>();
        if (this == Strict)
        {
            int partial = structure.Sites.Count(s => !s.IsOrdered);
            int mixed = positions.Count(p => p.Sites.Count > 1);
            if (partial > 0 || mixed > 0)
                throw new HopException($"structure is disordered ({partial} partially occupied site rows, {mixed} mixed positions); order it first or use --disorder majority");
        }

        var ionSites = new List<IonSite>();
        var host = new List<(Site Site, double Occupancy, IReadOnlyList<(string Element, double Occupancy)> Species)>();
        int droppedCoOccupants = 0, droppedEmpty = 0, resolvedMixed = 0;
        bool ionIsMajoritySomewhere = positions.Any(p => p.Majority.Element == ion);
        var sharedHosts = new HashSet<string>();
        foreach (var p in positions)
        {
            if (!ionIsMajoritySomewhere && p.Species.Any(sp => sp.Element == ion))
            {
                var (element, occupancy) = p.Majority;
                var label = p.Sites.First(s => s.Element == ion).Label ?? "";
                double ionOccupancy = p.Species.First(sp => sp.Element == ion).Occupancy;
                ionSites.Add(new IonSite(ionSites.Count, ion, p.Frac, Math.Min(1.0, ionOccupancy), label, SharedWith: element, SharedOccupancy: occupancy));
                sharedHosts.Add(element);
                continue;
            }
            var majority = p.Majority;
            if (majority.Element == ion)
            {
                var label = p.Sites.First(s => s.Element == ion).Label ?? "";
                ionSites.Add(new IonSite(ionSites.Count, ion, p.Frac, Math.Min(1.0, majority.Occupancy), label));
                droppedCoOccupants += p.Species.Count - 1;
                continue;
            }
            if (p.TotalOccupancy < MinimumHostOccupancy - 1e-6) { droppedEmpty++; continue; }
            if (p.Species.Count > 1) resolvedMixed++;
            var first = p.Sites.First(s => s.Element == majority.Element);
            host.Add((new Site(majority.Element, p.Frac, 1.0, first.Label, first.OxidationState), p.TotalOccupancy, p.Species));
        }
        if (ionSites.Count == 0)
            throw new HopException($"no site has {ion} as its majority species");

        // Split host positions: keep the fuller one of any pair closer than SplitHostDistance.
        var order = Enumerable.Range(0, host.Count)
            .OrderByDescending(i => Math.Round(host[i].Occupancy, 6))
            .ThenBy(i => host[i].Site.Frac.X).ThenBy(i => host[i].Site.Frac.Y).ThenBy(i => host[i].Site.Frac.Z).ToList();
        var kept = new List<int>();
        int droppedSplit = 0;
        foreach (int i in order)
        {
            if (kept.Any(k => structure.Lattice.MinimumImageDistance(host[k].Site.Frac, host[i].Site.Frac) < SplitHostDistance)) { droppedSplit++; continue; }
            kept.Add(i);
        }
        kept.Sort();
        var hostSites = kept.Select(i => host[i].Site).ToList();
        var mixedHost = kept.Select((i, k) => (Species: host[i].Species, Index: k)).Where(x => x.Species.Count > 1)
            .Select(x => new MixedHostSite(x.Index, x.Species)).ToList();

        if (resolvedMixed > 0) notes.Add($"{resolvedMixed} mixed host positions given their majority species");
        if (droppedEmpty > 0) notes.Add($"{droppedEmpty} host positions with total occupancy below {MinimumHostOccupancy.ToString(CultureInfo.InvariantCulture)} left empty");
        if (droppedSplit > 0) notes.Add($"{droppedSplit} host atoms within {SplitHostDistance.ToString(CultureInfo.InvariantCulture)} Å of a fuller one (split positions) left out");
        if (sharedHosts.Count > 0)
            notes.Add($"no position has {ion} as its majority species: the {ionSites.Count} positions it shares with {string.Join(", ", sharedHosts.Order(StringComparer.Ordinal))} are its sites; bands put {string.Join(", ", sharedHosts.Order(StringComparer.Ordinal))} on those that hold no {ion}");
        if (droppedCoOccupants > 0) notes.Add($"{droppedCoOccupants} minority co-occupants of {ion} sites left out");
        int partialIons = ionSites.Count(s => s.Occupancy < 1 - 1e-6);
        if (partialIons > 0)
            notes.Add(FormattableString.Invariant($"{partialIons} of {ionSites.Count} {ion} sites partially occupied ({ionSites.Sum(s => s.Occupancy):0.##} {ion} per cell); all are hop endpoints, bands thin them by farthest-point selection"));
        return new IonFramework(structure, ion, ionSites, hostSites, notes, mixedHost);
    }
}
