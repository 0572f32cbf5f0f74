using System.CommandLine;
using BarrierNet.Cli.Commands;

var root = new RootCommand("BarrierNet: migration barriers of mobile ions in crystals, from a graph neural network.");
foreach (var command in CommandRegistry.All())
    root.Subcommands.Add(command);
return CliErrors.Invoke(root, args);
