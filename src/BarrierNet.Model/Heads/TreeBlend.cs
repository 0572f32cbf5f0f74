using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The stacked hybrid: every ensemble member's GNN prediction is blended with a descriptor model ("trees": extremely
/// randomised trees averaged with kernel ridge) on the hop descriptors,
/// trained on the same grouped folds as the member: Em = w·GNN + (1 − w)·trees. Grouped cross-validation showed the
/// trees alone beating every GNN head while the two err on different hops; w is the grid value with the lowest
/// out-of-fold MAE (model.json's blend section keeps the curves: MAE by w₀ at the chosen slope, best MAE by slope).
/// <para>
/// The weight may follow novelty: w = clamp(w₀ + slope·z, 0, 1), z the member's kernel posterior std (how unlike its
/// training hops the hop is) standardised by the out-of-fold median and spread. The descriptor model is a local
/// interpolator and is worst on unfamiliar chemistry, where the GNN, pretrained on seven bulk properties of far more
/// materials than there are barriers, still knows something; out of fold the GNN's share rising with novelty lowered
/// the MAE. Slope 0 (the choice on ties) is the constant blend.
/// </para>
/// </summary>
internal sealed record TreeBlend(
    [property: JsonPropertyName("gnn_weight")] double GnnWeight,
    [property: JsonPropertyName("trees_per_member")] int TreesPerMember,
    [property: JsonPropertyName("oof_mae_by_gnn_weight")] IReadOnlyDictionary<string, double> OofMaeByWeight)
{
    /// <summary>Change of the GNN weight per unit of standardised novelty (0 = constant blend).</summary>
    [JsonPropertyName("novelty_slope")] public double NoveltySlope { get; init; }
    /// <summary>Out-of-fold median of the members' kernel posterior std (fitted units), the z = 0 point.</summary>
    [JsonPropertyName("novelty_median")] public double NoveltyMedian { get; init; }
    /// <summary>Out-of-fold standard deviation of that posterior std, the unit of z.</summary>
    [JsonPropertyName("novelty_scale")] public double NoveltyScale { get; init; } = 1;
    /// <summary>Lowest out-of-fold MAE reached with each slope (over all w₀).</summary>
    [JsonPropertyName("oof_mae_by_novelty_slope")] public IReadOnlyDictionary<string, double>? OofMaeBySlope { get; init; }


    /// <summary>GNN weights tried: 0, 0.05, …, 1 (0 = trees only, 1 = GNN only).</summary>
    public static IReadOnlyList<double> Grid { get; } = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();

    /// <summary>
    /// The descriptor model each member trains: extra trees (the baseline's chosen settings, fewer trees per member since
    /// K members make one forest) averaged with kernel ridge.
    /// </summary>
    public static DescriptorBaselineOptions TreeOptions(int trees, BarrierScale target, TreeVote vote, double kernelAlpha, double kernelGamma) =>
        DescriptorBaselineOptions.ExtraTreesKernel with { Trees = trees, TargetTransform = target, TreeVote = vote, KernelAlpha = kernelAlpha, KernelGamma = kernelGamma };

    /// <summary>Slopes tried (per unit of standardised novelty).</summary>
    public static IReadOnlyList<double> SlopeGrid { get; } = new[] { 0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5 };

    private static readonly double[] ConstantOnly = { 0.0 };

    /// <summary>The slopes to choose among: the grid when there is novelty to follow, 0 alone (a constant blend) without.</summary>
    public static IReadOnlyList<double> Slopes(bool haveNovelty) => haveNovelty ? SlopeGrid : ConstantOnly;

    /// <summary>Standardised novelty z of a member's kernel posterior std.</summary>
    public double Z(double novelty) => (novelty - NoveltyMedian) / NoveltyScale;

    /// <summary>The GNN weight for a hop of the given novelty (the member's kernel posterior std, fitted units).</summary>
    public double Weight(double novelty) => Weight(GnnWeight, NoveltySlope, NoveltySlope == 0 ? 0 : Z(novelty));

    public double Blend(double gnn, double trees, double novelty) => Mix(Weight(novelty), gnn, trees);

    private static double Weight(double w0, double slope, double z) => Math.Clamp(w0 + slope * z, 0, 1);

    private static double Mix(double w, double gnn, double trees) => w * gnn + (1 - w) * trees;

    /// <summary>Mean absolute error of the blend (w₀, slope) on the given entries, z their standardised novelty.</summary>
    public static double Mae(double w0, double slope, IReadOnlyList<int> idx, double[] gnn, double[] trees, double[] z, double[] targets) =>
        idx.Average(i => Math.Abs(Mix(Weight(w0, slope, z[i]), gnn[i], trees[i]) - targets[i]));

    /// <summary>The constant grid weight with the lowest MAE on <paramref name="idx"/> (the smallest such weight on ties).</summary>
    public static double ChooseWeight(IReadOnlyList<int> idx, double[] gnn, double[] trees, double[] targets) =>
        Choose(idx, gnn, trees, new double[gnn.Length], targets, Slopes(false)).W0;

    /// <summary>
    /// The (w₀, slope) among <paramref name="slopes"/> × <see cref="Grid"/> with the lowest MAE on <paramref name="idx"/>;
    /// on ties the smaller slope, then the smaller w₀.
    /// </summary>
    public static (double W0, double Slope) Choose(IReadOnlyList<int> idx, double[] gnn, double[] trees, double[] z, double[] targets,
        IReadOnlyList<double> slopes)
    {
        if (idx.Count == 0) throw new ArgumentException("choosing a blend weight needs at least one held-out prediction");
        return slopes.SelectMany(s => Grid.Select(w => (W0: w, Slope: s))).MinBy(p => Mae(p.W0, p.Slope, idx, gnn, trees, z, targets));
    }

    /// <summary>
    /// The blend chosen on out-of-fold predictions. With <paramref name="novelty"/> (each entry's kernel posterior std
    /// from the member that held it out) the slope is chosen too; without, the blend is constant.
    /// </summary>
    public static TreeBlend Fit(IReadOnlyList<int> idx, double[] gnn, double[] trees, double[]? novelty, double[] targets, int treesPerMember)
    {
        var shape = new TreeBlend(0, treesPerMember, new Dictionary<string, double>());
        if (novelty is not null)
        {
            var held = idx.Select(i => novelty[i]).Order().ToArray();
            double median = Median.OfSorted(held);
            double mean = held.Average();
            double sd = Math.Sqrt(held.Average(v => (v - mean) * (v - mean)));
            shape = shape with { NoveltyMedian = median, NoveltyScale = sd > 0 ? sd : 1 };
        }
        var z = novelty is null ? new double[gnn.Length] : novelty.Select(shape.Z).ToArray();
        var slopes = Slopes(novelty is not null);
        var (w0, slope) = Choose(idx, gnn, trees, z, targets, slopes);
        return shape with
        {
            GnnWeight = w0, NoveltySlope = slope,
            OofMaeByWeight = Grid.ToDictionary(Key, w => Math.Round(Mae(w, slope, idx, gnn, trees, z, targets), 5)),
            OofMaeBySlope = novelty is null ? null
                : slopes.ToDictionary(Key, s => Math.Round(Grid.Min(w => Mae(w, s, idx, gnn, trees, z, targets)), 5)),
        };
    }

    /// <summary>
    /// The same novelty dependence with w₀ chosen again on <paramref name="idx"/> (few-shot adaptation: the GNN members
    /// learnt new data, the descriptor models and their kernels did not).
    /// </summary>
    public TreeBlend Rechoose(IReadOnlyList<int> idx, double[] gnn, double[] trees, double[] z, double[] targets) => this with
    {
        GnnWeight = Choose(idx, gnn, trees, z, targets, new[] { NoveltySlope }).W0,
        OofMaeByWeight = Grid.ToDictionary(Key, w => Math.Round(Mae(w, NoveltySlope, idx, gnn, trees, z, targets), 5)),
    };

    private static string Key(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Checks a blend read from <paramref name="path"/>: weight in [0, 1], finite novelty terms.</summary>
    public void Validate(string path)
    {
        if (!(GnnWeight >= 0 && GnnWeight <= 1)) throw new ArgumentException($"{path}: blend.gnn_weight must lie in [0, 1]");
        if (!double.IsFinite(NoveltySlope) || !double.IsFinite(NoveltyMedian) || !(NoveltyScale > 0))
            throw new ArgumentException($"{path}: blend.novelty_slope and novelty_median must be finite and novelty_scale positive");
    }
}
