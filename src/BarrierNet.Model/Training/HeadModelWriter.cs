using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BarrierNet.Core.Data;
using BarrierNet.Model.Baseline;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>
/// The files of a full training besides the members' and the descriptor models' own: train-log.csv (every member's
/// epochs), cv-metrics.json, oof-predictions.csv (which hops the model gets wrong, in evaluate's --predictions
/// format) and model.json (the recipe with every default resolved, provenance, and the trained parts).
/// </summary>
internal sealed class HeadModelWriter(FinetuneOptions options, HeadRecipe recipe)
{
    /// <summary>Out-of-fold predictions of a full training (sys_name, target, prediction, uncertainty).</summary>
    public const string OofPredictionsFile = "oof-predictions.csv";
    public const string CvMetricsFile = "cv-metrics.json";
    public const string TrainLogFile = "train-log.csv";

    private string Directory => options.OutputDirectory;

    /// <summary>train-log.csv: every finished member's epochs (member, epoch, seconds, lr, train_mae, val_mae).</summary>
    public void WriteTrainLog(int members)
    {
        var sb = new StringBuilder("member,epoch,seconds,lr,train_mae,val_mae\n");
        static string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";
        for (int m = 0; m < members; m++)
        {
            if (!MemberRecord.Exists(Directory, m)) continue;
            foreach (var e in MemberRecord.Read(Directory, m).History)
                sb.AppendLine(string.Join(',', e.Member.ToString(CultureInfo.InvariantCulture), e.Epoch.ToString(CultureInfo.InvariantCulture),
                    F(e.Seconds), F(e.LearningRate), F(e.TrainMae), F(e.ValMae)));
        }
        File.WriteAllText(Path.Combine(Directory, TrainLogFile), sb.ToString());
    }

    /// <summary>model.json of a full training, before calibration: the recipe, provenance and the trained parts.</summary>
    public ModelManifest Manifest(HeadConfig config, TreeBlend? blend, DescriptorModelSet? descriptors, int trainingEntries) => new()
    {
        Kind = HeadEnsemble.KindName,
        Recipe = JsonSerializer.SerializeToElement(recipe, ModelJson.Options),
        Provenance = ModelProvenance.Now(recipe.Command(options.DataFile, Directory),
                new Dictionary<string, string?> { [options.DataFile] = DataHash(options) }, trainingEntries)
            with { Inputs = InputHashes(recipe.From) },
        Head = config, Blend = blend, DescriptorModels = descriptors,
    };

    /// <summary>
    /// cv-metrics.json, oof-predictions.csv (each held-out entry's prediction, and its uncertainty with two or more
    /// members) and model.json with the calibration.
    /// </summary>
    public void Write(JsonObject cvMetrics, IReadOnlyList<BarrierEntry> entries, OutOfFoldPredictions oof, OutOfFoldCalibration calibration,
        ModelManifest manifest, int members)
    {
        File.WriteAllText(Path.Combine(Directory, CvMetricsFile), cvMetrics.ToJsonString(ModelJson.Indented));
        PredictionsCsv.Write(Path.Combine(Directory, OofPredictionsFile), oof.Held.Select(i => entries[i]).ToList(),
            oof.Held.Select(i => new BarrierPrediction(oof.Best[i], members >= 2 ? calibration.Uncertainty[i] : null)).ToList());
        (manifest with { Calibration = calibration.Calibration }).Write(Directory);
    }

    /// <summary>SHA-256 of the data file (none for entries given in memory).</summary>
    public static string? DataHash(FinetuneOptions o) => o.Entries is null ? ModelManifest.Sha256(o.DataFile) : null;

    /// <summary>The weight files of the model a run started from (a pretrained backbone or a trained head) → SHA-256; null from scratch.</summary>
    public static IReadOnlyDictionary<string, string>? InputHashes(string from)
    {
        if (from == HeadRecipe.Scratch) return null;
        return ModelManifest.Read(from).Files.Where(f => f.Path.EndsWith(".bin", StringComparison.Ordinal))
            .ToDictionary(f => from.TrimEnd('/') + "/" + f.Path, f => f.Sha256);
    }
}
