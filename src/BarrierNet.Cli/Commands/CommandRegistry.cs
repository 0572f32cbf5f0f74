using System.CommandLine;
using System.Runtime.CompilerServices;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// Every sub-command of `barriernet`, in the order `--help` lists them. A call that names its command builds only that
/// one: a per-file `hops` or `info` in a shell loop then does not pay for the options of the other commands (nor load
/// the model layer they refer to).
/// </summary>
internal static class CommandRegistry
{
    // Native: the command runs in a natively compiled build (PublishAot), which has no model layer: structure
    // commands only. The others need the standard build (TorchSharp and the descriptor models use runtime code
    // generation). Their factories are left out where runtime code generation is missing: the native compiler treats
    // RuntimeFeature.IsDynamicCodeSupported as false and drops the model layer from the executable, which is then
    // smaller and starts faster in every per-file call.
    private static readonly (string Name, Func<Command>? Create, bool Native)[] Commands =
    [
        ("predict", RuntimeFeature.IsDynamicCodeSupported ? PredictCommand.Create : null, false),
        ("screen", RuntimeFeature.IsDynamicCodeSupported ? ScreenCommand.Create : null, false),
        ("hops", HopsCommand.Create, true),
        ("landscape", LandscapeCommand.Create, true),
        ("suggest", RuntimeFeature.IsDynamicCodeSupported ? SuggestCommand.Create : null, false),
        ("info", InfoCommand.Create, true),
        ("pretrain", RuntimeFeature.IsDynamicCodeSupported ? PretrainCommand.Create : null, false),
        ("migration-labels", RuntimeFeature.IsDynamicCodeSupported ? MigrationLabelsCommand.Create : null, false),
        ("baseline", RuntimeFeature.IsDynamicCodeSupported ? BaselineCommand.Create : null, false),
        ("evaluate", RuntimeFeature.IsDynamicCodeSupported ? EvaluateCommand.Create : null, false),
        ("calibrate", RuntimeFeature.IsDynamicCodeSupported ? CalibrateCommand.Create : null, false),
        ("experiment", RuntimeFeature.IsDynamicCodeSupported ? ExperimentCommand.Create : null, false),
        ("bench-gnn", RuntimeFeature.IsDynamicCodeSupported ? BenchGnnCommand.Create : null, false),
        ("finetune", RuntimeFeature.IsDynamicCodeSupported ? FinetuneCommand.Create : null, false),
        ("subset", RuntimeFeature.IsDynamicCodeSupported ? SubsetCommand.Create : null, false),
    ];

    /// <summary>The names, in the order `--help` lists them.</summary>
    public static IEnumerable<string> Names => Commands.Select(c => c.Name);

    /// <summary>Every command this build has (in a natively compiled build, the structure commands), in the order `--help` lists them.</summary>
    public static IEnumerable<Command> All() => Commands.Where(c => c.Create is not null).Select(c => c.Create!());

    /// <summary>
    /// The commands a command line needs: only the one it names when its first word is a command's name, otherwise all
    /// (root help, --version, a misspelt command that the parser answers with the list of commands).
    /// </summary>
    public static IEnumerable<Command> For(IReadOnlyList<string> args)
    {
        int named = Named(args);
        return named >= 0 && Commands[named].Create is { } create ? [create()] : All();
    }

    /// <summary>The commands a natively compiled build runs.</summary>
    public static IEnumerable<string> NativeNames => Commands.Where(c => c.Native).Select(c => c.Name);

    /// <summary>
    /// Why a command line cannot run in this build, or null when it can: a natively compiled build (no runtime code
    /// generation) refuses a command that needs the model layer with one line naming the commands it does run.
    /// </summary>
    public static string? Refusal(IReadOnlyList<string> args, bool dynamicCodeSupported)
    {
        int named = Named(args);
        if (dynamicCodeSupported || named < 0 || Commands[named].Native) return null;
        return $"'{args[0]}' needs the model layer, which this natively compiled build does not have; it runs {string.Join(", ", NativeNames)}. " +
               "Use the standard build (the dotnet tool, or dotnet publish without PublishAot) for the other commands";
    }

    /// <summary>The root command with the sub-commands <paramref name="args"/> needs.</summary>
    public static RootCommand Root(IReadOnlyList<string> args)
    {
        var root = new RootCommand("BarrierNet: migration barriers of mobile ions in crystals, from a graph neural network.");
        foreach (var command in For(args))
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>The index of the command a command line names by its first word, or −1 when it names none.</summary>
    private static int Named(IReadOnlyList<string> args) =>
        args.Count > 0 ? Array.FindIndex(Commands, c => c.Name == args[0]) : -1;
}
