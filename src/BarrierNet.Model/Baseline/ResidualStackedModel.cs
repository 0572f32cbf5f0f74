using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Baseline;

/// <summary>
/// A descriptor model stacked with a model of its own residual. The descriptor model is cross-validated inside the
/// training set (system-grouped folds), a second stage learns the out-of-fold residual (on the fitted scale) from the
/// ion and the predicted value (<see cref="ResidualCorrection"/>), and the final model — the descriptor model refitted
/// on the whole training set — is corrected by it. It asks whether the shrinkage of high barriers is systematic
/// enough, per ion and per predicted value, to be undone from outside the model; a global affine stretch was not
/// (docs/experiments/intervals.md).
/// </summary>
internal sealed class ResidualStackedModel : IBarrierPredictor
{
    /// <summary>Hops of a rare ion count as this many fewer towards its offset: offset = median · n / (n + <see cref="Shrinkage"/>).</summary>
    public const double Shrinkage = 10;

    /// <summary>Folds of the inner cross-validation that gives the residuals.</summary>
    public const int InnerFolds = 5;

    private readonly DescriptorBaseline _model;
    private readonly ResidualCorrection _correction;
    private readonly IReadOnlyDictionary<string, double> _offsets;
    private readonly ExtraTreesRegressor? _residualTrees;

    private ResidualStackedModel(DescriptorBaseline model, ResidualCorrection correction, IReadOnlyDictionary<string, double> offsets,
        ExtraTreesRegressor? residualTrees)
    {
        _model = model; _correction = correction; _offsets = offsets; _residualTrees = residualTrees;
    }

    public string Kind => "residual-stacked-descriptor-model";

    public static ResidualStackedModel Train(IReadOnlyList<BarrierEntry> train, DescriptorBaselineOptions options, ResidualCorrection correction, int seed)
    {
        var scale = options.TargetTransform;
        var fitted = train.Select(e => TargetScale.ToFitted(scale, e.Target!.Value)).ToArray();
        var predicted = OutOfFoldFitted(train, options, seed);
        var residual = fitted.Select((y, i) => y - predicted[i]).ToArray();
        var model = DescriptorBaseline.Train(train, options, seed);
        if (correction == ResidualCorrection.IonOffset)
            return new ResidualStackedModel(model, correction, IonOffsets(train, residual), null);
        var x = train.Select((e, i) => Stage2Row(e.Ion, predicted[i])).ToArray();
        var trees = ExtraTreesRegressor.Fit(x, residual, new ExtraTreesRegressor.Settings(Trees: 200, MinSamplesSplit: 20, MinSamplesLeaf: 10), seed);
        return new ResidualStackedModel(model, correction, new Dictionary<string, double>(), trees);
    }

    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
    {
        var scale = _model.Options.TargetTransform;
        var barriers = _model.Predict(entries).Predictions.Select(p => p.Mean).ToArray();
        return PredictionResult.FromMeans(entries.Select((e, i) =>
        {
            double f = TargetScale.ToFitted(scale, barriers[i]);
            double c = _correction == ResidualCorrection.IonOffset
                ? _offsets.GetValueOrDefault(e.Ion)
                : _residualTrees!.Predict(Stage2Row(e.Ion, f));
            return TargetScale.ToBarrier(scale, f + c);
        }));
    }

    /// <summary>The descriptor model's out-of-fold predictions on the fitted scale, system-grouped folds of the training set.</summary>
    private static double[] OutOfFoldFitted(IReadOnlyList<BarrierEntry> train, DescriptorBaselineOptions options, int seed)
    {
        var result = new double[train.Count];
        foreach (var (fit, held) in GroupedFolds.Splits(train, InnerFolds, seed, GroupedFolds.Grouping.SystemOnly))
        {
            var model = DescriptorBaseline.Train(fit.Select(i => train[i]).ToList(), options, seed);
            var p = model.Predict(held.Select(i => train[i]).ToList()).Predictions;
            for (int j = 0; j < held.Length; j++) result[held[j]] = TargetScale.ToFitted(options.TargetTransform, p[j].Mean);
        }
        return result;
    }

    /// <summary>Per ion, the median residual shrunk towards 0 by n / (n + <see cref="Shrinkage"/>).</summary>
    internal static Dictionary<string, double> IonOffsets(IReadOnlyList<BarrierEntry> train, double[] residual) =>
        train.Select((e, i) => (e.Ion, R: residual[i])).GroupBy(t => t.Ion, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Median.Of(g.Select(t => t.R)) * g.Count() / (g.Count() + Shrinkage), StringComparer.Ordinal);

    /// <summary>The second stage's input: the ion one-hot and the predicted value on the fitted scale.</summary>
    private static double[] Stage2Row(string ion, double predictedFitted) =>
        IonicRadii.MobileIons.Select(m => m == ion ? 1.0 : 0.0).Append(predictedFitted).ToArray();
}
