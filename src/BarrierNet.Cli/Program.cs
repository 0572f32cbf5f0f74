using BarrierNet.Cli.Commands;

return CliErrors.Invoke(CommandRegistry.Root(args), args);
