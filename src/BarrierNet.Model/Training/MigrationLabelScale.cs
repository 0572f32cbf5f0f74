namespace BarrierNet.Model.Training;

/// <summary>
/// What the migration pretraining loss compares. BVSE barriers are heavy-tailed (a hop through a host atom reads
/// tens of eV), so by default the network learns log(1 + E): the tail still ranks above the rest without dominating
/// the L1 loss.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MigrationLabelScale>))]
internal enum MigrationLabelScale
{
    /// <summary>log(1 + E), E in eV.</summary>
    Log1p,

    /// <summary>The barrier in eV.</summary>
    Ev,
}

/// <summary>Conversions of <see cref="MigrationLabelScale"/>.</summary>
internal static class MigrationLabelScales
{
    public static double ToFitted(this MigrationLabelScale scale, double barrier) => scale switch
    {
        MigrationLabelScale.Log1p => Math.Log(1 + Math.Max(0, barrier)),
        _ => barrier,
    };

    public static double ToBarrier(this MigrationLabelScale scale, double fitted) => scale switch
    {
        MigrationLabelScale.Log1p => Math.Exp(fitted) - 1,
        _ => fitted,
    };
}
