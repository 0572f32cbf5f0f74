using System.IO.Compression;
using System.Text.Json.Nodes;
using BarrierNet.Cli.Commands;
using BarrierNet.Core.Crystal;
using BarrierNet.Core.IO;
using BarrierNet.Core.Migration;
using BarrierNet.Model.Apps;
using BarrierNet.Tests.Apps;
using Xunit;

namespace BarrierNet.Tests.IO;

/// <summary>Gzip-compressed structures and dumps read as they are; binary files get one line; folders are walked.</summary>
public class CompressedInputTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("barriernet-gz").FullName;

    public void Dispose() { try { Directory.Delete(_tmp, true); } catch (IOException) { } }

    private static void Gzip(string from, string to)
    {
        using var input = File.OpenRead(from);
        using var output = new GZipStream(File.Create(to), CompressionLevel.Optimal);
        input.CopyTo(output);
    }

    private static string Signature(Structure s) => string.Join(";", s.Sites.Select(x => $"{x.Element} {x.Frac}")) + s.Lattice.A + s.Lattice.B + s.Lattice.C;

    [Theory]
    [InlineData("LiFePO4.cif")]
    [InlineData("POSCAR")]
    [InlineData("LiFePO4.json")]
    public void GzippedFileReadsLikeThePlainOne(string name)
    {
        var s = StructureReader.Read(RepoPaths.Example("LiFePO4.cif"));
        var plain = Path.Combine(_tmp, name);
        StructureReader.Write(s, plain);
        Gzip(plain, plain + ".gz");
        Assert.Equal(StructureReader.FormatOf(plain), StructureReader.FormatOf(plain + ".gz"));
        Assert.Equal(Signature(StructureReader.Read(plain)), Signature(StructureReader.Read(plain + ".gz")));
    }

    [Fact]
    public void BinaryFileIsOneLineNotATextFile()
    {
        var bin = Path.Combine(_tmp, "junk.cif");
        File.WriteAllBytes(bin, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray());
        AssertRefusedAsNotText(bin);
    }

    /// <summary>`info` on the file beside a good one: exit 2 and one line for the file, the good one still read.</summary>
    private static void AssertRefusedAsNotText(string file)
    {
        var (output, err) = (new StringWriter(), new StringWriter());
        int code = InfoCommand.Run(new[] { file, RepoPaths.Example("LiFePO4.cif") }, "table", null, output, err);
        Assert.Equal(2, code);
        Assert.Equal($"error: {file}: not a text file", err.ToString().Trim());
        Assert.Contains("LiFePO4", output.ToString());
    }

    [Fact]
    public void GzippedRandomBytesAreNotATextFileEvenWithoutANulByte()
    {
        var random = new Random(7);
        byte[] bytes;
        do { bytes = new byte[200]; random.NextBytes(bytes); } while (Array.IndexOf(bytes, (byte)0) >= 0);
        var raw = Path.Combine(_tmp, "noise");
        File.WriteAllBytes(raw, bytes);
        var gz = Path.Combine(_tmp, "noise.cif.gz");
        Gzip(raw, gz);
        AssertRefusedAsNotText(gz);
    }

    [Fact]
    public void ACifWithLatin1CharactersIsStillText()
    {
        var text = File.ReadAllText(RepoPaths.Example("LiFePO4.cif"));
        var latin1 = Path.Combine(_tmp, "latin1.cif");
        File.WriteAllBytes(latin1, System.Text.Encoding.Latin1.GetBytes("# cell from a 1998 paper, lengths in \u00c5, T = 293 \u00b0K\n" + text));
        Assert.False(TextInput.LooksBinary(File.ReadAllBytes(latin1)));
        Assert.Equal(Signature(StructureReader.Read(RepoPaths.Example("LiFePO4.cif"))), Signature(StructureReader.Read(latin1)));
    }

    [Fact]
    public void BinaryIsToldFromTextByControlCharactersAndInvalidUtf8()
    {
        Assert.False(TextInput.LooksBinary("data_x\r\n_cell_length_a 5.0\t\f\n"u8));
        Assert.False(TextInput.LooksBinary("Li\u2013O bond, 2.0 \u00c5"u8));
        Assert.True(TextInput.LooksBinary("data_x\u0001\u0002\u0003 abc"u8));
        var high = Enumerable.Repeat((byte)0xc3, 50).Concat("text"u8.ToArray()).ToArray();   // lead bytes with no continuation
        Assert.True(TextInput.LooksBinary(high));
    }

    [Fact]
    public void HopsCommandReadsAGzippedCif()
    {
        var gz = Path.Combine(_tmp, "LiFePO4.cif.gz");
        Gzip(RepoPaths.Example("LiFePO4.cif"), gz);
        var settings = new HopsCommand.Settings(new HopOptions(), "json", null, null, BandSupercell.DefaultMinimumWidth);
        var (plain, zipped) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, HopsCommand.Run(new[] { RepoPaths.Example("LiFePO4.cif") }, settings, plain, TextWriter.Null));
        Assert.Equal(0, HopsCommand.Run(new[] { gz }, settings, zipped, TextWriter.Null));
        Assert.Equal(plain.ToString().Replace(RepoPaths.Example("LiFePO4.cif"), "F"), zipped.ToString().Replace(gz, "F"));
    }

    private ScreenSummary Screen(string input, string tag) =>
        new ScreenRunner(new MaterialPredictor(new LengthModel(), new HopOptions("Li")),
            new ScreenOptions(input, Path.Combine(_tmp, tag + ".csv"), Path.Combine(_tmp, tag + "-errors.csv"), "Li", false, ShardSpec.All, BatchSize: 2)).Run();

    [Fact]
    public void ScreenReadsAGzippedJsonLinesDumpAsThePlainOne()
    {
        var dump = Path.Combine(_tmp, "dump.jsonl");
        var lines = new[] { "LiFePO4.cif", "LiMn2O4.cif", "Li3V2P3O12.cif" }.Select((f, i) => new JsonObject
        {
            ["material_id"] = $"mp-{i + 1}",
            ["structure"] = PymatgenDictWriter.Write(StructureReader.Read(RepoPaths.Example(f))),
        }.ToJsonString());
        File.WriteAllLines(dump, lines);
        Gzip(dump, dump + ".gz");
        var plain = Screen(dump, "plain");
        var zipped = Screen(dump + ".gz", "zipped");
        Assert.Equal(3, plain.Scored);
        Assert.Equal((plain.Documents, plain.Scored, plain.Errors), (zipped.Documents, zipped.Scored, zipped.Errors));
        Assert.Equal(File.ReadAllText(Path.Combine(_tmp, "plain.csv")), File.ReadAllText(Path.Combine(_tmp, "zipped.csv")));
    }

    [Fact]
    public void ScreenWalksSubFoldersNamingEachMaterialByItsRelativePath()
    {
        var root = Path.Combine(_tmp, "materials");
        foreach (var (id, file) in new[] { ("mp-2", "LiMn2O4.cif"), ("mp-1", "LiFePO4.cif") })
        {
            Directory.CreateDirectory(Path.Combine(root, id));
            StructureReader.Write(StructureReader.Read(RepoPaths.Example(file)), Path.Combine(root, id, "POSCAR"));
        }
        Gzip(RepoPaths.Example("Li3V2P3O12.cif"), Path.Combine(root, "mp-3.cif.gz"));
        File.WriteAllBytes(Path.Combine(root, "mp-1", "CONTCAR"), new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2 });
        var summary = Screen(root, "folder");
        Assert.Equal(3, summary.Scored);
        Assert.Equal(1, summary.Errors);
        var rows = CsvJournal<ScreenRow>.Resume(Path.Combine(_tmp, "folder.csv"), out var r); rows.Dispose();
        Assert.Equal(new[] { "mp-1/POSCAR", "mp-2/POSCAR", "mp-3.cif.gz" }, r.Select(x => x.MaterialId));
        var errs = CsvJournal<ScreenError>.Resume(Path.Combine(_tmp, "folder-errors.csv"), out var e); errs.Dispose();
        Assert.Equal(("mp-1/CONTCAR", "not a text file"), (e[0].MaterialId, e[0].Reason));
    }
}
