using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Model.Evaluation;
using BarrierNet.Model.Runtime;
using TorchSharp;
using Xunit;

namespace BarrierNet.Tests.Runtime;

public class InferenceThreadsTests
{
    private static readonly Lazy<IBarrierPredictor> Shipped = new(() => BarrierModelLoader.Load(ModelPaths.HeadDirectory(ModelPaths.DefaultHead)));

    [Fact]
    public void PredictionRunsTheNetworkOnItsFixedThreadCountAndGivesTheModelsOwnBarriers()
    {
        var model = Shipped.Value;
        torch.set_num_threads(InferenceThreads.IntraOp + 1);
        var predictor = new MaterialPredictor(model, new HopOptions());
        var structure = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var report = predictor.Predict(structure, "LiFePO4");
        Assert.Equal(InferenceThreads.IntraOp, torch.get_num_threads());

        // The graphs built on the featurisation workers are those the model builds itself from the same bands.
        var (analysis, entries) = predictor.Prepare(structure, "LiFePO4");
        var direct = model.Predict(entries).Predictions;
        foreach (var hop in report.Hops)
            Assert.Equal(direct[hop.Hop.Index].Mean, hop.Prediction.Mean);
        Assert.Equal(analysis.Hops.Count, report.Hops.Count);
    }
}
