namespace BarrierNet.Model.Training;

/// <summary>A progress report from the training loop, for a progress bar or a log line.</summary>
internal sealed record PretrainProgress(
    string Phase, int Epoch, int Epochs, long Step, long TotalSteps, double Loss, double AtomsPerSecond,
    TimeSpan Elapsed, TimeSpan? Remaining, string? Message = null);
