using System.CommandLine;
using BarrierNet.Core.Data;

namespace BarrierNet.Cli.Commands;

/// <summary>`barriernet subset`: cut a barrier file by class or ion (e.g. a held-out family for a few-shot study).</summary>
internal static class SubsetCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Barrier JSON in the published form", Required = true };
        var outFile = new Option<string>("--out") { Description = "JSON file to write (entries copied verbatim)", Required = true };
        var classes = new Option<string?>("--class") { Description = "Comma-separated structural classes to keep, e.g. NASICON,TAVORITE" };
        var ions = new Option<string?>("--ion") { Description = "Comma-separated mobile ions to keep, e.g. Mg,Ca" };
        var invert = new Option<bool>("--invert") { Description = "Keep the entries that do not match instead" };
        var cmd = new Command("subset", "Write the entries of a barrier file that match a class or ion (or, with --invert, the rest)");
        foreach (var o in new Option[] { data, outFile, classes, ions, invert }) cmd.Options.Add(o);
        cmd.SetAction(p => CliErrors.Guard(() =>
        {
            static string[] List(string? s) => s?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Array.Empty<string>();
            var subset = new BarrierSubset { Classes = List(p.GetValue(classes)), Ions = List(p.GetValue(ions)), Invert = p.GetValue(invert) };
            if (subset.Classes.Count == 0 && subset.Ions.Count == 0) throw new ArgumentException("give --class or --ion (or both)");
            var (kept, total) = subset.Write(p.GetValue(data)!, p.GetValue(outFile)!);
            if (kept == 0) throw new ArgumentException($"{p.GetValue(data)}: no entry matches");
            Console.WriteLine($"{p.GetValue(outFile)}: {kept} of {total} entries");
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
