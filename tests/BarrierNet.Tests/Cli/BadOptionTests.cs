using System.CommandLine;
using BarrierNet.Cli.Commands;
using BarrierNet.Core.Data;
using BarrierNet.Tests.Apps;
using Xunit;

namespace BarrierNet.Tests.Cli;

[CollectionDefinition("process-wide console", DisableParallelization = true)]
public class ProcessWideConsole { }

/// <summary>
/// Every option of every command, given values a user might mistype (a word where a number belongs, a negative
/// number, NaN), ends in short error lines and a non-zero exit code, never a stack trace. The commands run in this
/// process against a stand-in model, from an empty working directory with no data folder, so none of them gets as
/// far as training.
/// </summary>
[Collection("process-wide console")]
public class BadOptionTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("barriernet-badopt").FullName;
    private readonly string _cwd = Environment.CurrentDirectory;
    private readonly string? _data = Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable);

    public BadOptionTests()
    {
        Environment.CurrentDirectory = _tmp;
        Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, Path.Combine(_tmp, "no-data"));
    }

    public void Dispose()
    {
        Environment.CurrentDirectory = _cwd;
        Environment.SetEnvironmentVariable(DataPaths.EnvironmentVariable, _data);
        try { Directory.Delete(_tmp, true); } catch (IOException) { }
    }

    private static readonly string[] BadValues = { "§bad", "-1", "NaN" };

    [Fact]
    public void EveryOptionOfEveryCommandWithABadValueGivesErrorLinesAndNoStackTrace()
    {
        var model = LengthModel.Directory();
        var structure = Path.Combine(_tmp, "LiFePO4.cif");
        File.Copy(RepoPaths.Example("LiFePO4.cif"), structure);
        var problems = new List<string>();
        int runs = 0;
        foreach (var command in CommandRegistry.All())
        {
            foreach (var option in command.Options.Where(o => o.Name is not ("--help" or "-h" or "-?")))
                foreach (var bad in BadValues)
                {
                    var args = BaseArguments(command, structure, model, except: option.Name).ToList();
                    args.Add(option.Name);
                    args.Add(bad);
                    var (code, stderr) = Invoke(args.ToArray());
                    runs++;
                    string call = string.Join(' ', args);
                    if (stderr.Contains("   at ") || stderr.Contains("Unhandled exception") || stderr.Contains("internal error"))
                        problems.Add($"{call}: {stderr}");
                    else if (code == 0 && bad == "§bad" && option.ValueType != typeof(string))
                        problems.Add($"{call}: accepted");
                }
        }
        Assert.True(runs >= 3 * 120, $"only {runs} calls: the commands lost their options?");
        Assert.True(problems.Count == 0, $"{problems.Count} of {runs} calls:\n" + string.Join("\n---\n", problems.Take(10)));
        Directory.Delete(model, true);
    }

    [Fact]
    public void UnknownIonIsOneLine()
    {
        var (code, stderr) = Invoke(new[] { "predict", RepoPaths.Example("LiFePO4.cif"), "--ion", "Fe", "--model", LengthModel.Directory() });
        Assert.Equal(2, code);
        Assert.Equal($"error: {RepoPaths.Example("LiFePO4.cif")}: Fe is not a mobile ion the models were trained on (Li, Na, K, Rb, Cs, Mg, Ca, Sr, Zn, Al)", stderr.Trim());
    }

    [Fact]
    public void UnknownPretrainingTaskIsOneLineNamingTheChoices()
    {
        var (code, stderr) = Invoke(new[] { "pretrain", "--task", "Bogus", "--out", Path.Combine(_tmp, "pretrained") });
        Assert.Equal(2, code);
        Assert.Equal("error: --task must be properties or migration, not 'Bogus'", stderr.Trim());
    }

    /// <summary>The arguments a command needs to start: a structure, the stand-in model, files that do not exist.</summary>
    private IEnumerable<string> BaseArguments(Command command, string structure, string model, string except)
    {
        yield return command.Name;
        foreach (var a in command.Arguments) yield return a.Name == "input" ? _tmp : structure;
        foreach (var o in command.Options)
        {
            if (o.Name == except) continue;
            if (o.Name == "--model") { yield return o.Name; yield return model; }
            else if (o.Required) { yield return o.Name; yield return Path.Combine(_tmp, o.Name.TrimStart('-') + "-" + Guid.NewGuid().ToString("N")[..6]); }
        }
    }

    private static (int Code, string Stderr) Invoke(string[] args)
    {
        var root = CommandRegistry.Root(args);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return (CliErrors.Invoke(root, args), stderr.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }
}
