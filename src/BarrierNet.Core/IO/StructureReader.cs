using System.Text.Json;
using BarrierNet.Core.Crystal;

namespace BarrierNet.Core.IO;

/// <summary>
/// Reads or writes a structure file, choosing the format from its name: *.cif → CIF; POSCAR*, CONTCAR*, *.vasp,
/// *.poscar → VASP; *.json → the dataset "atoms" object (bare, or under an "atoms" key) or a pymatgen
/// <c>Structure.as_dict()</c>, told apart by their keys. Any of them may be gzip-compressed (a trailing .gz).
/// </summary>
public static class StructureReader
{
    /// <summary>The structure file formats read by name.</summary>
    public enum Format
    {
        /// <summary>CIF 1.1 (*.cif).</summary>
        Cif,
        /// <summary>VASP 5 POSCAR/CONTCAR (POSCAR*, CONTCAR*, *.vasp, *.poscar).</summary>
        Poscar,
        /// <summary>A dataset "atoms" object or a pymatgen structure dict (*.json).</summary>
        Json,
    }

    /// <summary>The format a file name implies.</summary>
    /// <param name="path">A file path; only its name is looked at.</param>
    /// <returns>The format.</returns>
    /// <exception cref="StructureFormatException">The name matches no known format.</exception>
    public static Format FormatOf(string path)
    {
        var name = Path.GetFileName(TextInput.WithoutGzipSuffix(path));
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext == ".cif") return Format.Cif;
        if (ext is ".vasp" or ".poscar" || name.StartsWith("POSCAR", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("CONTCAR", StringComparison.OrdinalIgnoreCase)) return Format.Poscar;
        if (ext == ".json") return Format.Json;
        throw new StructureFormatException("unknown structure format (expected .cif, POSCAR/CONTCAR/.vasp/.poscar or .json, optionally .gz)", file: path);
    }

    /// <summary>Reads a structure file of any supported format (CIF, POSCAR, dataset atoms JSON, pymatgen JSON).</summary>
    /// <param name="path">The file's path; its name chooses the format.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="StructureFormatException">The file is missing or unreadable; carries the file and, where known, the line.</exception>
    public static Structure Read(string path)
    {
        if (Directory.Exists(path))
            throw new StructureFormatException("a folder, not a structure file (give its files, e.g. DIR/*.cif; `screen DIR` scores every structure under a folder)", file: path);
        var format = FormatOf(path);
        if (!File.Exists(path)) throw new StructureFormatException("file not found", file: path);
        try
        {
            var text = TextInput.ReadAll(path);
            var name = Path.GetFileNameWithoutExtension(TextInput.WithoutGzipSuffix(path));
            return format switch
            {
                Format.Cif => CifReader.Read(text),
                Format.Poscar => PoscarReader.Read(text),
                _ => ReadJson(text, name),
            };
        }
        catch (StructureFormatException e) { throw e.File is null ? e.WithFile(path) : e; }
    }

    /// <summary>Reads a structure from JSON text: a dataset "atoms" object (bare or under "atoms") or a pymatgen structure dict.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="name">Name given to the structure, or null.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="StructureFormatException">The text is not one of those forms.</exception>
    public static Structure ReadJson(string text, string? name = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new StructureFormatException("file is empty");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            throw new StructureFormatException("invalid JSON: " + e.Message.Split('\n')[0], line: e.LineNumber is long l ? (int)l + 1 : null);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new StructureFormatException(root.ValueKind == JsonValueKind.Array
                    ? "JSON top level is a list; a structure file holds one object (dataset 'atoms' or pymatgen structure)"
                    : "JSON structure must be an object");
            if (PymatgenDictReader.IsPymatgenStructure(root)) return PymatgenDictReader.Read(root, name);
            if (root.TryGetProperty("lattice_mat", out _)) return AtomsJson.Read(root, name);
            if (root.TryGetProperty("atoms", out var atoms)) return AtomsJson.Read(atoms, name);
            throw new StructureFormatException("JSON is neither a dataset 'atoms' object (lattice_mat, coords, elements) nor a pymatgen structure (lattice, sites)");
        }
    }

    /// <summary>
    /// Writes by file name like <see cref="Read"/>. For *.json an ordered structure is written as a dataset "atoms"
    /// object; a partially occupied one as a pymatgen dict, since the atoms schema cannot hold occupancies.
    /// </summary>
    public static void Write(Structure s, string path)
    {
        switch (FormatOf(path))
        {
            case Format.Cif: CifWriter.WriteFile(s, path); break;
            case Format.Poscar: PoscarWriter.WriteFile(s, path); break;
            default:
                var node = s.IsOrdered ? AtomsJson.Write(s) : PymatgenDictWriter.Write(s);
                File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                break;
        }
    }
}
