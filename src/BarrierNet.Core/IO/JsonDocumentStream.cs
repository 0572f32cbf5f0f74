using System.Text;

namespace BarrierNet.Core.IO;

/// <summary>One top-level JSON document cut from a dump, with the line it starts on and its ordinal (0-based).</summary>
internal sealed record JsonChunk(long Ordinal, long Line, string Text);

/// <summary>
/// Streams the documents of a Materials Project dump without loading it whole: either one JSON array of objects or
/// JSON Lines (one object per line). Memory stays bounded by the largest single document, and every document keeps
/// the line it starts on for error reports. JSON Lines are cut at line ends, so one corrupted line costs only itself;
/// inside an array documents are cut by brace depth (strings respected), and a document whose braces never close is
/// reported as one truncated chunk at the end of the file.
/// </summary>
internal static class JsonDocumentStream
{
    public static IEnumerable<JsonChunk> Read(TextReader reader)
    {
        // Peek past leading whitespace: '[' means one array, anything else JSON Lines.
        long leadingLines = 0;
        int p;
        while ((p = reader.Peek()) >= 0 && char.IsWhiteSpace((char)p)) { if (reader.Read() == '\n') leadingLines++; }
        return p == '[' ? ReadArray(reader, leadingLines) : ReadLines(reader, leadingLines);
    }

    private static IEnumerable<JsonChunk> ReadLines(TextReader reader, long leadingLines)
    {
        long line = leadingLines, ordinal = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var t = text.Trim();
            if (t.Length == 0) continue;
            yield return new JsonChunk(ordinal++, line, t);
        }
    }

    private static IEnumerable<JsonChunk> ReadArray(TextReader reader, long leadingLines)
    {
        var sb = new StringBuilder();
        long line = 1 + leadingLines, startLine = 0, ordinal = 0;
        int depth = 0;
        bool inString = false, escape = false, arrayOpen = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            char ch = (char)c;
            if (depth == 0)
            {
                if (ch == '\n') { line++; continue; }
                if (char.IsWhiteSpace(ch) || ch == ',') continue;
                if (ch == '[' && !arrayOpen) { arrayOpen = true; continue; }
                if (ch == ']' && arrayOpen) { arrayOpen = false; continue; }
                if (ch == '{')
                {
                    depth = 1; startLine = line; sb.Clear(); sb.Append(ch);
                    continue;
                }
                // Anything else at top level is garbage: report it as its own chunk up to the end of the line.
                var junk = new StringBuilder().Append(ch);
                while ((c = reader.Peek()) >= 0 && c != '\n') junk.Append((char)reader.Read());
                yield return new JsonChunk(ordinal++, line, junk.ToString());
                continue;
            }
            sb.Append(ch);
            if (ch == '\n') line++;
            if (inString)
            {
                if (escape) escape = false;
                else if (ch == '\\') escape = true;
                else if (ch == '"') inString = false;
                continue;
            }
            if (ch == '"') inString = true;
            else if (ch == '{' || ch == '[') depth++;
            else if (ch == '}' || ch == ']')
            {
                depth--;
                if (depth == 0) yield return new JsonChunk(ordinal++, startLine, sb.ToString());
            }
        }
        if (depth > 0) yield return new JsonChunk(ordinal, startLine, sb.ToString());
    }
}
