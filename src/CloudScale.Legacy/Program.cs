using CloudScale.Legacy;

await LegacyApp.Create(args).RunAsync();
