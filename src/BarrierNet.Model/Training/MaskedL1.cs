using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Training;

/// <summary>
/// L1 loss over the labels a batch actually has: missing labels (NaN) are masked out and the mean is taken over the
/// present ones, so a structure with three labels contributes to three heads in the same step.
/// </summary>
internal static class MaskedL1
{
    /// <summary>Mean |prediction − label| over present labels, or 0 (with a graph) when there are none.</summary>
    public static Tensor Loss(Tensor predictions, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var mask = labels.isnan().logical_not();
        var diff = (predictions - labels.nan_to_num(0.0)).abs() * mask;
        using var one = 1.0.ToScalar();
        var count = mask.sum().clamp_min(one);
        return (diff.sum() / count).MoveToOuterDisposeScope();
    }

    /// <summary>Per-property sums of |error| and label counts (detached, on the CPU) for MAE bookkeeping.</summary>
    public static (double[] Sums, long[] Counts) PerProperty(Tensor predictions, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var mask = labels.isnan().logical_not();
        var diff = ((predictions.detach() - labels.nan_to_num(0.0)).abs() * mask).sum(dim: 0L).cpu().to(float64);
        var cnt = mask.sum(dim: 0L).cpu().to(int64);
        return (diff.data<double>().ToArray(), cnt.data<long>().ToArray());
    }
}
