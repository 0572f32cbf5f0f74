using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>
/// Chooses the GNN/trees blend (<see cref="TreeBlend"/>) on out-of-fold predictions and says what it buys, out of fold
/// (cv-metrics.json's blend section): GNN alone, trees alone, the blend at the chosen weight, and (with several folds)
/// the blend with each fold's weight chosen on the other folds only, which has no selection bias.
/// </summary>
internal sealed record BlendSelection(TreeBlend Blend, JsonObject Report)
{
    /// <param name="entries">The training entries (targets and ions for the metrics).</param>
    /// <param name="gnn">The GNN members' out-of-fold predictions.</param>
    /// <param name="trees">The descriptor models' out-of-fold predictions and novelty.</param>
    /// <param name="outerFold">Each entry's fold of the first partition: the outer split of the nested report.</param>
    /// <param name="treesPerMember">Extra trees per descriptor model (recorded in the blend).</param>
    public static BlendSelection Choose(IReadOnlyList<BarrierEntry> entries, OutOfFoldPredictions gnn, DescriptorPredictions trees,
        int[] outerFold, int treesPerMember)
    {
        var held = gnn.Held;
        var targets = entries.Select(e => e.Target!.Value).ToArray();
        var novelty = trees.Novelty;
        var blend = TreeBlend.Fit(held, gnn.Best, trees.Barriers, novelty, targets, treesPerMember);
        var report = new JsonObject
        {
            ["gnn_weight"] = blend.GnnWeight,
            ["novelty_slope"] = blend.NoveltySlope,
            ["trees_per_member"] = blend.TreesPerMember,
            ["oof_gnn"] = OutOfFoldMetrics.Of(entries, held, gnn.Best),
            ["oof_trees"] = OutOfFoldMetrics.Of(entries, held, trees.Barriers),
        };
        var folds = held.Select(i => outerFold[i]).Distinct().Order().ToArray();
        if (folds.Length >= 2)
        {
            var nested = new double[entries.Count];
            var weights = new JsonArray();
            var slopes = new JsonArray();
            var z = novelty is null ? new double[entries.Count] : novelty.Select(blend.Z).ToArray();
            foreach (var f in folds)
            {
                var rest = held.Where(i => outerFold[i] != f).ToArray();
                var (w0, slope) = TreeBlend.Choose(rest, gnn.Best, trees.Barriers, z, targets, TreeBlend.Slopes(novelty is not null));
                weights.Add(w0);
                slopes.Add(slope);
                var chosen = blend with { GnnWeight = w0, NoveltySlope = slope };
                foreach (var i in held.Where(i => outerFold[i] == f)) nested[i] = chosen.Blend(gnn.Best[i], trees.Barriers[i], novelty?[i] ?? 0);
            }
            report["nested_gnn_weights"] = weights;
            report["nested_novelty_slopes"] = slopes;
            report["oof_nested"] = OutOfFoldMetrics.Of(entries, held, nested);
        }
        return new BlendSelection(blend, report);
    }
}
