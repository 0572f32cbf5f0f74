namespace BarrierNet.Model.Training;

/// <summary>What the backbone is pretrained to predict.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PretrainTask>))]
internal enum PretrainTask
{
    /// <summary>Seven bulk properties of the pretraining structures (the shipped backbone).</summary>
    Properties,

    /// <summary>
    /// The BVSE barrier of hops of the pretraining structures, read from their bands as the band head reads the DFT
    /// bands (`migration-labels` makes the set).
    /// </summary>
    Migration,
}
