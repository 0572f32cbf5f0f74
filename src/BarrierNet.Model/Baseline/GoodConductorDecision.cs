using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Baseline;

/// <summary>
/// A descriptor model whose barrier is the regression's and whose good/bad class is decided separately
/// (<see cref="ClassDecision"/>), to measure whether a decision made for the class beats thresholding the barrier:
/// the regression is fitted for the MAE over the whole range, the class only asks which side of 0.65 eV a hop lies.
/// Predictions carry the class in <see cref="BarrierPrediction.GoodConductor"/>; where it contradicts the printed
/// barrier is what <see cref="RegressionMetrics.ClassDisagreement"/> counts.
/// </summary>
internal sealed class GoodConductorDecision : IBarrierPredictor
{
    /// <summary>Inner grouped folds (by system) of the calibrated threshold.</summary>
    public const int InnerFolds = 5;

    private readonly DescriptorBaseline _regression;
    private readonly ExtraTreesRegressor? _classifier;
    private readonly double _threshold;

    private GoodConductorDecision(DescriptorBaseline regression, ExtraTreesRegressor? classifier, double threshold)
    {
        _regression = regression; _classifier = classifier; _threshold = threshold;
    }

    public string Kind => "descriptor-model-class-decision";

    /// <summary>The regressed barrier below which the model calls a hop good (the calibrated threshold; 0.65 eV for the classifier's regression).</summary>
    public double Threshold => _threshold;

    public static GoodConductorDecision Train(IReadOnlyList<BarrierEntry> train, DescriptorBaselineOptions options, ClassDecision decision, int seed,
        double threshold = RegressionMetrics.DefaultThreshold)
    {
        var regression = DescriptorBaseline.Train(train, options, seed);
        return decision switch
        {
            ClassDecision.Classifier => new GoodConductorDecision(regression, FitClassifier(train, options, seed, threshold), threshold),
            ClassDecision.CalibratedThreshold => new GoodConductorDecision(regression, null, CalibratedThreshold(train, options, seed, threshold)),
            _ => throw new ArgumentException($"unknown class decision '{decision}'"),
        };
    }

    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
    {
        var barriers = _regression.Predict(entries).Predictions;
        var x = _classifier is null ? null : DescriptorCache.GetAll(entries, blockage: _regression.Options.BlockageDescriptors);
        return new PredictionResult(barriers.Select((p, i) => p with
        {
            GoodConductor = _classifier is not null ? _classifier.Predict(x![i]) >= 0.5 : p.Mean < _threshold,
        }).ToList());
    }

    /// <summary>
    /// Extra trees voting on the class (1 = good): their mean is the share of trees that call the hop good. Weighted
    /// like the regression when it is (the weights are of the barrier, so they also balance the class's margin).
    /// </summary>
    private static ExtraTreesRegressor FitClassifier(IReadOnlyList<BarrierEntry> train, DescriptorBaselineOptions options, int seed, double threshold)
    {
        var x = DescriptorCache.GetAll(train, blockage: options.BlockageDescriptors);
        var good = train.Select(e => e.Target!.Value < threshold ? 1.0 : 0.0).ToArray();
        var weights = options.TargetWeightPower > 0
            ? TargetDensityWeights.Of(train.Select(e => TargetScale.ToFitted(BarrierScale.Sqrt, e.Target!.Value)).ToList(), options.TargetWeightPower)
            : null;
        return ExtraTreesRegressor.Fit(x, good,
            new ExtraTreesRegressor.Settings(options.Trees, (int)Math.Round(options.FeatureFraction * x[0].Length), MinSamplesSplit: 4, MinSamplesLeaf: 2), seed, weights);
    }

    /// <summary>
    /// The cut on the regressed barrier with the highest accuracy on inner out-of-fold predictions (system-grouped folds
    /// of the training set), searched over the midpoints between sorted predictions within 0.3 eV of the threshold; ties
    /// go to the cut nearest the threshold.
    /// </summary>
    private static double CalibratedThreshold(IReadOnlyList<BarrierEntry> train, DescriptorBaselineOptions options, int seed, double threshold)
    {
        var oof = new double[train.Count];
        foreach (var (tr, te) in GroupedFolds.Splits(train, InnerFolds, seed, GroupedFolds.Grouping.SystemOnly))
        {
            var inner = DescriptorBaseline.Train(tr.Select(i => train[i]).ToList(), options, seed);
            var p = inner.Predict(te.Select(i => train[i]).ToList()).Predictions;
            for (int k = 0; k < te.Length; k++) oof[te[k]] = p[k].Mean;
        }
        var good = train.Select(e => e.Target!.Value < threshold).ToArray();
        var sorted = oof.Order().ToArray();
        var cuts = sorted.Zip(sorted.Skip(1), (a, b) => (a + b) / 2).Where(c => Math.Abs(c - threshold) <= 0.3).Append(threshold);
        return cuts.Select(c => (Cut: c, Correct: oof.Where((v, i) => (v < c) == good[i]).Count()))
            .OrderByDescending(t => t.Correct).ThenBy(t => Math.Abs(t.Cut - threshold)).First().Cut;
    }
}
