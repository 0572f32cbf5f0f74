using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;
using BarrierNet.Tests.Fixtures;
using Xunit;

namespace BarrierNet.Tests.Evaluation;

public class TrainingHostsTests
{
    private static readonly IReadOnlyList<BarrierEntry> Bands = BarrierDataset.Load(FixturePaths.HopBands);

    [Fact]
    public void EveryTrainingHopIsFamiliarAndAHopOfAnotherIonOrFrameworkIsNot()
    {
        var training = new[] { Bands[0], Bands[0] with { SysName = "RS-CoO_Li_1b" } };
        var hosts = TrainingHosts.Of(training);
        Assert.Single(hosts.Hosts); // two hops of one host
        Assert.All(training, e => Assert.True(hosts.IsFamiliar(e)));
        // Li in a rock salt of another density, Mg in the same one, Li in CoO2, other frameworks
        foreach (var other in Bands.Skip(1)) Assert.False(hosts.IsFamiliar(other), other.SysName);
    }

    [Fact]
    public void OutOfFoldAHopIsFamiliarOnlyWhenItsHostIsInAnotherFold()
    {
        var bands = new[] { Bands[0], Bands[0] with { SysName = "RS-CoO_Li_1b" }, Bands[2] }; // two hops of one host, one of Mg
        Assert.Equal(new[] { true, true, false }, TrainingHosts.FamiliarOutOfFold(bands, new[] { 0, 1, 0 }));
        Assert.Equal(new[] { false, false, false }, TrainingHosts.FamiliarOutOfFold(bands, new[] { 1, 1, 0 }));
    }

    [Fact]
    public void GroupedFoldsLeaveNoHopFamiliar()
    {
        var fold = GroupedFolds.Assign(Bands, 3, 42);
        Assert.DoesNotContain(true, TrainingHosts.FamiliarOutOfFold(Bands, fold));
    }

    [Fact]
    public void RoundTripsThroughModelJsonAndRefusesABrokenList()
    {
        var dir = Directory.CreateTempSubdirectory("hosts").FullName;
        try
        {
            var hosts = TrainingHosts.Of(Bands);
            new ModelManifest { Kind = "gnn-head", TrainingHosts = hosts }.Write(dir);
            var back = ModelManifest.Read(dir).TrainingHosts!;
            Assert.Equal(hosts.Hosts, back.Hosts);
            Assert.Equal(hosts.VolumeTolerance, back.VolumeTolerance);
            Assert.All(Bands, e => Assert.True(back.IsFamiliar(e)));
            var broken = back with { Hosts = new[] { back.Hosts[0] with { VolumePerAtom = 0 } } };
            Assert.Contains("not a valid training_hosts", Assert.Throws<ArgumentException>(() => broken.Validate("model.json")).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
