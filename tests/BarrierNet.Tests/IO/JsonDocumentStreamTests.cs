using BarrierNet.Core.IO;
using Xunit;

namespace BarrierNet.Tests.IO;

public class JsonDocumentStreamTests
{
    [Fact]
    public void ArrayAndJsonLinesGiveTheSameDocumentsWithLines()
    {
        var array = "[\n  {\"a\": \"x{y\"},\n  {\"b\": [1, {\"c\": \"\\\"}\"}]}\n]\n";
        var lines = "{\"a\": \"x{y\"}\n{\"b\": [1, {\"c\": \"\\\"}\"}]}\n";
        var fromArray = JsonDocumentStream.Read(new StringReader(array)).ToList();
        var fromLines = JsonDocumentStream.Read(new StringReader(lines)).ToList();
        Assert.Equal(2, fromArray.Count);
        Assert.Equal(fromArray.Select(c => c.Text), fromLines.Select(c => c.Text));
        Assert.Equal(new long[] { 2, 3 }, fromArray.Select(c => c.Line));
        Assert.Equal(new long[] { 1, 2 }, fromLines.Select(c => c.Line));
        foreach (var c in fromArray) System.Text.Json.JsonDocument.Parse(c.Text).Dispose();
    }

    [Fact]
    public void GarbageAndTruncatedDocumentsAreSeparateChunks()
    {
        var text = "[{\"ok\": 1},\nnot json at all\n{\"ok\": 2},\n{\"cut\": [1, 2";
        var chunks = JsonDocumentStream.Read(new StringReader(text)).ToList();
        Assert.Equal(4, chunks.Count);
        Assert.Equal("not json at all", chunks[1].Text);
        Assert.Equal(2, chunks[1].Line);
        Assert.Equal(4, chunks[3].Line);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(chunks[3].Text));
    }

    [Fact]
    public void ACorruptedJsonLineCostsOnlyItself()
    {
        var text = "\n{\"ok\": 1}\n{\"cut\": {\"a\": \n{\"ok\": 2}\n";
        var chunks = JsonDocumentStream.Read(new StringReader(text)).ToList();
        Assert.Equal(new[] { "{\"ok\": 1}", "{\"cut\": {\"a\":", "{\"ok\": 2}" }, chunks.Select(c => c.Text));
        Assert.Equal(new long[] { 2, 3, 4 }, chunks.Select(c => c.Line));
    }
}
