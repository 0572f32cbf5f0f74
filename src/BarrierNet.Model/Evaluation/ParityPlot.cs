using ScottPlot;

namespace BarrierNet.Model.Evaluation;

/// <summary>Predicted vs. DFT barrier scatter with the y = x line and the good-conductor threshold marked, as a PNG.</summary>
internal static class ParityPlot
{
    public static void Save(string path, string title, IReadOnlyList<double> targets, IReadOnlyList<double> predictions,
        double threshold = RegressionMetrics.DefaultThreshold, int size = 600)
    {
        if (targets.Count != predictions.Count) throw new ArgumentException("targets and predictions differ in length");
        var plt = new Plot();
        double max = Math.Max(1.0, Math.Max(targets.DefaultIfEmpty(0).Max(), predictions.DefaultIfEmpty(0).Max())) * 1.05;
        double min = Math.Min(0.0, Math.Min(targets.DefaultIfEmpty(0).Min(), predictions.DefaultIfEmpty(0).Min()));
        var diag = plt.Add.Line(min, min, max, max);
        diag.Color = Colors.Gray;
        diag.LinePattern = LinePattern.Dashed;
        var v = plt.Add.VerticalLine(threshold); v.Color = Colors.LightGray;
        var h = plt.Add.HorizontalLine(threshold); h.Color = Colors.LightGray;
        var pts = plt.Add.ScatterPoints(targets.ToArray(), predictions.ToArray());
        pts.MarkerSize = 5;
        pts.Color = Colors.C0.WithAlpha(0.6);
        plt.Axes.SetLimits(min, max, min, max);
        plt.Title(title);
        plt.XLabel("DFT-NEB barrier (eV)");
        plt.YLabel("Predicted barrier (eV)");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        plt.SavePng(path, size, size);
    }
}
