using BarrierNet.Core.Data;
using BarrierNet.Core.Landscape;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Networks;

namespace BarrierNet.Model.Training;

/// <summary>
/// What every member of a full training learns from: the entries, their hop graphs and barriers, and the head built
/// for them (<see cref="HeadConfig"/>: the target shift is the training median on the network's scale, so the network
/// learns the deviation from a typical barrier, and the descriptor scaler standardises the hop descriptors).
/// </summary>
internal sealed record HeadTrainingSet(IReadOnlyList<BarrierEntry> Entries, HopSample[] Samples, double[] Targets, HeadConfig Config)
{
    /// <summary>
    /// Builds the hop graphs of <paramref name="entries"/> for a head of <paramref name="head"/> on a backbone of
    /// <paramref name="backbone"/>'s shape; with <paramref name="trees"/> (the options of the descriptor models the head
    /// blends with) each sample also carries the row those models read.
    /// </summary>
    public static HeadTrainingSet Build(IReadOnlyList<BarrierEntry> entries, BackboneConfig backbone, HeadOptions head, int threads,
        Action<string>? log = null, DescriptorBaselineOptions? trees = null)
    {
        log?.Invoke($"building graphs of {entries.Count} hops ({Evaluation.ChoiceNames.Name(head.Head)} head, crop {head.CropRadius} Å)");
        var samples = HopGraphs.SampleMany(entries, backbone.Graph, head, threads, trees);
        log?.Invoke(FormattableString.Invariant(
            $"graphs: {samples.Average(s => s.Primary.AtomCount):F1} atoms and {samples.Average(s => s.Primary.EdgeCount):F0} bonds per hop on average"));
        if (head.Images == BandImages.Path && !head.UsesEndpoints)
            log?.Invoke($"minimum-energy path bands: {entries.Count(e => !MinimumEnergyBand.For(e).OnPath)} of {entries.Count} hops keep the straight line (no landscape or no path)");
        var targets = entries.Select(e => e.Target!.Value).ToArray();
        var config = new HeadConfig
        {
            Backbone = backbone, Options = head, TargetShift = head.ToFitted(Evaluation.Median.Of(targets)),
            Scaler = head.Descriptors ? DescriptorScaler.Fit(samples.Select(s => s.Descriptors)) : null,
        };
        return new HeadTrainingSet(entries, samples, targets, config);
    }
}
