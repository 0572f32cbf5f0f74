using System.Text.Json.Serialization;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.Data;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// The hosts a model was trained on, as fingerprints (<see cref="HostFingerprint"/>), so that a prediction can say
/// whether its hop is familiar — a hop of a host the training data has hops of, as on a random split of a pool — or
/// novel, as on a grouped split. The two err differently for their uncertainty: a training sibling shrinks the
/// kernels' posterior more than the error, so the interval calibration keeps a factor for each
/// (<see cref="ConditionalCalibration.Familiarity"/>). Stored in model.json (training_hosts) by `calibrate --oof`,
/// so a shipped model needs no training file to tell.
/// </summary>
internal sealed record TrainingHosts
{
    /// <summary>Largest relative difference of the volumes per framework atom of matching hosts.</summary>
    [JsonPropertyName("volume_tolerance")] public double VolumeTolerance { get; init; } = HostFingerprint.DefaultVolumeTolerance;
    /// <summary>One fingerprint per distinct training host, sorted.</summary>
    [JsonPropertyName("hosts")] public IReadOnlyList<HostFingerprint> Hosts { get; init; } = Array.Empty<HostFingerprint>();

    /// <summary>The distinct hosts of <paramref name="entries"/>.</summary>
    public static TrainingHosts Of(IEnumerable<BarrierEntry> entries) => new()
    {
        Hosts = entries.Select(Fingerprint).Distinct().OrderBy(h => h.Ion, StringComparer.Ordinal)
            .ThenBy(h => h.Framework, StringComparer.Ordinal).ThenBy(h => h.VolumePerAtom).ToList(),
    };

    /// <summary>The host of an entry's hop: the band's host, or the initial structure without the moving ion.</summary>
    public static HostFingerprint Fingerprint(BarrierEntry e) =>
        HostFingerprint.Of(e.Band?.Host ?? e.Initial.WithSites(e.Initial.Sites.Skip(1).ToList()), e.Ion);

    /// <summary>Whether the hop's host matches a training host.</summary>
    public bool IsFamiliar(BarrierEntry e) => IsFamiliar(Fingerprint(e));

    /// <summary>Whether <paramref name="host"/> matches a training host.</summary>
    public bool IsFamiliar(HostFingerprint host) => Hosts.Any(h => h.Matches(host, VolumeTolerance));

    /// <summary>
    /// For out-of-fold predictions: whether each entry's host matches the host of an entry in another fold, i.e.
    /// one the model that predicted it out of fold trained on (<paramref name="fold"/>: each entry's fold). Under
    /// grouped folds (system and composition family) no entry is; under random folds most with a sibling hop are.
    /// </summary>
    public static bool[] FamiliarOutOfFold(IReadOnlyList<BarrierEntry> entries, IReadOnlyList<int> fold, double tolerance = HostFingerprint.DefaultVolumeTolerance)
    {
        if (fold.Count != entries.Count) throw new ArgumentException("one fold per entry is needed");
        var hosts = entries.Select(Fingerprint).ToArray();
        var byFramework = Enumerable.Range(0, entries.Count).ToLookup(i => (hosts[i].Ion, hosts[i].Framework));
        return Enumerable.Range(0, entries.Count)
            .Select(i => byFramework[(hosts[i].Ion, hosts[i].Framework)].Any(j => fold[j] != fold[i] && hosts[j].Matches(hosts[i], tolerance)))
            .ToArray();
    }

    /// <summary>Refuses a list read from <paramref name="path"/> that cannot be matched against.</summary>
    public void Validate(string path)
    {
        if (!(VolumeTolerance >= 0 && VolumeTolerance < 1) || Hosts.Any(h => h is null || string.IsNullOrEmpty(h.Ion) || string.IsNullOrEmpty(h.Framework) || !(h.VolumePerAtom > 0)))
            throw new ArgumentException($"{path}: not a valid training_hosts section (hosts with ion, framework and a positive volume per atom, and a tolerance in [0, 1) are needed)");
    }
}
