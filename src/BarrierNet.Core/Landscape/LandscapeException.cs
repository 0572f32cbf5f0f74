namespace BarrierNet.Core.Landscape;

/// <summary>A structure the landscape cannot be computed for (no valence assignment, no parameters for a pair); the message is one line for the user.</summary>
internal sealed class LandscapeException(string message) : Exception(message);
