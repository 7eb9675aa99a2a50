// Clean proxy code: the rules must not report it.
using Fixture.LegacyTools;

namespace Fixture.Proxy;

public sealed class ProxyRoute
{
    public string Path { get; init; } = "/";
}

// "Fixture.LegacyTools" shares a string prefix with "Fixture.Legacy" but is another namespace.
public static class UsesLegacyTools
{
    public static string Format() => new Formatter().ToString()!;
}
