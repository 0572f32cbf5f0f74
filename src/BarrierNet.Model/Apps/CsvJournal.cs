using CsvHelper;

namespace BarrierNet.Model.Apps;

/// <summary>
/// An append-only CSV that survives being killed: rows are flushed in batches, and on resume a torn last line
/// (a row cut by the kill) is cut off before reading back what was finished.
/// </summary>
internal sealed class CsvJournal<T> : IDisposable where T : ICsvRow<T>
{
    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;

    private CsvJournal(string path, bool append)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        bool writeHeader = !append || !File.Exists(path) || new FileInfo(path).Length == 0;
        _stream = new StreamWriter(path, append);
        _csv = CsvWriter.Create(_stream, Csv.WriterOptions, leaveOpen: true);
        if (writeHeader) { _csv.WriteHeader(T.Header); Flush(); }
    }

    public static CsvJournal<T> Create(string path) => new(path, append: false);

    /// <summary>Opens for appending after trimming a torn last line; returns the rows already there.</summary>
    public static CsvJournal<T> Resume(string path, out List<T> existing)
    {
        existing = new List<T>();
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            TrimTornLine(path);
            string header = File.ReadLines(path).First();
            if (header != string.Join(",", T.Header))
                throw new IOException($"{path}: written with other columns ({header}) than this version writes; " +
                    "resume with the version that started it, or start a new output file");
            using var reader = new StreamReader(path);
            using var csv = CsvReader.Create(reader, null, leaveOpen: false);
            while (csv.Read()) existing.Add(T.Parse(name => csv.GetString(name)));
        }
        return new CsvJournal<T>(path, append: true);
    }

    public void Append(IEnumerable<T> rows)
    {
        foreach (var r in rows)
        {
            foreach (var f in r.Fields()) _csv.WriteField(f ?? "");
            _csv.EndRecord();
        }
    }

    /// <summary>Makes the rows written so far durable.</summary>
    public void Flush() { _csv.Flush(); _stream.Flush(); }

    public void Dispose() { Flush(); _csv.Dispose(); _stream.Dispose(); }

    private static void TrimTornLine(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        long len = fs.Length;
        fs.Seek(len - 1, SeekOrigin.Begin);
        if (fs.ReadByte() == '\n') return;
        long pos = len - 1;
        while (pos > 0)
        {
            fs.Seek(pos - 1, SeekOrigin.Begin);
            if (fs.ReadByte() == '\n') break;
            pos--;
        }
        fs.SetLength(pos);
    }
}
