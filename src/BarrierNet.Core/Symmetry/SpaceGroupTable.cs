using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.Symmetry;

/// <summary>One setting of a space-group type as tabulated by spglib (ITA standard setting; origin choice 1, hexagonal axes for R).</summary>
internal sealed record ReferenceSpaceGroup(int Number, string Symbol, string HallSymbol, IReadOnlyList<SymmetryOperation> Operations);

/// <summary>
/// The 230 space-group types with all operations of their standard setting (centring translations included),
/// exported from spglib's database by scripts/oracle/export_spacegroups.py and embedded as SpaceGroups.json.
/// They are the references against which found operations are identified.
/// </summary>
internal static class SpaceGroupTable
{
    private static readonly Lazy<IReadOnlyList<ReferenceSpaceGroup>> _all = new(Load);

    public static IReadOnlyList<ReferenceSpaceGroup> All => _all.Value;

    public static ReferenceSpaceGroup Get(int number) =>
        number is >= 1 and <= 230 ? All[number - 1] : throw new ArgumentOutOfRangeException(nameof(number), "space-group numbers run from 1 to 230");

    internal sealed record Row(int number, string symbol, int hall, string hall_symbol, string[] ops);

    private static IReadOnlyList<ReferenceSpaceGroup> Load()
    {
        using var stream = typeof(SpaceGroupTable).Assembly.GetManifestResourceStream("BarrierNet.Core.Symmetry.SpaceGroups.json")
            ?? throw new InvalidOperationException("embedded resource SpaceGroups.json is missing from BarrierNet.Core");
        var rows = JsonSerializer.Deserialize(stream, SpaceGroupRows.Default.RowArray) ?? throw new InvalidOperationException("SpaceGroups.json is empty");
        return rows.Select(r => new ReferenceSpaceGroup(r.number, r.symbol, r.hall_symbol, r.ops.Select(SymmetryOperation.Parse).ToList()))
                   .OrderBy(g => g.Number).ToList();
    }
}

/// <summary>The reader of SpaceGroups.json, generated at compile time so that a natively compiled build needs no reflection.</summary>
[JsonSerializable(typeof(SpaceGroupTable.Row[]))]
internal sealed partial class SpaceGroupRows : JsonSerializerContext;
