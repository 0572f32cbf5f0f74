using System.CommandLine;

namespace BarrierNet.Cli.Commands;

/// <summary>Every sub-command of `barriernet`, in the order `--help` lists them.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return PredictCommand.Create();
        yield return ScreenCommand.Create();
        yield return HopsCommand.Create();
        yield return LandscapeCommand.Create();
        yield return SuggestCommand.Create();
        yield return InfoCommand.Create();
        yield return PretrainCommand.Create();
        yield return MigrationLabelsCommand.Create();
        yield return BaselineCommand.Create();
        yield return EvaluateCommand.Create();
        yield return CalibrateCommand.Create();
        yield return ExperimentCommand.Create();
        yield return BenchGnnCommand.Create();
        yield return FinetuneCommand.Create();
        yield return SubsetCommand.Create();
    }
}
