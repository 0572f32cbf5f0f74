using System.Globalization;
using System.Text.RegularExpressions;

namespace BarrierNet.Core.IO;

/// <summary>One CIF value with the line it came from, so that semantic errors can name the line.</summary>
internal readonly partial record struct CifValue(string Text, int Line, bool Quoted)
{
    /// <summary>CIF's "unknown" (?) and "inapplicable" (.) markers, when written bare.</summary>
    public bool IsMissing => !Quoted && (Text == "?" || Text == ".");

    // Source-generated: a compiled Regex is emitted as IL at first use, which cost every run start-up time.
    [GeneratedRegex(@"^([^()]*)\(\d+\)$")]
    private static partial Regex Uncertainty();

    /// <summary>
    /// The number, with a standard uncertainty such as "5.4307(3)" stripped; null for ? and .;
    /// throws on anything that is not a finite number.
    /// </summary>
    public double? Number(string tag)
    {
        if (IsMissing) return null;
        var t = Text.Trim();
        var m = Uncertainty().Match(t);
        if (m.Success) t = m.Groups[1].Value;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return v;
        throw new StructureFormatException($"{tag}: '{Text}' is not a number", line: Line);
    }
}

/// <summary>A loop_: column tags and rows of values.</summary>
internal sealed class CifLoop
{
    public CifLoop(IReadOnlyList<string> tags, IReadOnlyList<CifValue[]> rows, int line)
    {
        Tags = tags; Rows = rows; Line = line;
    }

    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<CifValue[]> Rows { get; }
    public int Line { get; }

