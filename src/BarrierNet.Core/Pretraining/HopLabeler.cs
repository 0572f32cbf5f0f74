using BarrierNet.Core.Crystal;
using BarrierNet.Core.Migration;

namespace BarrierNet.Core.Pretraining;

/// <summary>
/// Labels the hops of one structure with their BVSE barriers: the hop analysis of `barriernet hops` with the
/// minimum-energy paths switched on (<see cref="HopAnalysis.Analyze"/>), the shortest
/// <see cref="MigrationLabelOptions.HopsPerStructure"/> hops, and each hop's band built as for the DFT data.
/// </summary>
internal static class HopLabeler
{
    /// <exception cref="HopException">No single mobile ion, no hop, a cell too large, or no landscape.</exception>
    public static IReadOnlyList<LabelledHop> Label(Structure structure, MigrationLabelOptions options)
    {
        var analysis = HopAnalysis.Analyze(structure, new HopOptions(MaxHop: options.MaxHop, Sites: SiteSource.Listed, Paths: true)
        {
            MaxAtoms = options.MaxAtoms,
        });
        if (analysis.Paths is null)
            throw new HopException(analysis.Framework.Notes.LastOrDefault(n => n.StartsWith("no landscape", StringComparison.Ordinal))
                                   ?? "no landscape for this structure");
        if (analysis.Hops.Count == 0) throw new HopException($"no {analysis.Ion}–{analysis.Ion} hop within {options.MaxHop} Å");
        var bandOptions = new BandBuilder.Options(options.BandWidth);
        return analysis.Hops
            .OrderBy(h => h.Length).ThenBy(h => h.Index)
            .Take(options.HopsPerStructure)
            .Select(h => new LabelledHop(h.Index, h.Length, analysis.Paths[h.Index].Barrier, analysis.Band(h, bandOptions)))
            .ToList();
    }
}
