using BarrierNet.Model.Evaluation;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class ReliabilityPlotTests
{
    [Fact]
    public void NormalQuantileMatchesTables()
    {
        Assert.Equal(1.6448536, ReliabilityPlot.Normal(0.9), 5);
        Assert.Equal(1.9599640, ReliabilityPlot.Normal(0.95), 5);
        Assert.Equal(0.6744898, ReliabilityPlot.Normal(0.5), 5);
    }

    [Fact]
    public void GaussianResidualsWithTrueSigmaLieOnTheDiagonal()
    {
        var rng = new Random(3);
        var targets = new List<double>();
        var preds = new List<BarrierPrediction>();
        for (int i = 0; i < 20000; i++)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            targets.Add(1.0 + 0.2 * z);
            preds.Add(new BarrierPrediction(1.0, 0.2));
        }
        var cov = ReliabilityPlot.Coverage(targets, preds)!;
        for (int k = 0; k < ReliabilityPlot.Levels.Length; k++) Assert.InRange(cov[k], ReliabilityPlot.Levels[k] - 0.015, ReliabilityPlot.Levels[k] + 0.015);
        Assert.Null(ReliabilityPlot.Coverage(targets, targets.Select(t => new BarrierPrediction(t)).ToList()));
    }
}
