using CloudScale.Host;

// `CloudScale.Host backfill inventory` runs the one-off stock copy and exits; anything else serves the shopper API.
return args is ["backfill", ..]
    ? await HostCommands.BackfillAsync(args[1..])
    : await HostApp.RunAsync(args);
