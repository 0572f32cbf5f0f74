using System.Diagnostics;
using System.Globalization;

namespace BarrierNet.Model.Apps;

/// <summary>The stages a material passes through on its way to a results row, for <see cref="StageTimes"/>.</summary>
public enum ScoringStage
{
    /// <summary>Reading and parsing the input documents.</summary>
    Reading,
    /// <summary>Cell reduction, space group, distinct hops and their bands.</summary>
    Hops,
    /// <summary>The bond-valence landscape and its percolation barriers.</summary>
    Landscape,
    /// <summary>The model's inputs: band graphs and hop descriptors.</summary>
    Graphs,
    /// <summary>The descriptor models (trees and kernels) the network is blended with.</summary>
    DescriptorModels,
    /// <summary>The graph network's forward passes.</summary>
    Network,
    /// <summary>Percolation of the predicted barriers and the report.</summary>
    Percolation,
    /// <summary>Appending and flushing the output CSVs.</summary>
    Writing,
}

/// <summary>
/// Time spent in each <see cref="ScoringStage"/>, summed over the threads that ran it: a stage run by two workers at
/// once counts both, so the stages can add up to more than the wall time. Tells a user where a slow screen spends
/// its time (`screen --timings`); safe to add to from several threads.
/// </summary>
public sealed class StageTimes
{
    private readonly long[] _ticks = new long[Enum.GetValues<ScoringStage>().Length];

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>) to <paramref name="stage"/>.</summary>
    public void AddSince(ScoringStage stage, long startTimestamp) =>
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Time spent in <paramref name="stage"/> so far.</summary>
    public TimeSpan this[ScoringStage stage] => TimeSpan.FromSeconds(Interlocked.Read(ref _ticks[(int)stage]) / (double)Stopwatch.Frequency);

    /// <summary>One line, e.g. "reading 0.4 s, hops 12.1 s, …", stages in pipeline order.</summary>
    public override string ToString() => string.Join(", ", Enum.GetValues<ScoringStage>()
        .Select(s => string.Create(CultureInfo.InvariantCulture, $"{Name(s)} {this[s].TotalSeconds:F1} s")));

    /// <summary>The stage's name as printed: lower case, words split (descriptor models).</summary>
    public static string Name(ScoringStage stage) => stage switch
    {
        ScoringStage.DescriptorModels => "descriptor models",
        _ => stage.ToString().ToLowerInvariant(),
    };
}
