using System.Runtime.CompilerServices;
using BarrierNet.Cli.Commands;

if (CommandRegistry.Refusal(args, RuntimeFeature.IsDynamicCodeSupported) is { } refusal)
{
    Console.Error.WriteLine($"error: {refusal}");
    return CliErrors.BadInput;
}
return CliErrors.Invoke(CommandRegistry.Root(args), args);
