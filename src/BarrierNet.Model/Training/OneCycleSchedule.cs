namespace BarrierNet.Model.Training;

/// <summary>
/// One-cycle learning rate, stepped per batch (Smith 2018; PyTorch's OneCycleLR with cosine annealing): a warm-up
/// from max/25 to max over the first <see cref="WarmupFraction"/> of the steps, then a cosine decay to max/10⁴.
/// A pure function of the step number, so a resumed run continues on exactly the same curve.
/// </summary>
internal sealed record OneCycleSchedule(double MaxLearningRate, long TotalSteps, double WarmupFraction = 0.3,
    double DivFactor = 25, double FinalDivFactor = 1e4)
{
    public double At(long step)
    {
        double initial = MaxLearningRate / DivFactor, final = initial / FinalDivFactor;
        long warm = Math.Max(1, (long)(WarmupFraction * TotalSteps));
        if (step < warm) return Cosine(initial, MaxLearningRate, (double)step / warm);
        double p = Math.Min(1.0, (double)(step - warm) / Math.Max(1, TotalSteps - warm));
        return Cosine(MaxLearningRate, final, p);
    }

    private static double Cosine(double start, double end, double p) => end + (start - end) * (1 + Math.Cos(Math.PI * p)) / 2;
}
