using TorchSharp;

namespace BarrierNet.Model.Runtime;

/// <summary>
/// The threading model of prediction (predict, screen, suggest): featurisation — symmetry, hops, bands, landscape,
/// graphs — runs on the .NET workers (`--jobs`), and the network's forward passes run on one thread. Left alone,
/// libtorch opens an OpenMP pool of one thread per core for every operation; its workers spin while waiting for the
/// next of the many small operations of a graph batch, and on a busy machine they fight the main thread for the same
/// cores — the cause of screening runs that took twice the wall and CPU time at random. Band graphs are small, so a
/// second thread per operation bought nothing. One thread also makes every prediction independent of the machine's
/// core count. Training sets its own count (`--threads`).
/// </summary>
internal static class InferenceThreads
{
    /// <summary>libtorch's intra-op threads for inference.</summary>
    public const int IntraOp = 1;

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
