using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>
/// The interval calibration of a full training, fitted on cross-validated residuals: each held-out entry's uncertainty
/// is the trained ensemble's as predict computes it (the members' spread, and with kernels the novelty), except that
/// the novelty comes only from the descriptor models that held the entry out, which, like a new structure, never saw
/// it. Split-conformal (<see cref="IntervalCalibration.Fit"/>) needs ≥ 10 residuals; with fewer (toy data) the Gaussian
/// ±1.645 σ is stored instead.
/// </summary>
internal sealed record OutOfFoldCalibration(double[] Uncertainty, IntervalCalibration? Calibration)
{
    /// <summary>A single member has no spread to calibrate: zero uncertainty, no calibration.</summary>
    public static OutOfFoldCalibration SingleMember(int entries) => new(new double[entries], null);

    /// <summary>Fits the calibration of an ensemble of two or more members on its out-of-fold predictions.</summary>
    public static OutOfFoldCalibration Fit(HeadEnsemble ensemble, IReadOnlyList<HopSample> samples, double[] targets,
        OutOfFoldPredictions oof, MemberFolds folds)
    {
        var held = oof.Held;
        var combined = HeadEnsemble.Combine(ensemble.MemberPredictions(samples), null);
        var spread = combined.Predictions.Select(p => p.Uncertainty ?? 0).ToArray();
        if (ensemble.HasNovelty)
            foreach (var i in held)
            {
                var models = Enumerable.Range(0, ensemble.Descriptors!.Models.Count).Where(j => folds.HeldOut(j, i)).ToArray();
                var nov = ensemble.NoveltyStd(new[] { samples[i] }, new[] { oof.Best[i] }, models)!;
                spread[i] = Math.Sqrt(spread[i] * spread[i] + nov[0] * nov[0]);
            }
        var cal = held.Length >= 10
            ? IntervalCalibration.Fit(held.Select(i => oof.Best[i] - targets[i]).ToList(), held.Select(i => spread[i]).ToList())
            : IntervalCalibration.Gaussian90;
        return new OutOfFoldCalibration(spread, cal);
    }
}
