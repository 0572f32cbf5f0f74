using BarrierNet.Core.Data;
using BarrierNet.Model.Evaluation;

namespace BarrierNet.Tests.Apps;

/// <summary>
/// A stand-in barrier model for testing the plumbing: barrier = 0.2 eV per Å of the band's hop (image 0 → image 4),
/// spread 0.05 eV. Deterministic, so the expected output of predict/screen is known exactly.
/// </summary>
public sealed class LengthModel : IBarrierPredictor
{
    public const string KindName = "test-length";

    public string Kind => KindName;

    /// <summary>A model directory the loader opens as this model, for command-level tests.</summary>
    public static string Directory()
    {
        BarrierModelLoader.Register(KindName, _ => new LengthModel());
        var dir = System.IO.Directory.CreateTempSubdirectory("length-model").FullName;
        new ModelManifest { Kind = KindName }.Write(dir);
        return dir;
    }

    public int Calls { get; private set; }

    public PredictionResult Predict(IReadOnlyList<BarrierEntry> entries)
    {
        Calls++;
        return new PredictionResult(entries.Select(e =>
        {
            var band = e.Band!;
            double length = band.Lattice.ToCartesian(band.End.Frac - band.Start.Frac).Norm;
            return new BarrierPrediction(0.2 * length, 0.05);
        }).ToList());
    }
}
