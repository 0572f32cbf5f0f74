using TorchSharp;

namespace BarrierNet.Model.Runtime;

/// <summary>
/// The threading model of prediction (predict, screen, suggest): featurisation — symmetry, hops, bands, landscape,
/// graphs — runs on the .NET workers (`--jobs`), and the network's forward passes on a fixed, small libtorch pool.
/// Left alone, libtorch opens an OpenMP pool of one thread per core for every operation; on a many-core node its
/// workers spin while waiting for the next of the many small operations of a graph batch and fight the featurisation
/// workers for the cores. One thread avoids that but leaves the second core idle while the network runs: on an idle
/// two-core machine, 200 Materials Project structures took a median 55 s with one thread against 44 s with two
/// (docs/experiments/scale.md). Two threads, whatever the core count, keep most of that and make predictions the same
/// on every machine. Training sets its own count (`--threads`).
/// </summary>
internal static class InferenceThreads
{
    /// <summary>libtorch's intra-op threads for inference.</summary>
    public const int IntraOp = 2;

    /// <summary>
    /// Sets libtorch's intra-op thread count for the calling thread. libtorch keeps the count per thread (OpenMP's
    /// setting is per thread, and a thread takes the process-wide value at its first operation), so this is called on
    /// the thread about to run the network, before every batch; it costs nothing when already set.
    /// </summary>
    public static void Apply()
    {
        TorchRuntime.EnsureLoadable();
        if (torch.get_num_threads() != IntraOp) torch.set_num_threads(IntraOp);
    }
}
