using BarrierNet.Model.Evaluation;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class IntervalCalibrationTests
{
    [Fact]
    public void CalibratedIntervalsCoverTheRequestedFractionOnFreshData()
    {
        // Residuals ~ N(0, (2σ)²): the raw spread underestimates the error by a factor of 2.
        var rng = new Random(7);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        (double[] r, double[] s) Draw(int n)
        {
            var s = Enumerable.Range(0, n).Select(_ => 0.05 + 0.3 * rng.NextDouble()).ToArray();
            return (s.Select(x => 2 * x * Gauss()).ToArray(), s);
        }
        var (r1, s1) = Draw(2000);
        var cal = IntervalCalibration.Fit(r1, s1, 0.9);
        Assert.InRange(cal.Scale, 2 * 1.55, 2 * 1.75);
        var (r2, s2) = Draw(4000);
        double covered = r2.Zip(s2).Count(p => { var (lo, hi) = cal.Interval(0, p.Second); return p.First >= lo && p.First <= hi; }) / 4000.0;
        Assert.InRange(covered, 0.88, 0.92);
    }

    [Fact]
    public void TooFewResidualsIsAnError()
    {
        Assert.Throws<ArgumentException>(() => IntervalCalibration.Fit(new double[3], new double[3]));
    }
}
