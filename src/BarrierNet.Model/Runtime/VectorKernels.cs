using System.Runtime.InteropServices;

namespace BarrierNet.Model.Runtime;

/// <summary>
/// Keeps libtorch's vectorised kernels at AVX2 when a trained model is loaded to predict. On an AMD EPYC virtual
/// machine the AVX-512 <c>exp</c> of libtorch's vector-math library (the sigmoid gates, SiLU and radial basis of the
/// network) ran about fifty times slower in some processes than in others: the network stage of a 200-material
/// screen took 66–83 s instead of 25–30 s in about half of the runs, with the same results. With AVX2 kernels no run
/// was slow, the fast runs took as long as AVX-512's fast runs, and every prediction was the same to the printed
/// digit (docs/experiments/scale.md). Training keeps libtorch's own choice, with which the shipped weights were made.
/// libtorch reads the choice once, at its first vectorised kernel, so this must run before the model is loaded; a
/// user's own ATEN_CPU_CAPABILITY is left as it is.
/// </summary>
internal static class VectorKernels
{
    public const string Variable = "ATEN_CPU_CAPABILITY", Avx2 = "avx2";

    private const string NotAsked = "not set";

    /// <summary>What the first <see cref="PreferAvx2"/> did.</summary>
    public static string Status { get; private set; } = NotAsked;

    /// <summary>
    /// Asks libtorch for its AVX2 kernels on x86-64, unless the user chose a capability. Only the first call acts: a
    /// later one would take the variable this call set for the user's own choice.
    /// </summary>
    public static void PreferAvx2()
    {
        if (Status != NotAsked) return;
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) { Status = "not x86-64: nothing to do"; return; }
        Status = NativeEnvironment.UserSet(Variable) ? "left to the user's environment" : NativeEnvironment.Set(Variable, Avx2);
    }
}
