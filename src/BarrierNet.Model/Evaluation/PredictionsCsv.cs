using System.Globalization;
using BarrierNet.Core.Data;
using CsvHelper;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Per-entry predictions as CSV with the columns sys_name, target, prediction, uncertainty (eV). target is empty for an
/// entry without a published barrier, uncertainty for a model that reports none.
/// </summary>
internal static class PredictionsCsv
{
    public sealed record Row(string SysName, double? Target, double Prediction, double? Uncertainty);

    public static void Write(string path, IReadOnlyList<BarrierEntry> entries, IReadOnlyList<BarrierPrediction> predictions)
    {
        if (entries.Count != predictions.Count) throw new ArgumentException($"{predictions.Count} predictions for {entries.Count} entries");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var writer = new StreamWriter(path);
        Write(writer, entries.Select((e, i) => new Row(e.SysName, e.Target, predictions[i].Mean, predictions[i].Uncertainty)));
    }

    public static void Write(TextWriter writer, IEnumerable<Row> rows)
    {
        using var csv = CsvWriter.Create(writer, BarrierNet.Model.Apps.Csv.WriterOptions, leaveOpen: true);
        csv.WriteHeader(new[] { "sys_name", "target", "prediction", "uncertainty" });
        foreach (var r in rows)
        {
            csv.WriteField(r.SysName);
            csv.WriteField(Format(r.Target));
            csv.WriteField(Format(r.Prediction));
            csv.WriteField(Format(r.Uncertainty));
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Reads a file written by <see cref="Write(string, IReadOnlyList{BarrierEntry}, IReadOnlyList{BarrierPrediction})"/>.</summary>
    public static List<Row> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = CsvReader.Create(reader, null, leaveOpen: false);
        var rows = new List<Row>();
        while (csv.Read())
            rows.Add(new Row(csv.GetString("sys_name"), Parse(csv.GetString("target")),
                Parse(csv.GetString("prediction")) ?? throw new FormatException($"{path}: row {rows.Count + 1}: empty prediction"),
                Parse(csv.GetString("uncertainty"))));
        return rows;
    }

    private static string Format(double? v) => v is double x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static double? Parse(string? s) =>
        string.IsNullOrEmpty(s) ? null : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
