using System.Globalization;

namespace BarrierNet.Model.Apps;

/// <summary>A row type of a <see cref="CsvJournal{T}"/>: its column names and how it turns into fields and back.</summary>
internal interface ICsvRow<TSelf> where TSelf : ICsvRow<TSelf>
{
    static abstract string[] Header { get; }
    string?[] Fields();
    static abstract TSelf Parse(Func<string, string?> field);
}

/// <summary>One material's line in the `screen` CSV. The column names are an interface other programs read: add, never rename.</summary>
internal sealed record ScreenRow(string MaterialId, string Formula, string Ion, int HopCount, double MinBarrier,
    double? Percolation1D, double? Percolation2D, double? Percolation3D, double? Uncertainty, string Class,
    double? BvsePercolation1D = null, double? BvsePercolation2D = null, double? BvsePercolation3D = null, int BlockedHopCount = 0) : ICsvRow<ScreenRow>
{
    public static string[] Header { get; } =
    {
        "material_id", "formula", "ion", "n_hops", "min_barrier", "percolation_1d", "percolation_2d", "percolation_3d", "uncertainty", "class",
        "bvse_percolation_1d", "bvse_percolation_2d", "bvse_percolation_3d", "n_blocked_hops",
    };

    public string?[] Fields() => new[]
    {
        MaterialId, Formula, Ion, HopCount.ToString(CultureInfo.InvariantCulture), Csv.Format(MinBarrier),
        Csv.Format(Percolation1D), Csv.Format(Percolation2D), Csv.Format(Percolation3D), Csv.Format(Uncertainty), Class,
        Csv.Format(BvsePercolation1D), Csv.Format(BvsePercolation2D), Csv.Format(BvsePercolation3D),
        BlockedHopCount.ToString(CultureInfo.InvariantCulture),
    };

    public static ScreenRow Parse(Func<string, string?> f) => new(
        f("material_id") ?? "", f("formula") ?? "", f("ion") ?? "", int.Parse(f("n_hops") ?? "0", CultureInfo.InvariantCulture),
        Csv.Parse(f("min_barrier")) ?? double.NaN, Csv.Parse(f("percolation_1d")), Csv.Parse(f("percolation_2d")),
        Csv.Parse(f("percolation_3d")), Csv.Parse(f("uncertainty")), f("class") ?? "",
        Csv.Parse(f("bvse_percolation_1d")), Csv.Parse(f("bvse_percolation_2d")), Csv.Parse(f("bvse_percolation_3d")),
        int.Parse(f("n_blocked_hops") ?? "0", CultureInfo.InvariantCulture));
}

/// <summary>A document of the dump that could not be scored: `line`, `material_id` when readable, `reason`.</summary>
internal sealed record ScreenError(long Line, string? MaterialId, string Reason) : ICsvRow<ScreenError>
{
    public static string[] Header { get; } = { "line", "material_id", "reason" };

    public string?[] Fields() => new[] { Line.ToString(CultureInfo.InvariantCulture), MaterialId ?? "", Reason };

    public static ScreenError Parse(Func<string, string?> f) =>
        new(long.Parse(f("line") ?? "0", CultureInfo.InvariantCulture), string.IsNullOrEmpty(f("material_id")) ? null : f("material_id"), f("reason") ?? "");
}

/// <summary>Number formatting and line ends shared by the CSV outputs: invariant culture, empty for "none", LF.</summary>
internal static class Csv
{
    /// <summary>Every CSV the tool writes ends its lines with LF, like its other text outputs.</summary>
    public static CsvHelper.CsvWriterOptions WriterOptions { get; } = new() { NewLine = "\n" };

    public static string Format(double? v) => v is double x && double.IsFinite(x) ? Math.Round(x, 4).ToString("0.####", CultureInfo.InvariantCulture) : "";
    public static double? Parse(string? s) => string.IsNullOrEmpty(s) ? null : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
