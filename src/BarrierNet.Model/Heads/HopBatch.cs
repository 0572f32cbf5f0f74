using BarrierNet.Model.Graphs;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>Several hops collated for one step: primary graphs, secondary graphs (endpoint heads), descriptors [G, D].</summary>
internal sealed class HopBatch : IDisposable
{
    public required GraphBatch Primary { get; init; }
    public GraphBatch? Secondary { get; init; }
    public Tensor? Descriptors { get; init; }
    public int Count => Primary.GraphCount;

    public static HopBatch Collate(IReadOnlyList<HopSample> samples, DescriptorScaler? scaler, Device device)
    {
        Tensor? desc = null;
        if (scaler is not null)
        {
            int d = scaler.Mean.Length;
            var x = new float[samples.Count * d];
            for (int i = 0; i < samples.Count; i++) Array.Copy(scaler.Transform(samples[i].Descriptors), 0, x, i * d, d);
            desc = tensor(x, new long[] { samples.Count, d }, device: device);
        }
        return new HopBatch
        {
            Primary = GraphBatch.Collate(samples.Select(s => s.Primary).ToList(), device),
            Secondary = samples[0].Secondary is null ? null : GraphBatch.Collate(samples.Select(s => s.Secondary!).ToList(), device),
            Descriptors = desc,
        };
    }

    public void Dispose()
    {
        Primary.Dispose();
        Secondary?.Dispose();
        Descriptors?.Dispose();
    }
}
