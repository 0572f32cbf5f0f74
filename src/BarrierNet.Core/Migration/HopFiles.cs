using System.Globalization;
using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;

namespace BarrierNet.Core.Migration;

/// <summary>
/// Writes what a user takes to DFT or back into training for one hop, one folder per structure and hop, so nothing
/// written earlier is lost: NEB inputs as <c>ROOT/STRUCTURE/hopN/00…06/POSCAR</c>, bands as
/// <c>ROOT/STRUCTURE/hopN.json</c> and <c>.cif</c>. An existing target is an error unless overwriting is asked for,
/// and NEB images that put the ion closer than <see cref="PathClearance.Minimum"/> to a host atom are refused unless
/// asked for, since no DFT code converges from two nuclei on top of each other.
/// </summary>
internal static class HopFiles
{
    public sealed record Options(bool Overwrite = false, bool AllowCloseAtoms = false);

    /// <summary>Writes the NEB images of a band and returns the hop's folder.</summary>
    /// <param name="images">The images to write; null for the straight line between the band's endpoints.</param>
    public static string WriteNeb(string root, string structure, int hopNumber, Band band, Options options, IReadOnlyList<Structure>? images = null)
    {
        var dir = Path.Combine(root, structure, HopFolder(hopNumber));
        string path = images is null ? "the straight path" : "the path";
        images ??= NebImages.Linear(band);
        double closest = images.Min(image => PathClearance.NearestNeighbour(image, 0));
        if (closest < PathClearance.Minimum && !options.AllowCloseAtoms)
            throw new HopException(string.Create(CultureInfo.InvariantCulture,
                $"hop {hopNumber}: an NEB image puts {band.Ion} {closest:F2} Å from another atom ({path} runs through it; less than {PathClearance.Minimum:0.0} Å); no NEB inputs written (--allow-close-atoms writes them anyway)"));
        var files = Enumerable.Range(0, images.Count).Select(k => Path.Combine(dir, k.ToString("00", CultureInfo.InvariantCulture), "POSCAR")).ToList();
        EnsureWritable(files, options);
        for (int k = 0; k < images.Count; k++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(files[k])!);
            var titled = new Structure(images[k].Lattice, images[k].Sites, name: Title(structure, hopNumber, $"image {k:00}"));
            PoscarWriter.WriteFile(titled, files[k], PoscarWriter.VaspDecimals);
        }
        return dir;
    }

    /// <summary>Writes a band as dataset-format JSON and as CIF; returns the two paths.</summary>
    public static (string Json, string Cif) WriteBand(string root, string structure, int hopNumber, Band band, Options options)
    {
        var dir = Path.Combine(root, structure);
        string json = Path.Combine(dir, HopFolder(hopNumber) + ".json"), cif = Path.Combine(dir, HopFolder(hopNumber) + ".cif");
        EnsureWritable(new[] { json, cif }, options);
        Directory.CreateDirectory(dir);
        string name = $"{structure}_hop{hopNumber}";
        File.WriteAllText(json, BandEntryWriter.File(band, name, hopNumber - 1).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        CifWriter.WriteFile(band.ToStructure().WithName(name), cif);
        return (json, cif);
    }

    public static string HopFolder(int hopNumber) => "hop" + hopNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>A title for written structures: the structure's name, never the path it was read from.</summary>
    private static string Title(string structure, int hopNumber, string what) => $"{structure} hop {hopNumber} {what}";

    private static void EnsureWritable(IEnumerable<string> files, Options options)
    {
        if (options.Overwrite) return;
        foreach (var f in files)
            if (File.Exists(f)) throw new IOException($"{f} exists; not overwritten (--overwrite replaces it)");
    }

    /// <summary>
    /// Folder names for structures read from <paramref name="inputs"/> (paths or ids), one each and all different:
    /// the file name without extension, with its parent folders' names put in front while two inputs would share it
    /// (a/POSCAR, b/POSCAR → a_POSCAR, b_POSCAR), and -2, -3 … for inputs that are still equal. Characters a file
    /// system may refuse become '_'.
    /// </summary>
    public static IReadOnlyList<string> UniqueNames(IReadOnlyList<string> inputs)
    {
        var parts = inputs.Select(i => Path.GetFullPath(i).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)).ToList();
        string NameAt(int i, int depth)
        {
            var p = parts[i];
            var stem = Path.GetFileNameWithoutExtension(p[^1]);
            var prefix = p.Take(p.Length - 1).TakeLast(depth);
            return Safe(string.Join("_", prefix.Append(stem.Length > 0 ? stem : p[^1])));
        }
        var names = Enumerable.Range(0, inputs.Count).Select(i => NameAt(i, 0)).ToArray();
        for (int depth = 1; depth <= 8; depth++)
        {
            var clashing = names.Select((n, i) => (n, i)).GroupBy(x => x.n, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g.Select(x => x.i)).ToList();
            if (clashing.Count == 0) break;
            foreach (var i in clashing) names[i] = NameAt(i, depth);
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            var n = names[i];
            for (int k = 2; !used.Add(n); k++) n = $"{names[i]}-{k}";
            names[i] = n;
        }
        return names;
    }

    private static string Safe(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '+' ? c : '_').ToArray();
        var s = new string(chars).Trim('.');
        return s.Length == 0 ? "structure" : s;
    }
}
