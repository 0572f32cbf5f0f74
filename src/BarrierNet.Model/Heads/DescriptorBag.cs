using BarrierNet.Model.Baseline;

namespace BarrierNet.Model.Heads;

/// <summary>
/// One ensemble member's descriptor models (extra trees + kernel ridge), averaged. A member owns its own fold's model
/// and, with --tree-partitions, models fitted on the folds of further grouped partitions: each trained on a different
/// (K−1)/K of the data, so averaging them is bagging over partitions (docs/experiments/heads.md). All share one set of
/// options, so their kernels' novelty is in the same units and averages directly.
/// </summary>
internal sealed class DescriptorBag
{
    public DescriptorBag(IReadOnlyList<DescriptorBaseline> models)
    {
        if (models.Count == 0) throw new ArgumentException("a descriptor bag needs at least one model");
        Models = models;
    }

    public IReadOnlyList<DescriptorBaseline> Models { get; }

    /// <summary>Whether every model's kernel kept its posterior (novelty can be asked).</summary>
    public bool HasPosterior => Models.All(m => m.HasPosterior);

    /// <summary>The models' mean barrier (eV) for each descriptor row.</summary>
    public double[] PredictDescriptors(IReadOnlyList<double[]> x) => Mean(Models.Select(m => m.PredictDescriptors(x)).ToList(), x.Count);

    /// <summary>The models' mean kernel posterior std (fitted units) for each descriptor row.</summary>
    public double[] KernelStd(IReadOnlyList<double[]> x) => Mean(Models.Select(m => m.KernelStd(x)).ToList(), x.Count);

    /// <summary>Kernel posterior stds in eV at <paramref name="barriers"/> (every model has the same target transform).</summary>
    public double[] KernelStdInEv(IReadOnlyList<double> kernelStd, IReadOnlyList<double> barriers) => Models[0].KernelStdInEv(kernelStd, barriers);

    /// <summary>Row-wise mean of per-model values (perModel[model][row]).</summary>
    internal static double[] Mean(IReadOnlyList<double[]> perModel, int n) =>
        Enumerable.Range(0, n).Select(i => perModel.Average(p => p[i])).ToArray();
}
