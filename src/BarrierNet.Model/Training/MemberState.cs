namespace BarrierNet.Model.Training;

/// <summary>checkpoint/state.json of one ensemble member: where training stands, so a run resumes exactly.</summary>
internal sealed class MemberState
{
    public int Epochs { get; set; }
    public int CompletedEpochs { get; set; }
    public long Step { get; set; }
    public double BestValMae { get; set; } = double.MaxValue;
    public int BestEpoch { get; set; }
    public List<MemberEpoch> History { get; set; } = new();
}

/// <summary>One line of train-log.csv.</summary>
internal sealed record MemberEpoch(int Member, int Epoch, double Seconds, double LearningRate, double TrainMae, double ValMae);
