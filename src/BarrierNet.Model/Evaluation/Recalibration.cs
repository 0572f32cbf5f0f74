using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Core.Data;
using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Evaluation;

/// <summary>What `barriernet calibrate` measured: coverage and width of the interval before and after refitting.</summary>
internal sealed record RecalibrationReport(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("data_file")] string DataFile,
    [property: JsonPropertyName("data_sha256")] string DataSha256,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("level")] double Level,
    [property: JsonPropertyName("scale_before")] double ScaleBefore,
    [property: JsonPropertyName("scale_after")] double ScaleAfter,
    [property: JsonPropertyName("coverage_before")] double CoverageBefore,
    [property: JsonPropertyName("coverage_after")] double CoverageAfter,
    [property: JsonPropertyName("interval_width_before")] double WidthBefore,
    [property: JsonPropertyName("interval_width_after")] double WidthAfter,
    [property: JsonPropertyName("mae")] double Mae,
    [property: JsonPropertyName("note")] string Note);

/// <summary>
/// Split-conformal recalibration of an ensemble on barriers it never trained on (a lab's own NEB results, or a new
/// chemistry): the members' spread is kept as the measure of which hops are uncertain, and only the scale that turns
/// spread into a 90% interval is refitted on these residuals. The shipped calibration comes from cross-validation on
/// the published data; a user whose materials differ gets intervals that cover their own data. The source directory
/// is only read: the recalibrated model is a copy in the output directory.
/// </summary>
internal static class Recalibration
{
    public const string ReportFile = "calibration-report.json";

    /// <summary>Refits, writes the copy and its report; returns the report and the barriers' recalibrated predictions.</summary>
    public static (RecalibrationReport Report, IReadOnlyList<BarrierPrediction> Predictions) Run(string modelDir, string dataFile, IReadOnlyList<BarrierEntry> entries, string outDir, double level = 0.9)
    {
        var manifest = ModelManifest.Read(modelDir);
        if (manifest.Kind != HeadEnsemble.KindName) throw new ArgumentException($"{modelDir}: only GNN head ensembles have intervals to calibrate (this is '{manifest.Kind}')");
        if (ModelManifest.IsSameOrInside(outDir, modelDir))
            throw new ArgumentException($"--out must differ from --model and lie outside it: {modelDir} is only read");
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new ArgumentException($"{outDir}: already exists and is not empty; choose a new directory");
        string sha = ModelManifest.Sha256(dataFile);
        // Conformal guarantees need residuals the model did not fit: refuse the very file it was trained on.
        if (manifest.Provenance?.Data.Values.Contains(sha) == true)
            throw new ArgumentException($"{dataFile}: this is the file {modelDir} was trained on; calibrate on barriers it has not seen");
        var labelled = entries.Where(e => e.Target is not null).ToList();
        if (labelled.Count < 10) throw new ArgumentException($"{dataFile}: {labelled.Count} barriers with targets; at least 10 are needed to calibrate");

        using var model = HeadEnsemble.Load(modelDir, manifest, null);
        if (model.Members.Count < 2) throw new ArgumentException($"{modelDir}: one member gives no spread; calibration needs an ensemble");
        var pred = model.Predict(labelled).Predictions;
        var targets = labelled.Select(e => e.Target!.Value).ToArray();
        var spread = pred.Select(p => p.Uncertainty ?? 0).ToArray();
        var before = model.Calibration ?? IntervalCalibration.Gaussian90;
        var after = IntervalCalibration.Fit(targets.Select((t, i) => pred[i].Mean - t).ToList(), spread, level);

        ModelManifest.CopyDirectory(modelDir, outDir);
        // The per-range and per-ion factors were fitted on the published data; the user's refit scale replaces them.
        File.Delete(Path.Combine(outDir, ConditionalRecalibration.ReportFile));
        var recalibrated = pred.Select(p => after.Predict(p.Mean, p.Uncertainty ?? 0)).ToList();
        var mBefore = RegressionMetrics.Compute(targets, pred); // the model's own intervals, single-scale or per range and ion
        var mAfter = RegressionMetrics.Compute(targets, recalibrated);
        var report = new RecalibrationReport(modelDir, dataFile, sha, labelled.Count, level, before.Scale, after.Scale,
            mBefore.Coverage90!.Value, mAfter.Coverage90!.Value, mBefore.IntervalWidth90!.Value, mAfter.IntervalWidth90!.Value, mAfter.Mae,
            "coverage_after is measured on the calibration data itself (≥ level by construction); on new data from the same source it is ≥ level on average");
        File.WriteAllText(Path.Combine(outDir, ReportFile), JsonSerializer.Serialize(report, ModelJson.Options) + "\n");
        (manifest with { Calibration = after, ConditionalCalibration = null }).Write(outDir);
        return (report, recalibrated);
    }
}
