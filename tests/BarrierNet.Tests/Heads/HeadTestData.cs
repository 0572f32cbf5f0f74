using BarrierNet.Core.Data;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Networks;
using BarrierNet.Tests.Fixtures;

namespace BarrierNet.Tests.Heads;

/// <summary>The eight synthetic bands of hop-bands.json and a tiny backbone, so head tests take seconds.</summary>
internal static class HeadTestData
{
    public static readonly BackboneConfig Tiny = new() { Width = 8, EmbeddingWidth = 4, GcnLayers = 2, BondBins = 8 };

    public static IReadOnlyList<BarrierEntry> Entries() => BarrierDataset.Load(FixturePaths.HopBands);

    public static (HeadConfig Config, HopSample[] Samples, double[] Targets) Prepare(HeadOptions options, IReadOnlyList<BarrierEntry>? entries = null)
    {
        entries ??= Entries();
        var samples = HopGraphs.SampleMany(entries, Tiny.Graph, options, 1);
        var config = new HeadConfig
        {
            Backbone = Tiny, Options = options, TargetShift = 0.6,
            Scaler = options.Descriptors ? DescriptorScaler.Fit(samples.Select(s => s.Descriptors)) : null,
        };
        return (config, samples, entries.Select(e => e.Target!.Value).ToArray());
    }

    public static string TempDir(string tag)
    {
        var d = Path.Combine(Path.GetTempPath(), $"bn-heads-{tag}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }
}
