using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BarrierNet.Model.Heads;

/// <summary>The MLP every head ends in: Linear → SiLU → Dropout → Linear → SiLU → Linear(→ 1).</summary>
internal sealed class Regressor : nn.Module<Tensor, Tensor>
{
    private readonly Linear l1, l2, l3;
    private readonly Dropout drop;

    public Regressor(int inputs, int hidden, double dropout) : base(nameof(Regressor))
    {
        l1 = nn.Linear(inputs, hidden);
        l2 = nn.Linear(hidden, hidden);
        l3 = nn.Linear(hidden, 1);
        drop = nn.Dropout(dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.silu(l2.forward(drop.forward(nn.functional.silu(l1.forward(x)))));
        return l3.forward(h).squeeze(1).MoveToOuterDisposeScope();
    }
}
