using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>Space-group type (number, Hermann–Mauguin symbol) from a set of operations.</summary>
public static class SpaceGroupIdentifier
{
    /// <summary>Not yet implemented in this commit: returns no type.</summary>
    public static (int? Number, string? Symbol) Identify(IReadOnlyList<SymmetryOperation> ops) => (null, null);
}
