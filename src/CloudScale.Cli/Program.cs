using CloudScale.Cli;

using var shutdown = new ShutdownSignal();
var context = new CliContext(
    Console.Out,
    Console.Error,
    () => StackLayout.Locate(Environment.GetEnvironmentVariable("CLOUDSCALE_ROOT"), Environment.CurrentDirectory));
return await CliApp.RunAsync(args, context, shutdown.Token);
