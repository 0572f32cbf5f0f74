using System.Text.Json;
using System.Text.Json.Serialization;
using BarrierNet.Core.Data;
using BarrierNet.Model.Heads;
using BarrierNet.Model.Training;

namespace BarrierNet.Model.Evaluation;

/// <summary>How the intervals of one split's out-of-fold predictions fare, before and after the conditional calibration.</summary>
internal sealed record ConditionalSourceReport(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("grouping")] GroupedFolds.Grouping Grouping,
    [property: JsonPropertyName("familiar")] int Familiar,
    [property: JsonPropertyName("before")] RegressionMetrics Before,
    [property: JsonPropertyName("after")] RegressionMetrics After,
    [property: JsonPropertyName("cross_fitted")] RegressionMetrics CrossFitted);

/// <summary>What `barriernet calibrate --oof` fitted and measured.</summary>
internal sealed record ConditionalRecalibrationReport(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("data_file")] string DataFile,
    [property: JsonPropertyName("data_sha256")] string DataSha256,
    [property: JsonPropertyName("calibration")] ConditionalCalibration Calibration,
    [property: JsonPropertyName("sources")] IReadOnlyList<ConditionalSourceReport> Sources,
    [property: JsonPropertyName("note")] string Note);

/// <summary>
/// Fits a model's <see cref="ConditionalCalibration"/> on out-of-fold predictions of its recipe (oof-predictions.csv of
/// `finetune` runs with different --grouping: the model's own grouped folds and, e.g., random folds) and reports, per
/// split, the intervals before (the model's single scale), after, and cross-fitted: each of
/// <see cref="CrossFitFolds"/> parts of the residuals predicted by a calibration fitted on the others, the honest
/// estimate of how the fitted intervals cover hops they were not fitted on. One dealing of the hops into parts moves
/// a group of 77 hops by ±0.03, and five pooled dealings still move a group of 190 by ±0.01, so the cross-fitted
/// figures pool <see cref="CrossFitDealings"/> dealings (seeds 0, 1, …).
/// <para>Each split's folds are rebuilt from the model's recipe (folds, seed) and the split's grouping, so that each
/// residual knows whether the model that predicted it had trained on a hop of the same host
/// (<see cref="TrainingHosts.FamiliarOutOfFold"/>); the model then keeps its training hosts' fingerprints
/// (model.json's training_hosts) to tell the same of any new hop.</para>
/// </summary>
internal static class ConditionalRecalibration
{
    public const string ReportFile = "conditional-calibration-report.json";
    public const int CrossFitFolds = 5;
    /// <summary>Dealings of the hops into cross-fitting parts whose predictions the cross-fitted figures pool.</summary>
    public const int CrossFitDealings = 20;

    /// <summary>
    /// Out-of-fold residuals of one predictions CSV; the ion of each row comes from the data file by sys_name, and
    /// whether it is familiar from <paramref name="familiar"/> (by sys_name; absent: novel).
    /// </summary>
    public static List<CalibrationResidual> ReadResiduals(string csv, IReadOnlyDictionary<string, BarrierEntry> bySysName,
        IReadOnlySet<string>? familiar = null)
    {
        List<PredictionsCsv.Row> rows;
        try { rows = PredictionsCsv.Read(csv); }
        catch (Exception e) when (e is FormatException or IOException or InvalidOperationException or KeyNotFoundException or CsvHelper.CsvFormatException)
        { throw new ArgumentException($"{csv}: not a predictions CSV (sys_name, target, prediction, uncertainty): {e.Message.Split('\n')[0]}"); }
        var residuals = new List<CalibrationResidual>();
        foreach (var (r, line) in rows.Select((r, i) => (r, i + 2)))
        {
            if (!bySysName.TryGetValue(r.SysName, out var e)) throw new ArgumentException($"{csv}: line {line}: {r.SysName} is not in the data file");
            if (r.Target is not double t || r.Uncertainty is not double s) throw new ArgumentException($"{csv}: line {line}: target and uncertainty are needed");
            residuals.Add(new CalibrationResidual(r.Prediction, s, e.Ion, t, csv, r.SysName, familiar?.Contains(r.SysName) == true));
        }
        return residuals;
    }

