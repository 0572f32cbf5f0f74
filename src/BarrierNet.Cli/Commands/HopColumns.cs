using System.Globalization;
using BarrierNet.Core.Migration;

namespace BarrierNet.Cli.Commands;

/// <summary>The hop columns several commands print, and the note under a table that lists blocked paths.</summary>
internal static class HopColumns
{
    /// <summary>What the hop columns mean, for the commands' --help.</summary>
    public const string Legend =
        "Columns: # = the hop's number in the list of distinct hops sorted by length (the same number in every command and output, and the hop<#> folder of written files); " +
        "from/to = the ion sites' labels; length = straight ion–ion distance (Å); mult. = how many equivalent copies of the hop one unit cell holds; " +
        "bottleneck = the closest a host-framework atom comes to the straight path (Å; other mobile ions not counted); " +
        "path = 'blocked' when that is under 1 Å: the straight path runs through a host atom, the real path must bend around it, and the hop is never classed good.";

    /// <summary>What predict's barrier columns and material lines mean.</summary>
    public const string BarrierLegend =
        "barrier = predicted migration barrier Em (eV) of the hop (vacancy mechanism, straight path); " +
        "90% interval = the calibrated range that holds the true barrier 9 times in 10; " +
        "class = good (barrier below --threshold and the whole interval too), bad (barrier at or above it and the whole interval too), " +
        "uncertain (the interval straddles the threshold, or the path is blocked and the barrier would read good). " +
        "Under each table: the lowest barrier; percolation 1D/2D/3D = the smallest barrier at which hops join the ion sites into an " +
        "infinite chain, layer or 3D network (none: no set of hops does); the material's class: good when the hops classed good " +
        "percolate, bad when even the good and uncertain ones together do not, uncertain otherwise.";

    public static string Bottleneck(double b) => double.IsFinite(b) ? b.ToString("F3", CultureInfo.InvariantCulture) : "none";

    public static string Path(double bottleneck) => PathClearance.IsBlocked(bottleneck) ? "blocked" : "";

    public static void WriteBlockedNote(IEnumerable<Hop> hops, TextWriter stdout)
    {
        var blocked = hops.Where(h => PathClearance.IsBlocked(h.Bottleneck)).Select(h => "#" + (h.Index + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        if (blocked.Count == 0) return;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  blocked: the straight path of hop {string.Join(", ", blocked)} runs within {PathClearance.Minimum:0.0} Å of a host atom; its barrier is not that of a real path (never classed good, no NEB inputs without --allow-close-atoms)"));
    }
}
