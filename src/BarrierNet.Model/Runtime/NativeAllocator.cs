using System.Runtime.InteropServices;

namespace BarrierNet.Model.Runtime;

/// <summary>
/// Keeps freed tensor memory in the process. libtorch allocates CPU tensors with malloc; glibc serves every block
/// above its mmap threshold (128 KiB at first) with a fresh mmap and unmaps it on free, so each forward pass of a
/// graph batch (edge tensors of several MB) page-faults its memory in again from the kernel. Measured here: a third
/// of the CPU time in the kernel, and inference 2–4× slower and erratic. Raising the mmap threshold to its 64-bit
/// maximum (32 MiB) and the trim threshold lets freed blocks be reused; numbers are unchanged, only the speed.
/// Linux with glibc only; elsewhere nothing is done.
/// </summary>
internal static class NativeAllocator
{
    private const int MTrimThreshold = -1, MMmapThreshold = -3;
    public const int MmapThreshold = 32 << 20;
    public const int TrimThreshold = 1 << 30;

    /// <summary>What <see cref="KeepFreedMemory"/> did.</summary>
    public static string Status { get; private set; } = "not set";

    public static void KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) { Status = "not Linux: nothing to do"; return; }
        try
        {
            bool ok = mallopt(MMmapThreshold, MmapThreshold) == 1 & mallopt(MTrimThreshold, TrimThreshold) == 1;
            Status = ok ? "glibc mmap threshold 32 MiB, trim threshold 1 GiB" : "mallopt refused the thresholds";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Status = "no glibc mallopt (not glibc): nothing to do";
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
