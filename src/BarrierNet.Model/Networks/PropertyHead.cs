using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Networks;

/// <summary>A small regression head on a pooled vector: SiLU → Linear(W, H) → SiLU → Linear(H, 1).</summary>
internal sealed class PropertyHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden, output;

    public PropertyHead(int width, int hiddenWidth) : base(nameof(PropertyHead))
    {
        hidden = nn.Linear(width, hiddenWidth);
        output = nn.Linear(hiddenWidth, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pooled)
    {
        using var scope = NewDisposeScope();
        var y = output.forward(nn.functional.silu(hidden.forward(nn.functional.silu(pooled))));
        return y.squeeze(1).MoveToOuterDisposeScope();
    }
}
