namespace BarrierNet.Model.Training;

/// <summary>
/// How a training run is carried out, as opposed to what it trains (the recipe): threads, device, worker processes
/// and where messages go. None of it changes the trained weights.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>Torch and graph-building threads.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Torch device: cpu, cuda, cuda:1.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Processes training the members at once (`finetune --jobs`).</summary>
    public int Jobs { get; init; } = 1;
    /// <summary>Messages (epoch summaries, phases); null = silent.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Progress of the whole run: (steps done, total steps, description); null = none.</summary>
    public Action<long, long, string>? Progress { get; init; }
}
