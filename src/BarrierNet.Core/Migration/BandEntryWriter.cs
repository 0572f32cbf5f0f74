using System.Text.Json.Nodes;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;

namespace BarrierNet.Core.Migration;

/// <summary>
/// A band as an entry of the published dataset (em-band-train.json): `jid`, `sys_name`, `class`, `formula`,
/// `target` (null: not computed) and `atoms`, so that <see cref="Data.BarrierDataset.Load"/> and the training code
/// read it like any training entry.
/// </summary>
internal static class BandEntryWriter
{
    public static JsonObject Entry(Band band, string sysName, int jid = 0, string? structuralClass = null) => new()
    {
        ["jid"] = jid,
        ["sys_name"] = sysName,
        ["class"] = structuralClass,
        ["formula"] = band.ToStructure().Formula,
        ["target"] = null,
        ["atoms"] = AtomsJson.Write(band.ToStructure()),
    };

    /// <summary>A JSON list holding one entry, the form of the dataset files.</summary>
    public static JsonArray File(Band band, string sysName, int jid = 0, string? structuralClass = null) =>
        new(Entry(band, sysName, jid, structuralClass));
}
