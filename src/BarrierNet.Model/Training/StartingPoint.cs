namespace BarrierNet.Model.Training;

/// <summary>What `finetune --from` names, which decides the kind of run (<see cref="HeadRecipe.StartingPoint"/>).</summary>
internal enum StartingPoint
{
    /// <summary>--from scratch: a full training from random weights.</summary>
    Scratch,
    /// <summary>A pretrained backbone directory: a full training whose members start from its weights.</summary>
    PretrainedBackbone,
    /// <summary>A trained head directory: few-shot adaptation of its members to new barriers.</summary>
    TrainedHead,
}
