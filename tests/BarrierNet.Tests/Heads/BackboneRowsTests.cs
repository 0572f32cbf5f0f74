using BarrierNet.Model.Heads;
using Xunit;

namespace BarrierNet.Tests.Heads;

public class BackboneRowsTests
{
    [Fact]
    public void ABackboneGivesTheBandRowAndTheBlendRowsUnderItsName()
    {
        var rows = HeadExperimentRows.ForBackbone("migration", "scratch", epochs: 3).ToList();
        Assert.Equal(new[] { "band@migration", "band-trees@migration", "band-trees-weighted@migration", "band-shipped@migration" }, rows.Take(4).Select(r => r.Name));
        // Then the GNN-alone variants, one row each under the backbone's name.
        Assert.Equal(HeadExperimentRows.GnnVariants().Select(v => $"band-{v.Name}@migration"), rows.Skip(4).Select(r => r.Name));
        Assert.Contains("band-sqrt-weighted@migration", rows.Select(r => r.Name));
    }

    [Fact]
    public void AFolderWithoutAPretrainedBackboneIsRefusedBeforeAnyTraining()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bn-no-backbone-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<ArgumentException>(() => HeadExperimentRows.ForBackbone("x", missing, null).ToList());
        Assert.Contains(missing, e.Message);
    }
}