    public int IndexOf(string tag)
    {
        for (int i = 0; i < Tags.Count; i++)
            if (string.Equals(Tags[i], tag, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>One data_ block: single-valued items and loops (tags compared case-insensitively, as CIF requires).</summary>
internal sealed class CifBlock
{
    public CifBlock(string name, int line) { Name = name; Line = line; }

    public string Name { get; }
    public int Line { get; }
    public Dictionary<string, CifValue> Items { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<CifLoop> Loops { get; } = new();

    public CifValue? Item(string tag) => Items.TryGetValue(tag, out var v) ? v : null;

    public CifLoop? LoopWith(string tag) => Loops.FirstOrDefault(l => l.IndexOf(tag) >= 0);

    /// <summary>All values of a tag, whether it is a single item or a loop column.</summary>
    public IReadOnlyList<CifValue> Values(string tag)
    {
        if (Items.TryGetValue(tag, out var v)) return new[] { v };
        var loop = LoopWith(tag);
        if (loop is null) return Array.Empty<CifValue>();
        int c = loop.IndexOf(tag);
        return loop.Rows.Select(r => r[c]).ToList();
    }
}

/// <summary>
/// The syntax of CIF 1.1 (no semantics): data blocks, items, loops, '…' and "…" quoted values (a quote closes only
/// when followed by white space), ;-delimited text fields, and # comments. Save frames and global_ are rejected.
/// </summary>
internal static class CifDocument
{
    private readonly record struct Token(string Text, int Line, bool Quoted);

    public static IReadOnlyList<CifBlock> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new StructureFormatException("file is empty");
        var tokens = Tokenize(text);
        var blocks = new List<CifBlock>();
        CifBlock? block = null;
        int i = 0;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (!t.Quoted && t.Text.StartsWith("data_", StringComparison.OrdinalIgnoreCase))
            {
                block = new CifBlock(t.Text[5..], t.Line);
                blocks.Add(block);
                i++;
                continue;
            }
            if (!t.Quoted && (t.Text.StartsWith("save_", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("global_", StringComparison.OrdinalIgnoreCase)))
                throw new StructureFormatException($"'{t.Text}' (save frames / global blocks) is not supported", line: t.Line);
            if (block is null)
                throw new StructureFormatException($"expected a data_ block header, found '{Short(t.Text)}'", line: t.Line);
            if (!t.Quoted && t.Text.Equals("loop_", StringComparison.OrdinalIgnoreCase))
            {
                int loopLine = t.Line;
                i++;
                var tags = new List<string>();
                while (i < tokens.Count && !tokens[i].Quoted && tokens[i].Text.StartsWith('_')) { tags.Add(tokens[i].Text); i++; }
                if (tags.Count == 0) throw new StructureFormatException("loop_ without tags", line: loopLine);
                var values = new List<CifValue>();
                while (i < tokens.Count && !IsReserved(tokens[i])) { values.Add(new CifValue(tokens[i].Text, tokens[i].Line, tokens[i].Quoted)); i++; }
                if (values.Count % tags.Count != 0)
                    throw new StructureFormatException(
                        $"loop of {tags.Count} tags ({tags[0]} …) has {values.Count} values, not a multiple of {tags.Count}", line: loopLine);
                var rows = new List<CifValue[]>();
                for (int r = 0; r < values.Count; r += tags.Count) rows.Add(values.GetRange(r, tags.Count).ToArray());
                block.Loops.Add(new CifLoop(tags, rows, loopLine));
                continue;
            }
            if (!t.Quoted && t.Text.StartsWith('_'))
            {
                if (i + 1 >= tokens.Count || IsReserved(tokens[i + 1]))
                    throw new StructureFormatException($"tag {t.Text} has no value", line: t.Line);
                var v = tokens[i + 1];
                block.Items[t.Text] = new CifValue(v.Text, v.Line, v.Quoted);
                i += 2;
                continue;
            }
            throw new StructureFormatException($"value '{Short(t.Text)}' without a tag", line: t.Line);
        }
        if (blocks.Count == 0) throw new StructureFormatException("no data_ block found (not a CIF file?)");
        return blocks;
    }

    private static bool IsReserved(Token t) =>
        !t.Quoted && (t.Text.StartsWith('_') || t.Text.Equals("loop_", StringComparison.OrdinalIgnoreCase)
                      || t.Text.StartsWith("data_", StringComparison.OrdinalIgnoreCase)
                      || t.Text.StartsWith("save_", StringComparison.OrdinalIgnoreCase));

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static List<Token> Tokenize(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var tokens = new List<Token>();
        for (int ln = 0; ln < lines.Length; ln++)
        {
            var line = lines[ln];
            int lineNo = ln + 1;
            if (line.StartsWith(';'))
            {
                // Text field: everything up to a line that starts with ';'.
                var sb = new System.Text.StringBuilder(line[1..]);
                int start = lineNo;
                ln++;
                while (ln < lines.Length && !lines[ln].StartsWith(';')) { sb.Append('\n').Append(lines[ln]); ln++; }
                if (ln >= lines.Length) throw new StructureFormatException("text field opened with ';' is never closed", line: start);
                tokens.Add(new Token(sb.ToString().Trim(), start, true));
                // Anything after the closing ';' on the same line is tokenised as usual.
                TokenizeLine(lines[ln][1..], ln + 1, tokens);
                continue;
            }
            TokenizeLine(line, lineNo, tokens);
        }
        return tokens;
    }

    private static void TokenizeLine(string line, int lineNo, List<Token> tokens)
    {
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#') return;
            if (c == '\'' || c == '"')
            {
                int j = i + 1;
                while (j < line.Length && !(line[j] == c && (j + 1 == line.Length || char.IsWhiteSpace(line[j + 1])))) j++;
                if (j >= line.Length) throw new StructureFormatException($"unterminated {c}quoted{c} value", line: lineNo);
                tokens.Add(new Token(line[(i + 1)..j], lineNo, true));
                i = j + 1;
                continue;
            }
            int k = i;
            while (k < line.Length && !char.IsWhiteSpace(line[k])) k++;
            tokens.Add(new Token(line[i..k], lineNo, false));
            i = k;
        }
    }
}
