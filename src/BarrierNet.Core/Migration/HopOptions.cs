namespace BarrierNet.Core.Migration;

/// <summary>Settings of a hop analysis, mirroring the CLI options of `barriernet hops`.</summary>
/// <param name="Ion">Migrating element, or null to take the one mobile ion present.</param>
/// <param name="MaxHop">Longest ion-ion distance (Å) listed as a hop.</param>
/// <param name="SymmetryTolerance">Å; used for finding space-group operations and for mapping ion sites.</param>
/// <param name="Sites">Where hop endpoints come from: the file's sites, or also the landscape's minima (docs/landscape.md).</param>
/// <param name="Paths">Also find each hop's minimum-energy path and BVSE barrier on the landscape.</param>
public sealed record HopOptions(string? Ion = null, double MaxHop = 5.0, double SymmetryTolerance = 0.1, DisorderPolicy? Disorder = null,
    SiteSource Sites = SiteSource.Auto, bool Paths = false)
{
    /// <summary>
    /// Largest cell worked in, after reduction to the primitive cell (docs/scale.md): a P1 supercell of any size
    /// reduces below it; a structure with no smaller repeating unit above it is refused with one line.
    /// </summary>
    public const int DefaultMaxAtoms = 1000;

    /// <summary>The disorder policy in force: the one given, or the majority-species policy.</summary>
    public DisorderPolicy DisorderPolicy => Disorder ?? DisorderPolicy.Majority;

    /// <summary>Atoms allowed in the working (primitive) cell; see <see cref="DefaultMaxAtoms"/>.</summary>
    public int MaxAtoms { get; init; } = DefaultMaxAtoms;

    /// <summary>Receives a line at each stage of a large structure's analysis (for a progress display on stderr).</summary>
    public Action<string>? Progress { get; init; }
}
