using System.Runtime.CompilerServices;
using BarrierNet.Core.Data;

namespace BarrierNet.Core.Descriptors;

/// <summary>
/// Descriptors computed once per loaded entry: cross-validation trains many models on the same 559 bands, and the
/// geometry does not change between folds. Keyed by the entry object (weakly, so unloaded datasets are collected).
/// </summary>
internal static class DescriptorCache
{
    private static readonly ConditionalWeakTable<BarrierEntry, double[]> Table = new();
    private static readonly ConditionalWeakTable<BarrierEntry, double[]> LandscapeTable = new();
    private static readonly ConditionalWeakTable<BarrierEntry, double[]> BlockageTable = new();
    private static readonly ConditionalWeakTable<BarrierEntry, HopGeometry> GeometryTable = new();

    /// <summary>The hop's geometry (host environment of the path, anions, probes), worked out once per entry: the hop and the blockage descriptors both read it.</summary>
    private static HopGeometry Geometry(BarrierEntry entry) => GeometryTable.GetValue(entry, e => HopGeometry.Of(e.AsBand()));

    public static double[] Get(BarrierEntry entry)
    {
        if (Table.TryGetValue(entry, out var f)) return f;
        try { f = HopDescriptors.Compute(Geometry(entry)); }
        catch (ArgumentException e) { throw new ArgumentException($"{entry.SysName}: {e.Message}", e); }
        Table.AddOrUpdate(entry, f);
        return f;
    }

    /// <summary>The hop descriptors followed by the landscape descriptors (<see cref="LandscapeDescriptors"/>), each part cached.</summary>
    public static double[] GetWithLandscape(BarrierEntry entry)
    {
        var hop = Get(entry);
        if (!LandscapeTable.TryGetValue(entry, out var l))
        {
            try { l = LandscapeDescriptors.Compute(entry); }
            catch (ArgumentException e) { throw new ArgumentException($"{entry.SysName}: {e.Message}", e); }
            LandscapeTable.AddOrUpdate(entry, l);
        }
        return hop.Concat(l).ToArray();
    }

    /// <summary>The blockage descriptors (<see cref="BlockageDescriptors"/>) of an entry, cached.</summary>
    public static double[] GetBlockage(BarrierEntry entry)
    {
        if (BlockageTable.TryGetValue(entry, out var b)) return b;
        try { b = BlockageDescriptors.Compute(Geometry(entry)); }
        catch (ArgumentException e) { throw new ArgumentException($"{entry.SysName}: {e.Message}", e); }
        BlockageTable.AddOrUpdate(entry, b);
        return b;
    }

    /// <summary>
    /// One entry's row: the hop descriptors, then with <paramref name="landscape"/> the landscape descriptors, then with
    /// <paramref name="blockage"/> the blockage descriptors (the cached hop row itself when neither is asked for).
    /// </summary>
    public static double[] GetRow(BarrierEntry entry, bool landscape = false, bool blockage = false)
    {
        var row = landscape ? GetWithLandscape(entry) : Get(entry);
        return blockage ? row.Concat(GetBlockage(entry)).ToArray() : row;
    }

    /// <summary>Descriptors of many entries (rows in entry order), computed in parallel where not cached; with
    /// <paramref name="landscape"/> each row has the landscape descriptors appended, then with
    /// <paramref name="blockage"/> the blockage descriptors.</summary>
    public static double[][] GetAll(IReadOnlyList<BarrierEntry> entries, int maxThreads = 2, bool landscape = false, bool blockage = false)
    {
        var rows = new double[entries.Count][];
        try
        {
            Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxThreads) },
                i => rows[i] = GetRow(entries[i], landscape, blockage));
        }
        catch (AggregateException ae) when (ae.InnerExceptions.Count > 0)
        {
            // Report the first bad entry as itself, not as a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ae.InnerExceptions[0]).Throw();
        }
        return rows;
    }
}
