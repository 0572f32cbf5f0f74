using System.CommandLine;
using BarrierNet.Cli.Commands;
using Xunit;

namespace BarrierNet.Tests.Cli;

/// <summary>Options of `calibrate` that only the out-of-fold refit reads are refused without --oof, not ignored.</summary>
[Collection("process-wide console")]
public class CalibrateCommandTests
{
    [Theory]
    [InlineData("--bins", "thresholds")]
    [InlineData("--bins", "quintiles")]
    public void BinsWithoutOutOfFoldFilesIsOneLineAndExitTwo(params string[] extra)
    {
        var (code, stderr) = Run(["calibrate", "--data", "no-such.json", "--out", "no-such-dir", .. extra]);
        Assert.Equal(2, code);
        Assert.Equal("--bins applies to --oof only", stderr.Trim().Replace("error: ", ""));
    }

    private static (int Code, string Stderr) Run(string[] args)
    {
        var root = CommandRegistry.Root(args);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return (CliErrors.Invoke(root, args), stderr.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }
}
