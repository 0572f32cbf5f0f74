using System.Globalization;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Landscape;
using BarrierNet.Core.Symmetry;

namespace BarrierNet.Core.Migration;

/// <summary>
/// The whole hop pipeline as one library call (used by `barriernet hops` and `barriernet predict`): choose the ion,
/// reduce a supercell or centred cell to its primitive cell (<see cref="CellReduction"/>), apply the disorder policy,
/// find the space group, add the landscape's minima as sites when the options ask for them
/// (<see cref="LandscapeSites"/>), list the symmetry-distinct hops, and optionally follow each hop's minimum-energy
/// path on the landscape. <see cref="Framework"/>, <see cref="IonSites"/>, <see cref="Hops"/>, <see cref="Paths"/> and
/// the operations of <see cref="SpaceGroup"/> belong to the cell the work was done in; bands come from
/// <see cref="Band"/>, built in the reduced cell, or in the input cell when that is a conventional centred cell (the
/// cell the training bands were cut from). <see cref="ReportedHops"/> are the same hops told in the input's cell
/// (multiplicities per input cell, the input's site indices, images and labels), for reports.
/// </summary>
/// <param name="Paths">One minimum-energy path per hop (same order), or null when not asked for or the landscape could not be computed.</param>
public sealed record HopAnalysis(string Ion, SpaceGroupInfo SpaceGroup, IonFramework Framework, IReadOnlyList<IonSite> IonSites, IReadOnlyList<Hop> Hops,
    IReadOnlyList<EnergyPath>? Paths = null)
{
    /// <summary>Structures at least this large report their progress through <see cref="HopOptions.Progress"/>.</summary>
    public const int ProgressAtoms = 500;

    private readonly IReadOnlyList<Hop>? _reported;

    /// <summary>The input and the cell the hops were found in; null when built directly in one cell.</summary>
    public CellReduction? Reduction { get; init; }

    /// <summary>Options of the landscape computed for sites or paths (<see cref="Grid"/>).</summary>
    internal static BvseOptions LandscapeOptions { get; } = new();

    /// <summary>The landscape of the working cell when sites or paths needed it, so that its percolation need not be computed again.</summary>
    internal EnergyGrid? Grid { get; init; }

    /// <summary>How many copies of the working cell make up the input cell (1 when the input was primitive).</summary>
    public int CellsPerInput => Reduction?.CellsPerInput ?? 1;

    /// <summary><see cref="Hops"/> in the input's cell: same order, lengths, bottlenecks and classes.</summary>
    public IReadOnlyList<Hop> ReportedHops { get => _reported ?? Hops; init => _reported = value; }

    /// <summary>The framework bands are built from: <see cref="Framework"/>, or the input's when it is a centred cell.</summary>
    public IonFramework BandFramework { get => _bandFramework ?? Framework; init => _bandFramework = value; }

    private readonly IonFramework? _bandFramework;

    /// <summary>Ion sites in the input cell.</summary>
    public int ReportedIonSiteCount => IonSites.Count * CellsPerInput;

    /// <summary>Space-group operations in the input cell (pure translations of a supercell included).</summary>
    public int ReportedOperationCount => SpaceGroup.Operations.Count * CellsPerInput;

    /// <summary>Finds the symmetry-distinct hops of the mobile ion in a structure.</summary>
    /// <param name="structure">The crystal as read from its file.</param>
    /// <param name="options">Ion, longest hop (Å), symmetry tolerance (Å), disorder policy, site source; null for the defaults.</param>
    /// <returns>The hops in the working cell and as told in the input cell.</returns>
    /// <exception cref="HopException">No ion, no hop, or a structure too large to work with.</exception>
    public static HopAnalysis Analyze(Structure structure, HopOptions? options = null)
    {
        options ??= new HopOptions();
        double tol = options.SymmetryTolerance;
        if (!(tol > 0) || !double.IsFinite(tol)) throw new HopException("--symprec must be a positive number of Å");
        var ion = IonChoice.Resolve(structure, options.Ion);
        bool large = structure.Count >= ProgressAtoms;
        if (large) options.Progress?.Invoke($"{structure.Count} atoms: looking for a smaller repeating cell");
        var cell = CellReduction.Of(structure, tol);
        CheckSize(structure, cell, ion, options);
        if (large) options.Progress?.Invoke(cell.IsReduced
            ? $"{structure.Count} atoms reduced to a {cell.Cell.Count}-atom primitive cell ({cell.CellsPerInput} copies)"
            : $"{structure.Count} atoms, no smaller repeating cell: finding hops");

        var framework = options.DisorderPolicy.Apply(cell.Cell, ion);
        var inputFramework = cell.IsCentredCell ? options.DisorderPolicy.Apply(structure, ion) : null;
        if (inputFramework is not null) framework = framework with { Notes = inputFramework.Notes };
        var spaceGroup = cell.IsReduced ? SpaceGroupOfReduced(cell, tol) : SymmetryFinder.Analyze(structure, tol);
        var result = HopFinder.Find(framework, spaceGroup.Operations, options.MaxHop, tol);

        bool addSites = options.Sites == SiteSource.Landscape || (options.Sites == SiteSource.Auto && result.Hops.Count == 0);
        BvseLandscape? landscape = null;
        EnergyGrid? grid = null;
        if (addSites || options.Paths)
        {
            try { landscape = BvseLandscape.For(cell.Cell, Elements.BySymbol(ion), LandscapeOptions); grid = landscape.Grid(); }
            catch (LandscapeException e) when (options.Sites != SiteSource.Landscape)
            {
                // Without a landscape, auto falls back to the listed sites; the caller then says why they give no hop.
                framework = framework with { Notes = framework.Notes.Append("no landscape: " + e.Message).ToList() };
            }
            catch (LandscapeException e) { throw new HopException("no landscape for interstitial sites: " + e.Message); }
        }
        if (addSites && landscape is not null && grid is not null)
        {
            framework = LandscapeSites.Add(framework, landscape, grid, spaceGroup.Operations);
            result = HopFinder.Find(framework, spaceGroup.Operations, options.MaxHop, tol);
        }
        var paths = options.Paths && grid is not null
            ? result.Hops.Select(h => MinimumEnergyPath.Find(grid, h.FromFrac, h.ToFrac)).ToList()
            : null;
        framework = framework with { IonSites = result.IonSites };
        if (large) options.Progress?.Invoke($"{result.Hops.Count} distinct hops");
        return new HopAnalysis(ion, spaceGroup, framework, result.IonSites, result.Hops, paths)
        {
            Reduction = cell,
            Grid = grid,
            BandFramework = inputFramework ?? framework,
            ReportedHops = !cell.IsReduced ? result.Hops : InputCellHops.Map(result.Hops, framework, cell, tol),
        };
    }

    /// <summary>The band (the ion's five images and the host) of one of <see cref="Hops"/>, like the training data.</summary>
    public Band Band(Hop hop, BandBuilder.Options? options = null) => BandBuilder.Build(BandFramework, BandHop(hop), options);

    /// <summary>One of <see cref="Hops"/> told in the cell bands are built in: itself, or its <see cref="ReportedHops"/> twin when that is the input's centred cell.</summary>
    internal Hop BandHop(Hop hop) => ReferenceEquals(BandFramework, Framework) ? hop : ReportedHops[hop.Index];

    /// <summary>The minimum-energy path of one of <see cref="Hops"/> told in the cell bands are built in (<see cref="BandFramework"/>): the same points, in that cell's fractional coordinates.</summary>
    internal EnergyPath? BandPath(Hop hop)
    {
        if (Paths is null) return null;
        var path = Paths[hop.Index];
        if (ReferenceEquals(BandFramework, Framework)) return path;
        var work = Framework.Lattice;
        var band = BandFramework.Lattice;
        return path with { Points = path.Points.Select(p => band.ToFractional(work.ToCartesian(p))).ToList() };
    }

    /// <summary>The supercell repeats of this structure's bands.</summary>
    public (int A, int B, int C) BandRepeats(BandBuilder.Options? options = null) => BandBuilder.Repeats(BandFramework, options);

    /// <summary>
    /// The space group found in the reduced cell. The type is that of the input; its operations are those of the
    /// reduced cell. When the file listed operations that really map the input onto itself and are as many as the
    /// group has in the input cell, the source is still "cif".
    /// </summary>
    private static SpaceGroupInfo SpaceGroupOfReduced(CellReduction cell, double tolerance)
    {
        var found = SymmetryFinder.Analyze(cell.Cell, tolerance);
        var fileOps = cell.Input.SymmetryOperations.Distinct().ToList();
        bool fromFile = fileOps.Count >= found.Operations.Count * cell.CellsPerInput
            && SymmetryFinder.AllMapOntoItself(cell.Input, fileOps, tolerance);
        return fromFile ? found with { Source = "cif" } : found;
    }

    /// <summary>
    /// Refuses a working cell above <see cref="HopOptions.MaxAtoms"/>: without symmetry every ion pair is its own hop
    /// and every hop a band of the whole cell, so time and memory grow with the square of its size.
    /// </summary>
    private static void CheckSize(Structure input, CellReduction cell, string ion, HopOptions options)
    {
        int n = cell.Cell.Count;
        if (n <= options.MaxAtoms) return;
        double ions = cell.Cell.Sites.Where(s => s.Element == ion).Sum(s => s.Occupancy);
        double pairsPerIon = ions / cell.Cell.Lattice.Volume * 4.0 / 3.0 * Math.PI * Math.Pow(options.MaxHop, 3);
        double hops = Math.Max(1, ions * pairsPerIon / 2);
        string what = cell.IsReduced
            ? $"{input.Count} atoms reduce to a {n}-atom primitive cell"
            : $"{n} atoms and no smaller repeating cell";
        throw new HopException(string.Create(CultureInfo.InvariantCulture,
            $"{what}, above the limit of {options.MaxAtoms} atoms (about {hops:0} hops without symmetry, each a band of {n}+ atoms); --max-atoms {n} lifts the limit"));
    }
}
