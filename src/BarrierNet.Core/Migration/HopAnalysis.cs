using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Core.Migration;

/// <summary>
/// The whole hop pipeline as one library call (used by `barriernet hops` and `barriernet predict`): choose the ion,
/// apply the disorder policy, find the space group, add the landscape's minima as sites when the options ask for
/// them (<see cref="LandscapeSites"/>), list the symmetry-distinct hops, and optionally follow each hop's
/// minimum-energy path on the landscape. Bands for the model then come from <see cref="BandBuilder.Build"/> with
/// <see cref="Framework"/>.
/// </summary>
/// <param name="Paths">One minimum-energy path per hop (same order), or null when not asked for or the landscape could not be computed.</param>
public sealed record HopAnalysis(string Ion, SpaceGroupInfo SpaceGroup, IonFramework Framework, IReadOnlyList<IonSite> IonSites, IReadOnlyList<Hop> Hops,
    IReadOnlyList<EnergyPath>? Paths = null)
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

        bool addSites = options.Sites == SiteSource.Landscape || (options.Sites == SiteSource.Auto && result.Hops.Count == 0);
        EnergyGrid? grid = null;
        if (addSites || options.Paths)
        {
            try { grid = BvseLandscape.Compute(structure, Elements.BySymbol(ion)); }
            catch (LandscapeException e) when (!addSites) { framework = framework with { Notes = framework.Notes.Append("no landscape paths: " + e.Message).ToList() }; }
            catch (LandscapeException e) { throw new HopException("no landscape for interstitial sites: " + e.Message); }
        }
        if (addSites && grid is not null)
        {
            framework = LandscapeSites.Add(framework, grid, spaceGroup.Operations);
            result = HopFinder.Find(framework, spaceGroup.Operations, options.MaxHop, options.SymmetryTolerance);
        }
        var paths = options.Paths && grid is not null
            ? result.Hops.Select(h => MinimumEnergyPath.Find(grid, h.FromFrac, h.ToFrac)).ToList()
            : null;
        return new HopAnalysis(ion, spaceGroup, framework with { IonSites = result.IonSites }, result.IonSites, result.Hops, paths);
    }

    /// <summary>The band (images 0–4 then host) of one hop, like the training data.</summary>
    public Structure Band(Hop hop, BandBuilder.Options? options = null) => BandBuilder.Build(Framework, hop, options);
}
