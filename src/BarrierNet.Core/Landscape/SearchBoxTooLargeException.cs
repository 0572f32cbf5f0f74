namespace BarrierNet.Core.Landscape;

/// <summary>
/// A hop whose minimum-energy-path search box would exceed the points the search allows on this grid (a long hop on
/// a fine grid); callers that have a fallback (the straight band) catch this and nothing else, so that a genuine bug
/// is not mistaken for a large box. It stays an <see cref="ArgumentException"/>, as the commands report those per file.
/// </summary>
internal sealed class SearchBoxTooLargeException(string message) : ArgumentException(message);
