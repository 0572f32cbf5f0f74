using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace BarrierNet.Core.IO;

/// <summary>
/// Opens an input file as text, gzip-compressed or not (told apart by the gzip magic bytes, not by the name:
/// Materials Project and monty dumps come as .json.gz and .jsonl.gz). A file whose first block looks binary is not
/// text: it is refused with one line instead of being parsed into a flood of errors (or an error that echoes garbage).
/// </summary>
internal static class TextInput
{
    /// <summary>Bytes looked at to decide that a file is not text.</summary>
    private const int SniffBytes = 8192;

    /// <summary>The file name without a trailing ".gz" ("POSCAR.gz" → "POSCAR", "mp.json.gz" → "mp.json").</summary>
    public static string WithoutGzipSuffix(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;

    /// <summary>
    /// A reader over the decompressed text. <paramref name="raw"/> is the underlying file stream, whose position
    /// tells how much of the file has been consumed (for progress).
    /// </summary>
    public static TextReader Open(string path, out FileStream raw)
    {
        raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Stream content = IsGzip(raw) ? new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true) : raw;
            var buffered = new BufferedStream(content, 1 << 16);
            var head = new byte[SniffBytes];
            int n = ReadHead(buffered, head, path);
            if (LooksBinary(head.AsSpan(0, n))) throw new StructureFormatException("not a text file", path);
            var prefix = new MemoryStream(head, 0, n, writable: false);
            return new StreamReader(new ConcatenatedStream(prefix, buffered), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>The whole text of a (possibly gzip-compressed) file.</summary>
    public static string ReadAll(string path)
    {
        using var reader = Open(path, out var raw);
        using (raw)
        {
            try { return reader.ReadToEnd(); }
            catch (InvalidDataException) { throw new StructureFormatException("corrupt gzip data", path); }
        }
    }

    /// <summary>
    /// Binary, by what text never holds: a NUL byte, control characters other than white space (more than one in a
    /// hundred bytes), or byte sequences that are not UTF-8 (more than one in ten). A structure file with a few
    /// Latin-1 characters (an "Å" in a CIF comment) is still text; random or compressed bytes are not.
    /// </summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0) return true;
        int controls = 0;
        foreach (byte b in head)
            if ((b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or 0x0b or 0x0c or (byte)'\r' or 0x1a)) || b == 0x7f) controls++;
        if (controls * 100 > head.Length) return true;
        int invalid = 0;
        for (var rest = head; !rest.IsEmpty;)
        {
            var status = Rune.DecodeFromUtf8(rest, out _, out int used);
            // A sequence cut off at the end of the sniffed block is not evidence of anything.
            if (status == OperationStatus.InvalidData) invalid++;
            rest = rest[used..];
        }
        return invalid * 10 > head.Length;
    }

    private static bool IsGzip(FileStream s)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = s.Read(magic);
        s.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static int ReadHead(Stream s, byte[] head, string path)
    {
        int n = 0;
        try
        {
            int r;
            while (n < head.Length && (r = s.Read(head, n, head.Length - n)) > 0) n += r;
        }
        catch (InvalidDataException) { throw new StructureFormatException("corrupt gzip data", path); }
        return n;
    }

    /// <summary>The sniffed head followed by the rest of the stream.</summary>
    private sealed class ConcatenatedStream(Stream first, Stream second) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = first.Read(buffer, offset, count);
            return n > 0 ? n : second.Read(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) { first.Dispose(); second.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
