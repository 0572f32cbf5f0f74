using System.Globalization;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Descriptors;
using BarrierNet.Core.Neighbors;

namespace BarrierNet.Core.Landscape;

/// <summary>
/// Oxidation states for the bond-valence site energy. Charges the file gives are used as they are. Otherwise each
/// element gets one state: the combination, over the states softBV lists for each element, whose bond-valence sums
/// best match it (least squares, each site weighted by its occupancy) among those that balance the charge of the
/// occupancy-weighted composition within <see cref="BalanceTolerance"/> of the total anion charge. Working over the
/// weighted composition, not one ordering, is what keeps a disordered NASICON's P at +5. When no whole-number
/// combination balances, one element may take a mixed valence between two of its states (Mn 3.5 in LiMn2O4).
/// Anions are the sites whose position is held mainly by an element <see cref="AnionClassifier"/> calls an anion and
/// softBV lists an anionic state for; they keep their most negative listed charge. A structure with no such element
/// (an intermetallic, a hydride, a phosphide) is refused with that reason. Bond valences use the softBV R0 and b of the pair and fall back to
/// the O'Keeffe–Brese values (<see cref="BondValence"/>) for elements softBV lacks, which the notes say.
/// </summary>
internal static class OxidationStates
{
    /// <summary>Largest net charge accepted, as a fraction of the total anion charge (refined occupancies rarely balance exactly).</summary>
    public const double BalanceTolerance = 0.02;

    /// <summary>Bonds counted in a bond-valence sum reach this far, Å.</summary>
    public const double BondCutoff = 3.5;

    /// <summary>States tried per cation element: the ones whose bond-valence sum lies closest to the state.</summary>
    private const int StatesPerElement = 4;

    public static ValenceAssignment Assign(Structure s)
    {
        if (s.Count == 0) throw new LandscapeException("structure has no atoms");
        if (s.Sites.All(x => x.OxidationState is not null)) return FromFile(s);
        return FromBondValenceSums(s);
    }

