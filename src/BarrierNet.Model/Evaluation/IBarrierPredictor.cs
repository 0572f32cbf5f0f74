using BarrierNet.Core.Data;

namespace BarrierNet.Model.Evaluation;

/// <summary>
/// Anything that predicts migration barriers: the descriptor baseline, a GNN head, an ensemble. `evaluate` and
/// `experiment` only talk to this interface, so a new model plugs in by implementing it (and, to be loadable from a
/// model directory, by registering its kind with <see cref="BarrierModelLoader"/>).
/// </summary>
public interface IBarrierPredictor
{
    /// <summary>The model kind written to model.json (e.g. "descriptor-baseline").</summary>
    string Kind { get; }

    /// <summary>One prediction per entry, in order. Entries may be in band or endpoint form.</summary>
    PredictionResult Predict(IReadOnlyList<BarrierEntry> entries);
}

/// <summary>Trains a fresh predictor on a training set with a seed; one per row of an experiment.</summary>
internal delegate IBarrierPredictor PredictorFactory(IReadOnlyList<BarrierEntry> train, int seed);
