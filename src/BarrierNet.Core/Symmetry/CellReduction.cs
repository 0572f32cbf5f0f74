using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// A structure and the smallest cell that repeats it. A supercell or a centred cell holds pure lattice translations;
/// its primitive cell, in the reduced basis (<see cref="LatticeReduction"/>), holds the same crystal in
/// <see cref="CellsPerInput"/> times fewer atoms, so hops, bands and percolation are worked out there and cost the
/// same for a 5-atom cell and its 10×10×10 supercell. A structure without such translations is its own cell.
/// </summary>
/// <param name="Input">The structure as read.</param>
/// <param name="Cell">The cell the work is done in: <paramref name="Input"/> itself, or its reduced primitive cell.</param>
/// <param name="CellsPerInput">How many copies of <paramref name="Cell"/> make up <paramref name="Input"/>.</param>
public sealed record CellReduction(Structure Input, Structure Cell, int CellsPerInput)
{
    /// <summary>True when the working cell is smaller than the input cell.</summary>
    public bool IsReduced => CellsPerInput > 1;

    /// <summary>
    /// True when the input's only pure translations are a standard centring (A, B, C, I, F or R): a conventional
    /// cell as crystallographers and the training data use it, rather than a supercell.
    /// </summary>
    public bool IsCentredCell { get; init; }

    private static readonly Vec3[] CentringVectors =
    {
        new(0, 0.5, 0.5), new(0.5, 0, 0.5), new(0.5, 0.5, 0), new(0.5, 0.5, 0.5),
        new(2 / 3.0, 1 / 3.0, 1 / 3.0), new(1 / 3.0, 2 / 3.0, 2 / 3.0), new(1 / 3.0, 2 / 3.0, 1 / 3.0), new(2 / 3.0, 1 / 3.0, 2 / 3.0),
    };

    private static bool IsCentring(IReadOnlyList<Vec3> translations) =>
        translations.Count is >= 2 and <= 4 && translations.Skip(1).All(t =>
            CentringVectors.Any(c => { var d = t - c; d -= d.Round(); return d.Norm < 1e-3; }));

    /// <summary>Finds the smallest cell that repeats the structure, by its pure translations, Niggli-reduced.</summary>
    /// <param name="structure">The input cell.</param>
    /// <param name="tolerance">How far (Å) a translated atom may land from its image.</param>
    /// <returns>The input and its working cell.</returns>
    public static CellReduction Of(Structure structure, double tolerance = 0.1)
    {
        var translations = SymmetryFinder.PureTranslations(structure, tolerance);
        var primitive = PrimitiveCell.FromTranslations(structure, translations, tolerance);
        if (primitive is null) return new CellReduction(structure, structure, 1);
        var reduced = LatticeReduction.Reduce(primitive.Lattice);
        var sites = primitive.Sites
            .Select(s => s with { Frac = reduced.ToFractional(primitive.Lattice.ToCartesian(s.Frac)).Wrap() }).ToList();
        return new CellReduction(structure, new Structure(reduced, sites, name: structure.Name), translations.Count)
        {
            IsCentredCell = IsCentring(translations),
        };
    }
}