    private static ValenceAssignment FromFile(Structure s)
    {
        var charges = s.Sites.Select(x => x.OxidationState!.Value).ToList();
        double net = s.Sites.Zip(charges, (x, q) => x.Occupancy * q).Sum();
        double anion = s.Sites.Zip(charges, (x, q) => q < 0 ? -x.Occupancy * q : 0).Sum();
        var notes = new List<string>();
        if (Math.Abs(net) > BalanceTolerance * anion + 1e-6)
            notes.Add($"the file's oxidation states leave a net charge of {net.ToString("+0.###;-0.###", CultureInfo.InvariantCulture)} per cell");
        return new ValenceAssignment(charges, ValenceSource.File, notes) { ByElement = MeanByElement(s, charges) };
    }

    private static ValenceAssignment FromBondValenceSums(Structure s)
    {
        if (!s.Sites.Any(x => HasAnionicState(x.Element))) throw new LandscapeException(NoAnionReason(s));
        var isAnion = AnionSites(s);
        var notes = new List<string>();
        var anionCharge = new Dictionary<string, int>();
        foreach (var el in s.Sites.Where((_, i) => isAnion[i]).Select(x => x.Element).Distinct())
            anionCharge[el] = SoftBvParameters.Charges(el).Where(q => q < 0).Min();
        double totalAnion = s.Sites.Where((_, i) => isAnion[i]).Sum(x => -x.Occupancy * anionCharge[x.Element]);
        if (totalAnion <= 0) throw new LandscapeException("no anions found, so no bond-valence oxidation states (give the charges in the file)");

        var neighbours = NeighborSearch.WithinRadius(s.Lattice, s.Sites.Select(x => x.Frac).ToList(), BondCutoff);
        // Cations by name, and near-equal scores as ties, so that the assignment does not follow the atom order.
        var cations = s.Sites.Where((_, i) => !isAnion[i]).Select(x => x.Element).Distinct().Order(StringComparer.Ordinal).ToList();
        var options = cations.Select(el => CationOptions(s, el, isAnion, anionCharge, neighbours)).ToList();
        var amounts = cations.Select(el => s.Sites.Where((x, i) => !isAnion[i] && x.Element == el).Sum(x => x.Occupancy)).ToList();
        double tolerance = BalanceTolerance * totalAnion + 1e-6;

        var best = BestWholeNumbers(options, amounts, totalAnion, tolerance)
                   ?? BestMixedValence(options, amounts, totalAnion, cations, notes)
                   ?? throw new LandscapeException(NoBalanceReason(s, cations, options, amounts, totalAnion));

        for (int c = 0; c < cations.Count; c++)
            if (options[c].Any(o => o.Charge == best[c] && o.UsedFallback))
                notes.Add($"{cations[c]}: softBV has no bond-valence parameters for some of its bonds; O'Keeffe–Brese values used for those");
        var stateOf = cations.Select((el, c) => (el, best[c])).ToDictionary(t => t.el, t => t.Item2);
        var charges = s.Sites.Select((x, i) => isAnion[i] ? anionCharge[x.Element] : stateOf[x.Element]).ToList();
        return new ValenceAssignment(charges, ValenceSource.BondValenceSums, notes) { ByElement = MeanByElement(s, charges) };
    }

    /// <summary>A cation element's candidate states with their bond-valence mismatch (occupancy-weighted squared deviation).</summary>
    private sealed record StateOption(int Charge, double Mismatch, bool UsedFallback);

    private static List<StateOption> CationOptions(Structure s, string el, bool[] isAnion, Dictionary<string, int> anionCharge,
        List<Neighbor>[] neighbours)
    {
        var states = SoftBvParameters.Charges(el).Where(q => q > 0).ToList();
        if (states.Count == 0)
        {
            int max = Elements.BySymbol(el).MaxOxidationState;
            if (max <= 0) throw new LandscapeException($"no positive oxidation state known for {el}");
            states = Enumerable.Range(1, max).ToList();
        }
        var list = new List<StateOption>();
        foreach (int q in states)
        {
            double mismatch = 0;
            bool fallback = false;
            for (int i = 0; i < s.Count; i++)
            {
                if (isAnion[i] || s.Sites[i].Element != el) continue;
                double sum = 0;
                foreach (var nb in neighbours[i])
                {
                    if (!isAnion[nb.Index]) continue;
                    var partner = s.Sites[nb.Index];
                    var (r0, b, fromTable) = BondParameters(el, q, partner.Element, anionCharge[partner.Element]);
                    if (r0 is null) continue;
                    fallback |= !fromTable;
                    sum += partner.Occupancy * Math.Exp((r0.Value - nb.Distance) / b);
                }
                mismatch += s.Sites[i].Occupancy * (sum - q) * (sum - q);
            }
            list.Add(new StateOption(q, mismatch, fallback));
        }
        return list.OrderBy(o => o.Mismatch).Take(StatesPerElement).ToList();
    }

    private static (double? R0, double B, bool FromTable) BondParameters(string cation, int q, string anion, int qa)
    {
        if (SoftBvParameters.Pair(cation, q, anion, qa) is { } p && p.B > 0) return (p.R0, p.B, true);
        return (BondValence.R0(cation, anion), BondValence.DefaultB, false);
    }

    private static double[]? BestWholeNumbers(List<List<StateOption>> options, List<double> amounts, double totalAnion, double tolerance)
    {
        double[]? best = null;
        double bestScore = double.PositiveInfinity, bestNet = double.PositiveInfinity;
        foreach (var combo in Combinations(options))
        {
            double net = -totalAnion, score = 0;
            for (int c = 0; c < combo.Length; c++) { net += amounts[c] * options[c][combo[c]].Charge; score += options[c][combo[c]].Mismatch; }
            if (Math.Abs(net) > tolerance) continue;
            if (score < bestScore - 1e-9 || (Math.Abs(score - bestScore) <= 1e-9 && Math.Abs(net) < bestNet))
            {
                bestScore = score; bestNet = Math.Abs(net);
                best = combo.Select((k, c) => (double)options[c][k].Charge).ToArray();
            }
        }
        return best;
    }

    /// <summary>Whole-number states for all elements but one, whose mean state then follows from the balance and must lie between two of its listed states.</summary>
    private static double[]? BestMixedValence(List<List<StateOption>> options, List<double> amounts, double totalAnion, List<string> cations, List<string> notes)
    {
        double[]? best = null;
        double bestScore = double.PositiveInfinity;
        int bestElement = -1;
        for (int m = 0; m < options.Count; m++)
        {
            var states = options[m].Select(o => o.Charge).OrderBy(q => q).ToList();
            if (states.Count < 2) continue;
            foreach (var combo in Combinations(options))
            {
                double rest = -totalAnion, score = 0;
                for (int c = 0; c < combo.Length; c++)
                {
                    if (c == m) continue;
                    rest += amounts[c] * options[c][combo[c]].Charge;
                    score += options[c][combo[c]].Mismatch;
                }
                double x = -rest / amounts[m];
                if (x < states[0] || x > states[^1]) continue;
                // The mixed element's mismatch is that of the nearer whole-number state.
                score += options[m].OrderBy(o => Math.Abs(o.Charge - x)).First().Mismatch;
                if (score < bestScore - 1e-9)
                {
                    bestScore = score; bestElement = m;
                    best = combo.Select((k, c) => c == m ? x : (double)options[c][k].Charge).ToArray();
                }
            }
        }
        if (best is null) return null;
        double mixed = best[bestElement];
        string value = mixed.ToString("0.###", CultureInfo.InvariantCulture);
        notes.Add(Math.Abs(mixed - Math.Round(mixed)) < 1e-9
            ? $"{cations[bestElement]} takes the state +{value}, which softBV does not list, to balance the charge"
            : $"{cations[bestElement]} takes the mixed valence {value} to balance the charge");
        return best;
    }

    private static IEnumerable<int[]> Combinations(List<List<StateOption>> options)
    {
        var idx = new int[options.Count];
        while (true)
        {
            yield return (int[])idx.Clone();
            int c = 0;
            while (c < idx.Length && ++idx[c] == options[c].Count) { idx[c] = 0; c++; }
            if (c == idx.Length) yield break;
        }
    }

    private static string NoBalanceReason(Structure s, List<string> cations, List<List<StateOption>> options, List<double> amounts, double totalAnion)
    {
        var inv = CultureInfo.InvariantCulture;
        double most = options.Select((o, c) => amounts[c] * o.Max(x => x.Charge)).Sum();
        double least = options.Select((o, c) => amounts[c] * o.Min(x => x.Charge)).Sum();
        string range = $"cation charge {least.ToString("0.##", inv)}–{most.ToString("0.##", inv)} against anion charge {totalAnion.ToString("0.##", inv)} per cell";
        return $"no oxidation states balance the charge of {s.ReducedFormula} ({range}); give the charges in the file (e.g. Li+, O2-)";
    }

    /// <summary>
    /// Anion sites: those whose position is held mainly by an element the local-bonding rule calls an anion and that
    /// softBV has an anionic state for. An element softBV knows only as a cation is a cation wherever it sits (Li in
    /// NaLi2N is bonded to the less electronegative Na, yet N³⁻ is the anion).
    /// </summary>
    private static bool[] AnionSites(Structure s)
    {
        var groups = SitePositions.Group(s);
        var majority = groups.Select(g => g.OrderByDescending(i => s.Sites[i].Occupancy).ThenBy(i => i).First()).ToList();
        var anion = AnionClassifier.Classify(s.Lattice, majority.Select(i => s.Sites[i].Frac).ToList(), majority.Select(i => s.Sites[i].Element).ToList());
        var result = new bool[s.Count];
        for (int g = 0; g < groups.Count; g++)
            foreach (int i in groups[g]) result[i] = anion[g] && HasAnionicState(s.Sites[majority[g]].Element);
        return result;
    }

    private static bool HasAnionicState(string element) => SoftBvParameters.Charges(element).Any(q => q < 0);

    /// <summary>The softBV elements with an anionic state (N, O, F, S, Cl, Se, Br, Te, I), for messages.</summary>
    private static string SoftBvAnions => string.Join(", ", new[] { "N", "O", "F", "S", "Cl", "Se", "Br", "Te", "I" }.Where(HasAnionicState));

    /// <summary>Nonmetals and metalloids: the elements of a compound that is not an intermetallic.</summary>
    private static readonly HashSet<string> NonMetals = new() { "H", "B", "C", "N", "O", "F", "Si", "P", "S", "Cl", "Ge", "As", "Se", "Br", "Sb", "Te", "I", "At" };

    /// <summary>Why a structure without any element softBV treats as an anion has no landscape: an intermetallic, or an anion the table lacks.</summary>
    private static string NoAnionReason(Structure s)
    {
        var elements = s.Sites.Select(x => x.Element).Distinct().ToList();
        var nonMetals = elements.Where(NonMetals.Contains).ToList();
        return nonMetals.Count == 0
            ? $"{s.ReducedFormula} is an intermetallic compound: it has no anion, and the bond-valence site energy needs anions (softBV's: {SoftBvAnions})"
            : $"no anion softBV covers in {s.ReducedFormula}: {string.Join(", ", nonMetals)} would be the anion here, and softBV has anionic states only for {SoftBvAnions} (hydrides, borides, carbides, silicides, phosphides, arsenides are not covered)";
    }

    private static Dictionary<string, double> MeanByElement(Structure s, IReadOnlyList<double> charges)
    {
        var result = new Dictionary<string, double>();
        foreach (var g in s.Sites.Select((x, i) => (x, q: charges[i])).GroupBy(t => t.x.Element))
        {
            double w = g.Sum(t => t.x.Occupancy);
            bool single = g.All(t => t.q == g.First().q);
            result[g.Key] = single || w <= 0 ? g.First().q : g.Sum(t => t.x.Occupancy * t.q) / w;
        }
        return result;
    }
}
