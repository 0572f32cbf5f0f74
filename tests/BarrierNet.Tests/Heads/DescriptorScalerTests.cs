using BarrierNet.Model.Heads;
using Xunit;

namespace BarrierNet.Tests.Heads;

public class DescriptorScalerTests
{
    [Fact]
    public void AScalerReadsTheDescriptorsItWasFittedOnAndIgnoresLaterAdditions()
    {
        var scaler = DescriptorScaler.Fit(new[] { new[] { 1.0, 10, 0 }, new[] { 3.0, 10, 0 } });
        // Descriptors appended after the model was trained (HopDescriptors only ever grows at the end) are ignored.
        var x = scaler.Transform(new[] { 2.0 + Math.Sqrt(2), 10, double.NaN, 99, -99 });
        Assert.Equal(3, x.Length);
        Assert.Equal(1f, x[0], 5);   // (value − mean 2) / std √2
        Assert.Equal(0f, x[1]);      // constant column: std 1
        Assert.Equal(0f, x[2]);      // NaN → the mean
        Assert.Throws<ArgumentException>(() => scaler.Transform(new[] { 1.0, 2 }));
    }
}