    /// <summary>
    /// Fits and writes the calibration into <paramref name="modelDir"/> (<paramref name="inPlace"/>) or a copy in
    /// <paramref name="outDir"/>, and records <paramref name="command"/> (with the hashes of the data and out-of-fold
    /// files) as a step of the model's provenance. <paramref name="groupings"/>: each file's fold grouping (null: the
    /// model's own); <paramref name="byFamiliarity"/> false fits one factor set for familiar and novel hops alike;
    /// <paramref name="bins"/>: how the predicted barrier is binned.
    /// </summary>
    public static ConditionalRecalibrationReport Run(string modelDir, string dataFile, IReadOnlyList<BarrierEntry> entries,
        IReadOnlyList<string> oofFiles, string outDir, bool inPlace, double level = 0.9, string? command = null,
        IReadOnlyList<GroupedFolds.Grouping>? groupings = null, bool byFamiliarity = true, PredictedBins bins = PredictedBins.Quintiles)
    {
        var manifest = ModelManifest.Read(modelDir);
        if (manifest.Kind != HeadEnsemble.KindName) throw new ArgumentException($"{modelDir}: only GNN head ensembles have intervals to calibrate (this is '{manifest.Kind}')");
        if (!inPlace)
        {
            if (ModelManifest.IsSameOrInside(outDir, modelDir))
                throw new ArgumentException($"--out must differ from --model and lie outside it: {modelDir} is only read (or give --in-place)");
            if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
                throw new ArgumentException($"{outDir}: already exists and is not empty; choose a new directory");
        }
        var recipe = manifest.RecipeAs<HeadRecipe>(modelDir);
        if (groupings is not null && groupings.Count != oofFiles.Count) throw new ArgumentException("give one grouping per out-of-fold file");
        var grouping = groupings ?? oofFiles.Select(_ => recipe.Grouping).ToList();
        bool isTrainingFile = IsTrainingFile(manifest, dataFile);
        if (byFamiliarity && !isTrainingFile)
            throw new ArgumentException($"{dataFile}: not the training file of {modelDir} (its SHA-256 differs from the one model.json keeps); the folds cannot be rebuilt from it");
        var bySysName = new Dictionary<string, BarrierEntry>(StringComparer.Ordinal);
        foreach (var e in entries) bySysName.TryAdd(e.SysName, e);
        var familiar = oofFiles.Select((_, k) => isTrainingFile ? FamiliarOutOfFold(entries, recipe, grouping[k]) : new HashSet<string>()).ToList();
        var residuals = oofFiles.SelectMany((f, k) => ReadResiduals(f, bySysName, familiar[k])).ToList();
        var calibration = ConditionalCalibration.Fit(residuals, level, byFamiliarity: byFamiliarity, bins: bins);
        var crossFitted = Enumerable.Range(0, CrossFitDealings).Select(seed => CrossFit(residuals, level, seed: seed, byFamiliarity: byFamiliarity, bins: bins)).ToList();
        var single = manifest.Calibration ?? IntervalCalibration.Gaussian90;
        var sources = oofFiles.Select(f =>
        {
            var idx = Enumerable.Range(0, residuals.Count).Where(i => residuals[i].Source == f).ToList();
            RegressionMetrics M(Func<int, BarrierPrediction> p) => RegressionMetrics.Compute(idx.Select(i => residuals[i].Target).ToList(),
                idx.Select(p).ToList(), idx.Select(i => residuals[i].Ion).ToList());
            int k = oofFiles.ToList().IndexOf(f);
            return new ConditionalSourceReport(f, ModelManifest.Sha256(f), idx.Count, grouping[k], idx.Count(i => residuals[i].Familiar),
                M(i => single.Predict(residuals[i].Prediction, residuals[i].Sigma) with { Familiar = residuals[i].Familiar }),
                M(i => calibration.Predict(residuals[i].Prediction, residuals[i].Sigma, residuals[i].Ion, residuals[i].Familiar)),
                Pooled(crossFitted, idx, residuals));
        }).ToList();

        string target = inPlace ? modelDir : outDir;
        if (!inPlace) ModelManifest.CopyDirectory(modelDir, outDir);
        var report = new ConditionalRecalibrationReport(modelDir, dataFile, ModelManifest.Sha256(dataFile), calibration, sources,
            "'after' is measured on the residuals the calibration was fitted on; 'cross_fitted' predicts each fifth of them with a calibration fitted on the other four fifths, pooled over " + CrossFitDealings + " dealings of the hops into fifths");
        File.WriteAllText(Path.Combine(target, ReportFile), JsonSerializer.Serialize(report, ModelJson.Options) + "\n");
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal) { [dataFile] = report.DataSha256 };
        foreach (var s in sources) inputs[s.Source] = s.Sha256;
        var step = ProvenanceStep.Now(command ?? $"barriernet calibrate --model {modelDir} --data {dataFile} --oof {string.Join(' ', oofFiles)}", inputs);
        (manifest with
        {
            ConditionalCalibration = calibration,
            TrainingHosts = calibration.Familiarity is null ? null : TrainingHosts.Of(entries),
            Provenance = (manifest.Provenance ?? new ModelProvenance()).WithStep(step),
        }).Write(target);
        return report;
    }

    /// <summary>The metrics of several dealings' cross-fitted predictions of the residuals <paramref name="idx"/>, pooled: n counts each hop once.</summary>
    private static RegressionMetrics Pooled(IReadOnlyList<BarrierPrediction[]> dealings, IReadOnlyList<int> idx, IReadOnlyList<CalibrationResidual> residuals)
    {
        var m = RegressionMetrics.Compute(dealings.SelectMany(_ => idx.Select(i => residuals[i].Target)).ToList(),
            dealings.SelectMany(c => idx.Select(i => c[i])).ToList(), dealings.SelectMany(_ => idx.Select(i => residuals[i].Ion)).ToList());
        return m with { N = idx.Count, Conditional = m.Conditional.Select(g => g with { N = g.N / dealings.Count }).ToList() };
    }

    /// <summary>
    /// The sys_names of the entries that are familiar out of fold under the first partition of the recipe's folds with
    /// <paramref name="grouping"/>: the folds of the GNN members and of the first descriptor models.
    /// </summary>
    public static HashSet<string> FamiliarOutOfFold(IReadOnlyList<BarrierEntry> entries, HeadRecipe recipe, GroupedFolds.Grouping grouping)
    {
        var fold = GroupedFolds.Assign(entries, recipe.FoldCount, recipe.Seed, grouping);
        var familiar = TrainingHosts.FamiliarOutOfFold(entries, fold);
        return entries.Where((e, i) => familiar[i]).Select(e => e.SysName).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The folds (and the training hosts) are rebuilt from the data file, so it must be the model's training file: the
    /// SHA-256 the model keeps, when it keeps one, must agree.
    /// </summary>
    private static bool IsTrainingFile(ModelManifest manifest, string dataFile)
    {
        var hashes = (manifest.Provenance?.Data ?? new Dictionary<string, string?>()).Values.Where(h => h is not null).ToList();
        return hashes.Count == 0 || hashes.Contains(ModelManifest.Sha256(dataFile));
    }

    /// <summary>
    /// Each residual's interval from a calibration fitted without its part: hops are dealt to parts by a seeded
    /// shuffle, and a hop's residuals from every split go to the same part. Quantile bin edges are refitted with the
    /// rest of the calibration, from the other parts' predictions.
    /// </summary>
    public static BarrierPrediction[] CrossFit(IReadOnlyList<CalibrationResidual> residuals, double level, int parts = CrossFitFolds, int seed = 0,
        bool byFamiliarity = true, PredictedBins bins = PredictedBins.Quintiles)
    {
        var hops = residuals.Select(r => r.Hop).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(hops);
        var partOf = hops.Select((h, j) => (h, j)).ToDictionary(x => x.h, x => x.j % parts, StringComparer.Ordinal);
        var part = residuals.Select(r => partOf[r.Hop]).ToArray();
        var result = new BarrierPrediction[residuals.Count];
        for (int p = 0; p < parts; p++)
        {
            var c = ConditionalCalibration.Fit(Enumerable.Range(0, residuals.Count).Where(i => part[i] != p).Select(i => residuals[i]).ToList(), level,
                byFamiliarity: byFamiliarity, bins: bins);
            for (int i = 0; i < residuals.Count; i++)
                if (part[i] == p) result[i] = c.Predict(residuals[i].Prediction, residuals[i].Sigma, residuals[i].Ion, residuals[i].Familiar);
        }
        return result;
    }
}
