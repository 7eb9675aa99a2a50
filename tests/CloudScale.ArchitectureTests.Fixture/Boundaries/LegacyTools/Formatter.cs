namespace Fixture.LegacyTools;

public sealed class Formatter;
