using Spectre.Console;

namespace BarrierNet.Cli.Commands;

/// <summary>
/// A Spectre console that writes plain tables (no colour, no cursor tricks) to any writer, so that a command's
/// output reads the same on a terminal, in a pipe, in a log file and in the tests.
/// </summary>
internal static class PlainConsole
{
    public static IAnsiConsole For(TextWriter writer, int width = 160)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}
