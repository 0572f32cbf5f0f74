using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>
/// Epochs, batch size and peak learning rate of each shipped head (models/heads/*/command.txt): `finetune` takes
/// whichever of --epochs, --batch-size and --lr is not given from here, so that `finetune --head band` trains the
/// recipe the shipped band model was trained with, in about a quarter of an hour on two CPU cores (docs/experiments/heads.md). The endpoint heads
/// run two graphs per hop and so fewer epochs.
/// </summary>
internal sealed record TrainingRecipe(int Epochs, int BatchSize, double LearningRate)
{
    public static TrainingRecipe For(HeadOptions head) => head.Head switch
    {
        "band" => new(15, 16, 2e-3),
        "attention" => new(12, 32, 1e-3),
        "endpoints" => new(9, 32, 1e-3),
        "difference" => new(8, 32, 1e-3),
        _ => throw new ArgumentException($"unknown head '{head.Head}'"),
    };
}
