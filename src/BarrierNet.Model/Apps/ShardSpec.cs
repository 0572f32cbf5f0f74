using System.Globalization;
using System.Text;

namespace BarrierNet.Model.Apps;

/// <summary>
/// `--shard i/n` (0 ≤ i &lt; n): a deterministic 1/n of a dump. Documents are assigned by a stable hash of their
/// material id, so that a repeated id always lands in the same shard (where it is caught as a duplicate), and the
/// outputs of the n shards concatenate to the full result. Documents without a readable id go by their ordinal.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static readonly ShardSpec All = new(0, 1);

    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || i >= n)
            throw new ArgumentException($"--shard must be i/n with 0 ≤ i < n, got '{text}'");
        return new ShardSpec(i, n);
    }

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

    public override string ToString() => $"{Index}/{Count}";
}
