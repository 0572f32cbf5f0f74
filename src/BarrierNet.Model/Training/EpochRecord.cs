namespace BarrierNet.Model.Training;

/// <summary>One row of train-log.csv: losses and per-property MAE (NaN where a split has no label).</summary>
internal sealed record EpochRecord(int Epoch, double Seconds, double LearningRate, double TrainLoss, double ValLoss,
    double[] TrainMae, double[] ValMae);
