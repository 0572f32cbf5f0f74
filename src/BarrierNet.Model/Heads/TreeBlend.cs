using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The stacked hybrid: every ensemble member's GNN prediction is blended with a descriptor model ("trees": extremely
/// randomised trees averaged with kernel ridge since session 4; extra trees alone before) on the hop descriptors,
/// trained on the same grouped folds as the member: Em = w·GNN + (1 − w)·trees. Grouped cross-validation showed the
/// trees alone beating every GNN head while the two err on different hops; w is the grid value with the lowest
/// out-of-fold MAE (blend.json keeps the whole curve). The trees of member k live in members/k/trees/ as an ordinary
/// descriptor-baseline model directory.
/// </summary>
public sealed record TreeBlend(
    [property: JsonPropertyName("gnn_weight")] double GnnWeight,
    [property: JsonPropertyName("trees_per_member")] int TreesPerMember,
    [property: JsonPropertyName("oof_mae_by_gnn_weight")] IReadOnlyDictionary<string, double> OofMaeByWeight)
{
    public const string FileName = "blend.json";
    public const string TreesDirectory = "trees";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>GNN weights tried: 0, 0.05, …, 1 (0 = trees only, 1 = GNN only).</summary>
    public static IReadOnlyList<double> Grid { get; } = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();

    /// <summary>
    /// The descriptor model each member trains: extra trees (the baseline's chosen settings, fewer trees per member since
    /// K members make one forest) averaged with kernel ridge.
    /// </summary>
    public static DescriptorBaselineOptions TreeOptions(int trees) => DescriptorBaselineOptions.ExtraTreesKernel with { Trees = trees };

    public double Blend(double gnn, double trees) => GnnWeight * gnn + (1 - GnnWeight) * trees;

    public static string MemberTreesDirectory(string model, int member) => Path.Combine(HeadEnsemble.MemberDirectory(model, member), TreesDirectory);

    /// <summary>Mean absolute error of the blend with GNN weight w on the given entries.</summary>
    public static double Mae(double w, IReadOnlyList<int> idx, double[] gnn, double[] trees, double[] targets) =>
        idx.Average(i => Math.Abs(w * gnn[i] + (1 - w) * trees[i] - targets[i]));

    /// <summary>The grid weight with the lowest MAE on <paramref name="idx"/> (the smallest such weight on ties).</summary>
    public static double ChooseWeight(IReadOnlyList<int> idx, double[] gnn, double[] trees, double[] targets)
    {
        if (idx.Count == 0) throw new ArgumentException("choosing a blend weight needs at least one held-out prediction");
        return Grid.MinBy(w => Mae(w, idx, gnn, trees, targets));
    }

    public static TreeBlend Fit(IReadOnlyList<int> idx, double[] gnn, double[] trees, double[] targets, int treesPerMember) =>
        new(ChooseWeight(idx, gnn, trees, targets), treesPerMember,
            Grid.ToDictionary(w => w.ToString("0.00", CultureInfo.InvariantCulture), w => Math.Round(Mae(w, idx, gnn, trees, targets), 5)));

    public void Save(string model) => File.WriteAllText(Path.Combine(model, FileName), JsonSerializer.Serialize(this, Indented));

    /// <summary>The blend of a model directory, or null for a GNN-only model.</summary>
    public static TreeBlend? Load(string model)
    {
        var path = Path.Combine(model, FileName);
        if (!File.Exists(path)) return null;
        TreeBlend? b;
        try { b = JsonSerializer.Deserialize<TreeBlend>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new ArgumentException($"{path}: line {(e.LineNumber ?? 0) + 1}: not a valid blend file"); }
        if (b is null) throw new ArgumentException($"{path}: empty blend file");
        if (!(b.GnnWeight >= 0 && b.GnnWeight <= 1)) throw new ArgumentException($"{path}: gnn_weight must lie in [0, 1]");
        return b;
    }

    /// <summary>Copies blend.json and every member's trees (few-shot adaptation keeps the trees as they were).</summary>
    public static void CopyFiles(string fromModel, string toModel, int members)
    {
        var src = Path.Combine(fromModel, FileName);
        if (!File.Exists(src)) return;
        File.Copy(src, Path.Combine(toModel, FileName), true);
        for (int m = 0; m < members; m++)
            ModelManifest.CopyDirectory(MemberTreesDirectory(fromModel, m), MemberTreesDirectory(toModel, m), overwrite: true);
    }
}
