using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>
/// The symmetry of one structure: its operations in the structure's own cell (fractional coordinates, including
/// pure lattice translations of centred or supercell descriptions), and the space-group type when the operations
/// determine it. <see cref="Number"/> is null when the type could not be told apart from others; then
/// <see cref="Symbol"/> lists the candidates ("P4_1 or P4_3") rather than guessing.
/// </summary>
/// <param name="Number">International Tables number (1–230), or null when the operations do not fix it.</param>
/// <param name="Symbol">Hermann–Mauguin symbol, or the candidates joined by " or ", or null.</param>
/// <param name="Operations">The operations in the structure's own cell, fractional coordinates.</param>
/// <param name="Source">"cif" when the file's own operations were used (after checking them), "found" when found from the atoms.</param>
public sealed record SpaceGroupInfo(int? Number, string? Symbol, IReadOnlyList<SymmetryOperation> Operations, string Source)
{
    /// <summary>Text for reports, e.g. "Pnma (62)", "P4_1 or P4_3", or "unknown" when no type could be assigned.</summary>
    public override string ToString() => (Number, Symbol) switch
    {
        ({ } n, { } s) => $"{s} ({n})",
        (null, { } s) => s,
        ({ } n, null) => $"({n})",
        _ => "unknown",
    };
}
