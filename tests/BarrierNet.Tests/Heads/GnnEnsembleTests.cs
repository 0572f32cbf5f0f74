using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Heads;
using Xunit;

namespace BarrierNet.Tests.Heads;

public class GnnEnsembleTests
{
    /// <summary>
    /// Predicting all members together (one collation per chunk, the bond basis shared) must give each member's own
    /// barriers to the bit, over more bands than one chunk holds.
    /// </summary>
    [Fact]
    public void AllMembersTogetherGiveEachMembersOwnBarriersToTheBit()
    {
        var model = (HeadEnsemble)BarrierModelLoader.Load(ModelPaths.HeadDirectory(ModelPaths.DefaultHead));
        var predictor = new MaterialPredictor(model, new HopOptions(), landscapeResolution: 0);
        var entries = new[] { "LiFePO4.cif", "Li3V2P3O12.cif", "LiMn2O4.cif", "Li3GaPCO7.cif" }
            .SelectMany(f => predictor.Prepare(StructureReader.Read(RepoPaths.Example(f)), f).Entries).ToList();
        var once = model.Samples(entries, threads: 1);
        var samples = once.Concat(once).ToList(); // more bands than one chunk of 32 holds
        Assert.True(samples.Count > 40, $"only {samples.Count} bands: the test needs more than one chunk of 32");

        var together = model.Gnn.PredictAll(samples);
        Assert.Equal(model.Members.Count, together.Length);
        for (int k = 0; k < model.Members.Count; k++)
            Assert.Equal(model.Gnn.Predict(k, samples), together[k]);
    }
}
