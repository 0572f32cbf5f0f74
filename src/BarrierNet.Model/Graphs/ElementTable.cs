using TorchSharp;
using static TorchSharp.torch;

namespace BarrierNet.Model.Graphs;

/// <summary>
/// Looks up the fixed <see cref="AtomFeatures"/> vector of each atom by atomic number. A buffer, not a parameter:
/// it moves with the model to its device but is never trained, and is rebuilt from the element table, not saved.
/// </summary>
internal sealed class ElementTable : nn.Module<Tensor, Tensor>
{
    public ElementTable() : base(nameof(ElementTable))
    {
        register_buffer("table", tensor(AtomFeatures.Table, new long[] { AtomFeatures.MaxZ + 1, AtomFeatures.Length }), persistent: false);
    }

    public override Tensor forward(Tensor atomicNumbers) => get_buffer("table")!.index_select(0, atomicNumbers);
}
