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
        Status = NativeEnvironment.UserSet(PolicyVariable) || NativeEnvironment.UserSet(SpinVariable)
            ? "left to the user's environment"
            : NativeEnvironment.Set(PolicyVariable, Passive);
    }

    /// <summary>The C library's view of an environment variable (what libgomp reads).</summary>
    public static string? NativeValue(string name) => NativeEnvironment.Get(name);
}
