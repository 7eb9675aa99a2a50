using CloudScale.Proxy;

await ProxyApp.Create(args).RunAsync();
