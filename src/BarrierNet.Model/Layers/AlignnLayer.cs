using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Layers;

/// <summary>
/// One ALIGNN layer: a gated convolution on the crystal graph (atoms exchange messages through bonds), then one on
/// the line graph (bonds exchange messages through the angles between them), so that bond features learn geometry
/// beyond distances.
/// </summary>
internal sealed class AlignnLayer : nn.Module
{
    private readonly EdgeGatedConv atomConv, bondConv;

    /// <param name="updateAngles">false for the last ALIGNN layer: angle features are not read after it</param>
    public AlignnLayer(int width, bool updateAngles = true) : base(nameof(AlignnLayer))
    {
        atomConv = new EdgeGatedConv(width);
        bondConv = new EdgeGatedConv(width, updateAngles);
        RegisterComponents();
    }

    public (Tensor Atoms, Tensor Bonds, Tensor Angles) Forward(Tensor atoms, Tensor bonds, Tensor angles,
        Tensor edgeSrc, Tensor edgeDst, Tensor angleIn, Tensor angleOut)
    {
        var (h, m) = atomConv.Forward(atoms, bonds, edgeSrc, edgeDst);
        var (e, t) = bondConv.Forward(m, angles, angleIn, angleOut);
        m.Dispose();
        return (h, e, t);
    }
}
