using BarrierNet.Model.Runtime;
using TorchSharp;
using Xunit;

namespace BarrierNet.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void TensorOperationRunsAfterEnsureLoadable()
    {
        TorchRuntime.EnsureLoadable();
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var b = torch.ones(3, 2);
        using var c = a.matmul(b);
        Assert.Equal(new float[] { 3, 3, 12, 12 }, c.data<float>().ToArray());
    }

    [Fact]
    public void AllocatorKeepsFreedTensorMemoryOnLinuxGlibc()
    {
        TorchRuntime.EnsureLoadable();
        if (!OperatingSystem.IsLinux()) { Assert.StartsWith("not Linux", NativeAllocator.Status); return; }
        // The test hosts (and CI) are Debian with glibc: the thresholds must have been accepted.
        Assert.Equal("glibc mmap threshold 32 MiB, trim threshold 1 GiB", NativeAllocator.Status);
    }

    [Fact]
    public void PatchIsIdempotentOnACopy()
    {
        TorchRuntime.EnsureLoadable();
        var lib = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(lib)) return; // not a Linux x64 build output
        var copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(lib, copy);
        try
        {
            var first = TorchRuntime.MarkVersionWeak(copy, TorchRuntime.RequiredVersion);
            var second = TorchRuntime.MarkVersionWeak(copy, TorchRuntime.RequiredVersion);
            Assert.Contains("already weak", second);
            Assert.True(first.Contains("already weak") || first.Contains("marked"));
        }
        finally { File.Delete(copy); }
    }

    [Fact]
    public void NonElfFileIsAClearError()
    {
        var junk = Path.GetTempFileName();
        File.WriteAllText(junk, "not a library");
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.MarkVersionWeak(junk, TorchRuntime.RequiredVersion));
            Assert.Contains("not an ELF file", e.Message);
        }
        finally { File.Delete(junk); }
    }
}
