using BarrierNet.Core.Crystal;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Core.Migration;

/// <summary>
/// The whole hop pipeline as one library call (used by `barriernet hops` and `barriernet predict`): choose the ion,
/// apply the disorder policy, find the space group, list the symmetry-distinct hops. Bands for the model then come
/// from <see cref="BandBuilder.Build"/> with <see cref="Framework"/>.
/// </summary>
/// <param name="Ion">Element symbol of the migrating ion.</param>
/// <param name="SpaceGroup">The structure's symmetry.</param>
/// <param name="Framework">The ion sublattice and the ordered host the hops were found in.</param>
/// <param name="IonSites">The ion's sites in the unit cell, with their symmetry classes.</param>
/// <param name="Hops">The symmetry-distinct hops, shortest first.</param>
public sealed record HopAnalysis(string Ion, SpaceGroupInfo SpaceGroup, IonFramework Framework, IReadOnlyList<IonSite> IonSites, IReadOnlyList<Hop> Hops)
{
    /// <summary>Lists the symmetry-distinct hops of a structure.</summary>
    /// <param name="structure">The structure, ordered or not.</param>
    /// <param name="options">Ion, longest hop (Å), symmetry tolerance (Å) and disorder policy; null for the defaults.</param>
    /// <returns>The ion, space group, framework, ion sites and hops (sorted by length).</returns>
    /// <exception cref="HopException">No or several candidate ions, a bad tolerance, or disorder the policy refuses.</exception>
    public static HopAnalysis Analyze(Structure structure, HopOptions? options = null)
    {
        options ??= new HopOptions();
        if (!(options.SymmetryTolerance > 0) || !double.IsFinite(options.SymmetryTolerance))
            throw new HopException("--symprec must be a positive number of Å");
        var ion = IonChoice.Resolve(structure, options.Ion);
        var framework = options.DisorderPolicy.Apply(structure, ion);
        var spaceGroup = SymmetryFinder.Analyze(structure, options.SymmetryTolerance);
        var result = HopFinder.Find(framework, spaceGroup.Operations, options.MaxHop, options.SymmetryTolerance);
        return new HopAnalysis(ion, spaceGroup, framework with { IonSites = result.IonSites }, result.IonSites, result.Hops);
    }

    /// <summary>The band (images 0–4 then host) of one hop, like the training data.</summary>
    public Structure Band(Hop hop, BandBuilder.Options? options = null) => BandBuilder.Build(Framework, hop, options);
}
