using System.Globalization;
using System.Text;

namespace BarrierNet.Model.Apps;

/// <summary>
/// `--shard i/n` (0 ≤ i &lt; n): a deterministic 1/n of a dump. Documents are assigned by a stable hash of their
/// material id, so that a repeated id always lands in the same shard (where it is caught as a duplicate), and the
/// outputs of the n shards concatenate to the full result. Documents without a readable id go by their ordinal.
/// </summary>
/// <param name="Index">This shard, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">Number of shards.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The whole input (0/1).</summary>
    public static readonly ShardSpec All = new(0, 1);

    /// <summary>Parses "i/n".</summary>
    /// <param name="text">Shard index and count, 0 ≤ i &lt; n.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || i >= n)
            throw new ArgumentException($"--shard must be i/n with 0 ≤ i < n, got '{text}'");
        return new ShardSpec(i, n);
    }

    /// <summary>Whether a document belongs to this shard.</summary>
    /// <param name="materialId">The document's id, or null when unreadable.</param>
    /// <param name="ordinal">The document's 0-based position in the input, used when there is no id.</param>
    /// <returns>True for a document of this shard.</returns>
    public bool Includes(string? materialId, long ordinal)
    {
        if (Count == 1) return true;
        ulong h = materialId is null ? (ulong)ordinal : Fnv1a(materialId);
        return (int)(h % (ulong)Count) == Index;
    }

    private static ulong Fnv1a(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 1099511628211UL; }
        return h;
    }

    /// <summary>"i/n".</summary>
    public override string ToString() => $"{Index}/{Count}";
}
