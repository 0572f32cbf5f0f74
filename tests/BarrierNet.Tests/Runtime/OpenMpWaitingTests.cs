using BarrierNet.Model.Runtime;
using Xunit;

namespace BarrierNet.Tests.Runtime;

public class OpenMpWaitingTests
{
    /// <summary>Once libtorch is loadable, the C library's environment (what libgomp reads) asks for passive waiting, unless the user chose otherwise.</summary>
    [Fact]
    public void LoadingTorchAsksOpenMpThreadsToSleepWhileWaiting()
    {
        TorchRuntime.EnsureLoadable();
        if (OpenMpWaiting.Status == "left to the user's environment")
            Assert.True(OpenMpWaiting.NativeValue(OpenMpWaiting.PolicyVariable) is not null || OpenMpWaiting.NativeValue(OpenMpWaiting.SpinVariable) is not null);
        else
            Assert.Equal(OpenMpWaiting.Passive, OpenMpWaiting.NativeValue(OpenMpWaiting.PolicyVariable));
    }
}
