using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Layers;

/// <summary>Linear → BatchNorm → SiLU, the embedding block of ALIGNN.</summary>
internal sealed class DenseBlock : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear;
    private readonly BatchNorm1d norm;

    public DenseBlock(int inputs, int outputs) : base(nameof(DenseBlock))
    {
        linear = nn.Linear(inputs, outputs);
        norm = nn.BatchNorm1d(outputs);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var a = linear.forward(x);
        using var b = norm.forward(a);
        return nn.functional.silu(b);
    }
}
