using System.Text.Json;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;

namespace BarrierNet.Model.Apps;

/// <summary>One document of a screening input: where it is, its id when readable, and its structure or why it has none.</summary>
internal sealed record MaterialDocument(long Ordinal, long Line, string? MaterialId, Structure? Structure, string? Error);

/// <summary>
/// The materials to screen, read as a stream: a Materials Project dump (a JSON array or JSON Lines of documents with
/// `material_id` or `task_id` and `structure` in pymatgen's dict form; other fields ignored) or a directory of
/// structure files, walked with its sub-folders (id = path relative to it: `mp-123/POSCAR`). Either may be
/// gzip-compressed. <see cref="Progress"/> is the fraction of the input consumed, for the ETA.
/// </summary>
internal sealed class MaterialSource : IDisposable
{
    private readonly string _input;
    private readonly FileStream? _stream;
    private readonly TextReader? _reader;
    private readonly string[]? _files;
    private long _filesDone;

    public MaterialSource(string input)
    {
        _input = input;
        if (Directory.Exists(input))
        {
            _files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Where(f => { try { StructureReader.FormatOf(f); return true; } catch (StructureFormatException) { return false; } })
                .OrderBy(f => Id(input, f), StringComparer.Ordinal).ToArray();
        }
        else if (File.Exists(input)) _reader = TextInput.Open(input, out _stream);
        else throw new StructureFormatException("input not found (expected a JSON/JSONL dump or a directory of structure files)", input);
    }

    public double Progress => _files is not null ? (_files.Length == 0 ? 1 : (double)_filesDone / _files.Length)
        : _stream!.Length == 0 ? 1 : (double)_stream.Position / _stream.Length;

    public IEnumerable<MaterialDocument> Documents()
    {
        if (_files is not null)
        {
            for (int i = 0; i < _files.Length; i++)
            {
                var file = _files[i];
                string id = Id(_input, file);
                Structure? s = null; string? error = null;
                try { s = StructureReader.Read(file); }
                catch (StructureFormatException e) { error = (e.Line is int l ? $"line {l}: " : "") + e.Reason; }
                catch (IOException e) { error = e.Message; }
                _filesDone = i + 1;
                yield return new MaterialDocument(i, 0, id, s, error);
            }
            yield break;
        }
        IEnumerator<JsonChunk> chunks = JsonDocumentStream.Read(_reader!).GetEnumerator();
        while (true)
        {
            try { if (!chunks.MoveNext()) yield break; }
            catch (InvalidDataException) { throw new StructureFormatException("corrupt gzip data", _input); }
            yield return Parse(chunks.Current);
        }
    }

    /// <summary>A file's id in a folder input: its path relative to the folder, with '/' separators.</summary>
    private static string Id(string folder, string file) => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');

    private static MaterialDocument Parse(JsonChunk chunk)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(chunk.Text); }
        catch (JsonException e) { return new MaterialDocument(chunk.Ordinal, chunk.Line, null, null, "invalid JSON: " + e.Message.Split('\n')[0]); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new MaterialDocument(chunk.Ordinal, chunk.Line, null, null, "document is not a JSON object");
            string? id = Id(root, "material_id") ?? Id(root, "task_id");
            if (id is null) return new MaterialDocument(chunk.Ordinal, chunk.Line, null, null, "document has no material_id or task_id");
            if (!root.TryGetProperty("structure", out var st) || st.ValueKind != JsonValueKind.Object)
                return new MaterialDocument(chunk.Ordinal, chunk.Line, id, null, "document has no 'structure' object");
            try
            {
                var s = PymatgenDictReader.IsPymatgenStructure(st) ? PymatgenDictReader.Read(st, id)
                    : st.TryGetProperty("lattice_mat", out _) ? AtomsJson.Read(st, id)
                    : throw new StructureFormatException("'structure' is not a pymatgen structure dict (lattice, sites)");
                return new MaterialDocument(chunk.Ordinal, chunk.Line, id, s, null);
            }
            catch (StructureFormatException e) { return new MaterialDocument(chunk.Ordinal, chunk.Line, id, null, e.Reason); }
        }
    }

    private static string? Id(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(v.GetString()) => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    public void Dispose()
    {
        _reader?.Dispose();
        _stream?.Dispose();
    }
}
