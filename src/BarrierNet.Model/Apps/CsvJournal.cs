using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace BarrierNet.Model.Apps;

/// <summary>
/// An append-only CSV that survives being killed: rows are flushed in batches, and on resume a torn last line
/// (a row cut by the kill) is cut off before reading back what was finished.
/// </summary>
public sealed class CsvJournal<T> : IDisposable
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture) { HasHeaderRecord = true };
    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;

    private CsvJournal(string path, bool append)
    {
        bool writeHeader = !append || !File.Exists(path) || new FileInfo(path).Length == 0;
        _stream = new StreamWriter(path, append) { AutoFlush = false };
        _csv = new CsvWriter(_stream, Config);
        if (writeHeader) { _csv.WriteHeader<T>(); _csv.NextRecord(); _csv.Flush(); _stream.Flush(); }
    }

    public static CsvJournal<T> Create(string path) => new(path, append: false);

    /// <summary>Opens for appending after trimming a torn last line; returns the rows already there.</summary>
    public static CsvJournal<T> Resume(string path, out List<T> existing)
    {
        existing = new List<T>();
        if (File.Exists(path))
        {
            TrimTornLine(path);
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, Config);
            existing.AddRange(csv.GetRecords<T>());
        }
        return new CsvJournal<T>(path, append: true);
    }

    public void Append(IEnumerable<T> rows)
    {
        foreach (var r in rows) { _csv.WriteRecord(r); _csv.NextRecord(); }
    }

    /// <summary>Makes the rows written so far durable.</summary>
    public void Flush() { _csv.Flush(); _stream.Flush(); _stream.BaseStream.Flush(); }

    public void Dispose() { Flush(); _csv.Dispose(); _stream.Dispose(); }

    private static void TrimTornLine(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        long len = fs.Length;
        if (len == 0) return;
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
