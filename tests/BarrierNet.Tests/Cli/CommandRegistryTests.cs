using System.CommandLine;
using BarrierNet.Cli.Commands;
using Xunit;

namespace BarrierNet.Tests.Cli;

/// <summary>
/// A command line that names its command builds only that command; it must parse and answer exactly as with every
/// command built.
/// </summary>
[Collection("process-wide console")]
public class CommandRegistryTests
{
    [Fact]
    public void EachRegisteredNameIsTheNameOfTheCommandItBuilds()
    {
        Assert.Equal(CommandRegistry.Names, CommandRegistry.All().Select(c => c.Name));
        Assert.Equal(15, CommandRegistry.Names.Distinct().Count());
    }

    [Theory]
    [InlineData("hops")]
    [InlineData("info")]
    [InlineData("predict")]
    [InlineData("screen")]
    public void ACommandLineNamingItsCommandBuildsOnlyThatCommand(string name)
    {
        var built = CommandRegistry.For([name, "x.cif"]).ToList();
        Assert.Equal(name, Assert.Single(built).Name);
    }

    [Theory]
    [InlineData]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData("hop")]
    [InlineData("x.cif", "hops")]
    public void AnyOtherCommandLineBuildsEveryCommand(params string[] args) =>
        Assert.Equal(CommandRegistry.Names, CommandRegistry.For(args).Select(c => c.Name));

    [Theory]
    [InlineData("hops", "--help")]
    [InlineData("info", "--help")]
    [InlineData("predict", "--help")]
    [InlineData("hops", "--format", "yaml", "x.cif")]
    [InlineData("info", "--neighbors", "many", "x.cif")]
    [InlineData("hops", "--no-such-option", "x.cif")]
    [InlineData("info")]
    public void TheAnswerIsTheSameAsWithEveryCommandBuilt(params string[] args)
    {
        var everything = new RootCommand(CommandRegistry.Root([]).Description!);
        foreach (var c in CommandRegistry.All()) everything.Subcommands.Add(c);
        var lazy = CommandRegistry.Root(args);
        Assert.Single(lazy.Subcommands);
        Assert.Equal(Run(everything, args), Run(lazy, args));
    }

    private static (int Code, string Stdout, string Stderr) Run(RootCommand root, string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return (CliErrors.Invoke(root, args), stdout.ToString(), stderr.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("screen")]
    [InlineData("finetune")]
    public void ANativeBuildRefusesAModelCommandInOneLineNamingTheCommandsItRuns(string name)
    {
        var refusal = CommandRegistry.Refusal([name, "x.cif"], dynamicCodeSupported: false);
        Assert.NotNull(refusal);
        Assert.DoesNotContain('\n', refusal);
        Assert.Contains($"'{name}'", refusal);
        Assert.Contains("hops, landscape, info", refusal);
        Assert.Null(CommandRegistry.Refusal([name, "x.cif"], dynamicCodeSupported: true));
    }

    [Theory]
    [InlineData("hops", "x.cif")]
    [InlineData("info", "x.cif")]
    [InlineData("landscape", "x.cif")]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData]
    public void ANativeBuildRunsTheStructureCommandsAndTheRootAnswers(params string[] args) =>
        Assert.Null(CommandRegistry.Refusal(args, dynamicCodeSupported: false));
}
