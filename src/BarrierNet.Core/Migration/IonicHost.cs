using BarrierNet.Core.Descriptors;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Whether a structure is the kind of host the barrier models describe: a framework with anions the mobile ion
/// bonds to (oxides, sulfides, halides, phosphates …). A metal or an alloy has no such anions and no bond-valence
/// partner for the ion; its "barrier" would be an extrapolation with nothing behind it, so it is refused with the
/// reason instead of scored. An anion here is a host atom that <see cref="AnionClassifier"/> finds bonded as one
/// and whose element is a non-metal (Pauling electronegativity at least <see cref="AnionElectronegativity"/>: N, O,
/// F, S, Cl, Se, Br, Te, I, P, As, Sb, H, C …), so Al in LiAl, more electronegative than Li but a metal, is none.
/// </summary>
internal static class IonicHost
{
    public const double AnionElectronegativity = 2.0;

    /// <summary>The reason the framework cannot be scored, or null when it can.</summary>
    public static string? Refusal(IonFramework framework)
    {
        string ion = framework.Ion;
        if (!Elements.MobileIons.Contains(ion))
            return $"{ion} is not a mobile ion the models were trained on ({string.Join(", ", Elements.MobileIons)})";
        if (framework.Host.Count == 0)
            return $"the host has no atoms besides {ion} (a metal, not an ionic conductor); barriers are predicted for ions moving through an anion framework";
        var positions = framework.Host.Select(h => h.Frac).Concat(framework.IonSites.Select(s => s.Frac)).ToList();
        var elements = framework.Host.Select(h => h.Element).Concat(framework.IonSites.Select(_ => ion)).ToList();
        var isAnion = AnionClassifier.Classify(framework.Lattice, positions, elements);
        var anions = framework.Host.Where((h, i) => isAnion[i] && Elements.BySymbol(h.Element).Electronegativity >= AnionElectronegativity).Select(h => h.Element).Distinct().Order(StringComparer.Ordinal).ToList();
        string hostElements = string.Join(" ", framework.Host.Select(h => h.Element).Distinct().Order(StringComparer.Ordinal));
        if (anions.Count == 0)
            return $"no anion in the host ({hostElements}) for {ion} to bond to (an intermetallic, not an ionic conductor); barriers are predicted for ions moving through an anion framework";
        if (!anions.Any(a => BondValence.R0(ion, a) is not null))
            return $"no bond-valence parameters for {ion} with the host's anions ({string.Join(" ", anions)}), so the hop descriptors are undefined";
        return null;
    }
}
