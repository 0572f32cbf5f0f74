using System.Globalization;
using BarrierNet.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>
/// The K trained GNN members of a head, one network each (members/0 … members/K−1 of the model directory, weights.bin),
/// all built from the same <see cref="HeadConfig"/>: each was trained on all grouped folds but the one it held out.
/// </summary>
internal sealed class GnnEnsemble : IDisposable
{
    /// <summary>Where the members live: members/0, members/1, …</summary>
    public const string DirectoryName = "members";

    private readonly Device _device;

    public GnnEnsemble(HeadConfig config, IReadOnlyList<BarrierHead> members, Device? device = null)
    {
        if (members.Count == 0) throw new ArgumentException("an ensemble needs at least one member");
        Config = config;
        Members = members;
        _device = device ?? CPU;
    }

    public HeadConfig Config { get; }
    public IReadOnlyList<BarrierHead> Members { get; }

    /// <summary>Member <paramref name="member"/>'s directory inside the model directory <paramref name="directory"/>.</summary>
    public static string MemberDirectory(string directory, int member) =>
        Path.Combine(directory, DirectoryName, member.ToString(CultureInfo.InvariantCulture));

    /// <summary>How many members of <paramref name="directory"/> have weights (members/0, members/1, … without a gap).</summary>
    public static int CountMembers(string directory)
    {
        int count = 0;
        while (File.Exists(Path.Combine(MemberDirectory(directory, count), HeadTrainer.WeightsFile))) count++;
        return count;
    }

    /// <summary>Builds <paramref name="count"/> members of <paramref name="config"/> and loads their weights from <paramref name="directory"/>.</summary>
    public static GnnEnsemble Load(string directory, HeadConfig config, int count, Device? device)
    {
        var members = new List<BarrierHead>();
        try
        {
            for (int k = 0; k < count; k++)
            {
                var m = BarrierHead.Create(config);
                members.Add(m);
                m.load(Path.Combine(MemberDirectory(directory, k), HeadTrainer.WeightsFile));
                if (device is not null) m.to(device);
                m.eval();
            }
        }
        catch
        {
            foreach (var m in members) m.Dispose();
            throw;
        }
        return new GnnEnsemble(config, members, device);
    }

    /// <summary>Member <paramref name="member"/>'s predictions (eV) for prepared samples.</summary>
    public double[] Predict(int member, IReadOnlyList<HopSample> samples) => HeadTrainer.Predict(Members[member], samples, _device);

    /// <summary>
    /// Every member's predictions (eV) for prepared samples, [member][sample]. Each chunk of samples is collated once
    /// and read by all members in turn, and the bond lengths' radial basis (fixed, the same in every member) is
    /// expanded once per chunk instead of once per member. The chunks and each member's operations are those of
    /// <see cref="Predict(int, IReadOnlyList{HopSample})"/>, so the numbers are the same to the bit.
    /// </summary>
    public double[][] PredictAll(IReadOnlyList<HopSample> samples, int batchSize = HeadTrainer.PredictBatchSize) =>
        HeadTrainer.PredictEach(Members, samples, _device, batchSize);

    public void Dispose()
    {
        foreach (var m in Members) m.Dispose();
    }
}
