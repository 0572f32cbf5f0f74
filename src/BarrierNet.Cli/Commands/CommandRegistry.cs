using System.CommandLine;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// Every sub-command of `barriernet`, in the order `--help` lists them. A call that names its command builds only that
/// one: a per-file `hops` or `info` in a shell loop then does not pay for the options of the other commands (nor load
/// the model layer they refer to).
/// </summary>
internal static class CommandRegistry
{
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("predict", PredictCommand.Create),
        ("screen", ScreenCommand.Create),
        ("hops", HopsCommand.Create),
        ("landscape", LandscapeCommand.Create),
        ("suggest", SuggestCommand.Create),
        ("info", InfoCommand.Create),
        ("pretrain", PretrainCommand.Create),
        ("migration-labels", MigrationLabelsCommand.Create),
        ("baseline", BaselineCommand.Create),
        ("evaluate", EvaluateCommand.Create),
        ("calibrate", CalibrateCommand.Create),
        ("experiment", ExperimentCommand.Create),
        ("bench-gnn", BenchGnnCommand.Create),
        ("finetune", FinetuneCommand.Create),
        ("subset", SubsetCommand.Create),
    ];

    /// <summary>The names, in the order `--help` lists them.</summary>
    public static IEnumerable<string> Names => Commands.Select(c => c.Name);

    public static IEnumerable<Command> All() => Commands.Select(c => c.Create());

    /// <summary>
    /// The commands a command line needs: only the one it names when its first word is a command's name, otherwise all
    /// (root help, --version, a misspelt command that the parser answers with the list of commands).
    /// </summary>
    public static IEnumerable<Command> For(IReadOnlyList<string> args)
    {
        var named = args.Count > 0 ? Array.FindIndex(Commands, c => c.Name == args[0]) : -1;
        return named >= 0 ? [Commands[named].Create()] : All();
    }

    /// <summary>The root command with the sub-commands <paramref name="args"/> needs.</summary>
    public static RootCommand Root(IReadOnlyList<string> args)
    {
        var root = new RootCommand("BarrierNet: migration barriers of mobile ions in crystals, from a graph neural network.");
        foreach (var command in For(args))
            root.Subcommands.Add(command);
        return root;
    }
}
