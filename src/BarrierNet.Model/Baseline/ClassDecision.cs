using System.Text.Json.Serialization;

namespace BarrierNet.Model.Baseline;

/// <summary>
/// How <see cref="GoodConductorDecision"/> says "good conductor" (Em below the threshold) instead of reading it off the
/// regressed barrier: an extra-trees classifier of the class on the descriptors, or the regressed barrier compared with
/// a threshold chosen on inner out-of-fold predictions (which corrects the regression's bias near 0.65 eV).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClassDecision>))]
internal enum ClassDecision
{
    [JsonStringEnumMemberName("classifier")] Classifier,
    [JsonStringEnumMemberName("calibrated-threshold")] CalibratedThreshold,
}
