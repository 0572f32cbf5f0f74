using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>
/// Each entry's prediction by the members that did not train on it (the mean of one member per partition): the
/// cross-validated predictions the blend is chosen on, the calibration fitted on and cv-metrics.json reports.
/// <see cref="Best"/> uses each member's best epoch, chosen on that same fold and so slightly optimistic;
/// <see cref="Last"/> its last epoch, with no selection. NaN for an entry no member held out.
/// </summary>
internal sealed record OutOfFoldPredictions(double[] Best, double[] Last)
{
    /// <summary>The entries some member held out, ascending.</summary>
    public int[] Held { get; } = Enumerable.Range(0, Best.Length).Where(i => double.IsFinite(Best[i])).ToArray();

    /// <summary>The mean over the members' records of their held-out predictions, for <paramref name="entries"/> entries.</summary>
    public static OutOfFoldPredictions Gather(IEnumerable<MemberRecord> members, int entries)
    {
        var best = new double[entries];
        var last = new double[entries];
        var count = new int[entries];
        foreach (var r in members)
            for (int j = 0; j < r.Validation.Length; j++) { best[r.Validation[j]] += r.Best[j]; last[r.Validation[j]] += r.Last[j]; count[r.Validation[j]]++; }
        for (int i = 0; i < entries; i++)
        {
            best[i] = count[i] > 0 ? best[i] / count[i] : double.NaN;
            last[i] = count[i] > 0 ? last[i] / count[i] : double.NaN;
        }
        return new OutOfFoldPredictions(best, last);
    }

    /// <summary>The GNN predictions blended with the descriptor models' out-of-fold predictions at <paramref name="blend"/>'s weight.</summary>
    public OutOfFoldPredictions Blended(TreeBlend blend, DescriptorPredictions trees)
    {
        var novelty = trees.Novelty ?? new double[Best.Length];
        return new OutOfFoldPredictions(
            Best.Select((g, i) => blend.Blend(g, trees.Barriers[i], novelty[i])).ToArray(),
            Last.Select((g, i) => blend.Blend(g, trees.Barriers[i], novelty[i])).ToArray());
    }
}
