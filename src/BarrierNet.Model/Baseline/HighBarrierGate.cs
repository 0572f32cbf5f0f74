using BarrierNet.Core.Data;
using BarrierNet.Core.Descriptors;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Model.Baseline;

/// <summary>
/// A two-stage descriptor model: a classifier of "high" barriers (extra trees on the hop descriptors voting on
/// Em ≥ <see cref="HighBarrier"/>, their mean = the probability p) and a descriptor model fitted only on the hops at
/// or above <see cref="SpecialistFloor"/>; the prediction is (1 − p) · general + p · specialist. The general model sees
/// the high hops among hundreds of ordinary ones and its leaves average them down; the specialist never does.
/// </summary>
internal sealed class HighBarrierGate : IBarrierPredictor
{
    /// <summary>The barrier (eV) the classifier learns to recognise: the range under-predicted by 0.7 eV on average.</summary>
    public const double HighBarrier = 1.5;

    /// <summary>The lowest barrier (eV) the specialist trains on: below 1.5 eV so that it has data and knows where the range starts.</summary>
    public const double SpecialistFloor = 1.0;

    private readonly DescriptorBaseline _general, _specialist;
    private readonly ExtraTreesRegressor _classifier;

    private HighBarrierGate(DescriptorBaseline general, DescriptorBaseline specialist, ExtraTreesRegressor classifier)
    {
        _general = general; _specialist = specialist; _classifier = classifier;
    }

    public string Kind => "high-barrier-gated-descriptor-model";

    public static HighBarrierGate Train(IReadOnlyList<BarrierEntry> train, DescriptorBaselineOptions options, int seed)
    {
        var high = train.Where(e => e.Target!.Value >= SpecialistFloor).ToList();
        if (high.Count < 2) throw new ArgumentException($"the two-stage model needs at least two training barriers at or above {SpecialistFloor} eV");
        var x = DescriptorCache.GetAll(train);
        var isHigh = train.Select(e => e.Target!.Value >= HighBarrier ? 1.0 : 0.0).ToArray();
        var classifier = ExtraTreesRegressor.Fit(x, isHigh,
            new ExtraTreesRegressor.Settings(options.Trees, (int)Math.Round(options.FeatureFraction * x[0].Length), MinSamplesSplit: 4, MinSamplesLeaf: 2), seed);
        return new HighBarrierGate(DescriptorBaseline.Train(train, options, seed), DescriptorBaseline.Train(high, options, seed), classifier);
    }

    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
    {
        var general = _general.Predict(entries).Predictions;
        var specialist = _specialist.Predict(entries).Predictions;
        var x = DescriptorCache.GetAll(entries);
        return PredictionResult.FromMeans(entries.Select((_, i) =>
        {
            double p = _classifier.Predict(x[i]);
            return (1 - p) * general[i].Mean + p * specialist[i].Mean;
        }));
    }
}
