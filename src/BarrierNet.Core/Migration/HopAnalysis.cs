using BarrierNet.Core.Crystal;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Core.Migration;

/// <summary>
/// The whole hop pipeline as one library call (used by `barriernet hops` and `barriernet predict`): choose the ion,
/// apply the disorder policy, find the space group, list the symmetry-distinct hops. Bands for the model then come
/// from <see cref="BandBuilder.Build"/> with <see cref="Framework"/>.
/// </summary>
public sealed record HopAnalysis(string Ion, SpaceGroupInfo SpaceGroup, IonFramework Framework, IReadOnlyList<IonSite> IonSites, IReadOnlyList<Hop> Hops)
{
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
