using System.CommandLine;

namespace BarrierNet.Cli.Commands;

/// <summary>Every sub-command of `barriernet`, in the order `--help` lists them.</summary>
public static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return PretrainCommand.Create();
        yield return BenchGnnCommand.Create();
    }
}
