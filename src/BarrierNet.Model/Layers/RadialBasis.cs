using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Layers;

/// <summary>
/// Expands a scalar (a bond length, or cos θ) in Gaussians with centres evenly spaced on [min, max] and
/// γ = 1/spacing, so that the network sees a smooth, local encoding rather than one raw number.
/// </summary>
internal sealed class RadialBasis : nn.Module<Tensor, Tensor>
{
    private readonly double gamma;

    public RadialBasis(double min, double max, int bins) : base(nameof(RadialBasis))
    {
        if (bins < 2) throw new ArgumentException("a radial basis needs at least 2 functions");
        Bins = bins;
        Key = (min, max, bins);
        gamma = (bins - 1) / (max - min);
        // A buffer so that it follows the model to its device; fixed, so not saved with the weights.
        register_buffer("centers", linspace(min, max, bins, dtype: float32), persistent: false);
    }

    public int Bins { get; }

    /// <summary>What fixes the expansion (range and number of functions): equal keys give equal outputs.</summary>
    public (double Min, double Max, int Bins) Key { get; }

    public override Tensor forward(Tensor x)
    {
        using var d = x.unsqueeze(-1) - get_buffer("centers")!;
        // d * d rather than d.square() (pow takes a Scalar), and the factor as an explicit, disposed Scalar: see
        // EdgeGatedConv.Forward for why no implicit Scalar is left in the model.
        using var d2 = d * d;
        using var negGamma = (-gamma).ToScalar();
        using var scaled = d2 * negGamma;
        return exp(scaled);
    }
}
