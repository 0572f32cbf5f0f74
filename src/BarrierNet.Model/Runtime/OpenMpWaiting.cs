using System.Runtime.InteropServices;

namespace BarrierNet.Model.Runtime;

/// <summary>
/// Makes libtorch's OpenMP threads sleep, rather than spin, while they wait for the next parallel operation.
/// libgomp's default is to spin for a long while (GOMP_SPINCOUNT 300 000) after every parallel region; a graph
/// batch runs many small operations one after another, so the pool's threads spin between them and against each
/// other, and on a busy machine (other processes, or our own featurisation workers) a spinning thread takes the core
/// from the one it waits for. Measured on a loaded two-core machine, screening 48 structures: network stage 126.7 s
/// spinning against 9.7 s sleeping, the whole run 149 s against 46 s wall, identical results
/// (docs/experiments/scale.md). Waking a sleeping thread costs microseconds per operation, nothing next to the
/// operations themselves. The wait policy is read once, when libgomp is loaded with libtorch, so this must run
/// before the first tensor; a user's own OMP_WAIT_POLICY or GOMP_SPINCOUNT is left as it is.
/// </summary>
internal static class OpenMpWaiting
{
    public const string PolicyVariable = "OMP_WAIT_POLICY", SpinVariable = "GOMP_SPINCOUNT", Passive = "PASSIVE";

    /// <summary>What <see cref="SleepWhileWaiting"/> did.</summary>
    public static string Status { get; private set; } = "not set";

    /// <summary>Sets OMP_WAIT_POLICY=PASSIVE in the process environment unless the user chose a wait policy or spin count.</summary>
    public static void SleepWhileWaiting()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PolicyVariable)) ||
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SpinVariable)))
        {
            Status = "left to the user's environment";
            return;
        }
        // .NET keeps its own copy of the environment on Unix; libgomp reads the C library's, so set it there.
        Environment.SetEnvironmentVariable(PolicyVariable, Passive);
        if (OperatingSystem.IsWindows()) { Status = "set in the process environment"; return; }
        try { Status = setenv(PolicyVariable, Passive, 0) == 0 ? $"{PolicyVariable}={Passive}" : "setenv refused"; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { Status = "no C library setenv: nothing done"; }
    }

    /// <summary>The C library's view of an environment variable (what native code such as libgomp reads).</summary>
    public static string? NativeValue(string name)
    {
        if (OperatingSystem.IsWindows()) return Environment.GetEnvironmentVariable(name);
        return Marshal.PtrToStringAnsi(getenv(name));
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPStr)] string name);
}
