using System.Text.Json;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;

namespace BarrierNet.Model.Training;

/// <summary>members/k/member.json: the member's held-out entries and its predictions on them, and its training history.</summary>
internal sealed record MemberRecord(int[] Validation, double[] Best, double[] Last, int BestEpoch, double BestValMae, List<MemberEpoch> History)
{
    /// <summary>The file that marks member k of a run as finished.</summary>
    public const string FileName = "member.json";

    /// <summary>members/k/member.json of the run in <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, int member) => Path.Combine(GnnEnsemble.MemberDirectory(directory, member), FileName);

    /// <summary>Whether member <paramref name="member"/> of the run in <paramref name="directory"/> has finished.</summary>
    public static bool Exists(string directory, int member) => File.Exists(PathOf(directory, member));

    public static MemberRecord Read(string directory, int member) =>
        JsonSerializer.Deserialize<MemberRecord>(File.ReadAllText(PathOf(directory, member)), ModelJson.Indented)!;

    public void Write(string directory, int member) => File.WriteAllText(PathOf(directory, member), JsonSerializer.Serialize(this, ModelJson.Indented));
}
