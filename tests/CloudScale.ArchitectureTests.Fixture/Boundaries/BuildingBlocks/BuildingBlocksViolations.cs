// Shared-kernel code reaching back into services.
using Fixture.Cli;
using Fixture.DevStack;
using Fixture.Proxy;

namespace Fixture.BuildingBlocks.Bad;

public static class EmptyRoutes
{
    public static object Create() => Array.Empty<ProxyRoute>();
}

public static class RunsCliCommand
{
    public static async Task<string> NameAsync()
    {
        await Task.Yield();
        return new CliCommand().Name;
    }
}

public static class ConsumesDevBroker
{
    public static void Connect() => DevBroker.Start();
}
